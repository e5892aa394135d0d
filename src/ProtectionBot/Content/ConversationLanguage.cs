using BotProtocol.State;
using BotProtocol.Turns;

namespace ProtectionBot.Content;

/// <summary>The language of a conversation: chosen by the person, else guessed from the channel's locale.</summary>
internal static class ConversationLanguage
{
    private const string Key = "language";

    public static string Of(TurnContext turn) =>
        turn.State.Properties.TryGetValue(Key, out var chosen) && chosen.GetString() is { } language
            ? language
            : Language.FromLocale(turn.Activity.Locale) ?? Language.Default;

    public static bool IsChosen(TurnContext turn) => turn.State.Properties.ContainsKey(Key);

    /// <summary>The language the person chose, read from a stored state outside a turn (a channel setting the locale), or null.</summary>
    public static string? ChosenIn(ConversationState state) =>
        state.Properties.TryGetValue(Key, out var chosen) && chosen.ValueKind == System.Text.Json.JsonValueKind.String ? chosen.GetString() : null;

    public static void Choose(TurnContext turn, string language) =>
        turn.State.Set(Key, language, ContentJsonContext.Default.String);
}
