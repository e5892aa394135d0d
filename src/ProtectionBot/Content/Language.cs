namespace ProtectionBot.Content;

/// <summary>The languages every user-facing text exists in.</summary>
internal static class Language
{
    public const string Spanish = "es";
    public const string French = "fr";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Spanish, French, English];

    /// <summary>Spanish is the default: most of the defenders this serves first write in it.</summary>
    public const string Default = Spanish;

    /// <summary>The supported language of a BCP-47 locale such as <c>es-CO</c> or <c>fr</c>, or null.</summary>
    public static string? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length < 2)
            return null;
        var prefix = locale[..2].ToLowerInvariant();
        return All.Contains(prefix) ? prefix : null;
    }

    /// <summary>The locale sent on replies, so channels and card renderers format in the chosen language.</summary>
    public static string ToLocale(string language) => language switch
    {
        French => "fr-FR",
        English => "en-US",
        _ => "es-ES",
    };
}
