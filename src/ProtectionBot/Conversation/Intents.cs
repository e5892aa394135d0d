using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Interview;

namespace ProtectionBot.Conversation;

/// <summary>
/// Requests understood at any step, in a full sentence and in any of the three languages: talk to a person, help, start
/// again, another language, erase my data, how my case stands (<c>intents:</c> in <c>dialogs/understanding</c>). A
/// denied request is none ("no quiero hablar con nadie"), and neither is a long message nor the description the person
/// is writing, where "hablar con alguien" tells what happened.
/// </summary>
internal sealed class Intents(Understanding understanding)
{
    public const string TalkToPerson = "talk-to-person";
    public const string Help = "help";
    public const string Restart = "restart";
    public const string Erase = "erase";
    public const string CaseStatus = "case-status";
    private const string LanguagePrefix = "language-";

    private const string DigitalAttackQuestion = "situations";
    private const string DigitalAttack = "digital-attack";

    /// <summary>A request is a short message; a long one is an answer or a story.</summary>
    private const int MaxWords = 20;

    private const string CacheKey = nameof(Intents);

    /// <summary>The request this turn's message makes, or null.</summary>
    public string? Of(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.TurnItems.TryGetValue(CacheKey, out var cached))
            return ((string)cached).Length == 0 ? null : (string)cached;
        var intent = Read(turn);
        turn.TurnItems[CacheKey] = intent ?? "";
        return intent;
    }

    public bool Is(TurnContext turn, string intent) => Of(turn) == intent;

    /// <summary>The language a message asks to go on in ("en français s'il vous plaît"), when it is not the one in use.</summary>
    public string? LanguageAskedFor(TurnContext turn) =>
        Of(turn) is { } intent && intent.StartsWith(LanguagePrefix, StringComparison.Ordinal) && intent[LanguagePrefix.Length..] is var language
            && language != ConversationLanguage.Of(turn)
            ? language
            : null;

    private string? Read(TurnContext turn)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message) || string.IsNullOrWhiteSpace(turn.Activity.Text) || IsWritingFreely(turn))
            return null;
        var reading = understanding.Read(UnderstandingFiles.IntentQuestion, ConversationLanguage.Of(turn), turn.Activity.Text);
        var named = reading.Options;
        if (named.Count == 0 || turn.Activity.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxWords)
            return null;
        // "hackearon la página y borraron todo": what an attacker erased is a digital attack told, not a request to erase.
        if (named.Contains(Erase) && understanding.Read(DigitalAttackQuestion, ConversationLanguage.Of(turn), turn.Activity.Text).Options.Contains(DigitalAttack))
            named = [.. named.Where(n => n != Erase)];
        // Erasing wins over anything said with it: it is what protects the person.
        return named.Contains(Erase) ? Erase : named.Count == 1 ? named[0] : null;
    }

    private static bool IsWritingFreely(TurnContext turn) =>
        turn.State.DialogStack is [{ Id: InterviewPrompts.Description or "handoff.description" }, ..];
}
