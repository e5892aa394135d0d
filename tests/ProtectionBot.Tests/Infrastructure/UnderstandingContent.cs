using ProtectionBot.Content;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>The word lists of <c>dialogs/understanding</c> as the build copies them next to the tests, read once.</summary>
internal static class UnderstandingContent
{
    public static UnderstandingWords Words { get; } = UnderstandingFiles.LoadWords(AppContext.BaseDirectory);
}
