using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Interview;

namespace ProtectionBot.Conversation;

/// <summary>
/// Requests understood at any step, in a full sentence and in any of the three languages: talk to a person, help, start
/// again, another language, erase my data, leave at once, how my case stands, "I don't understand the question"
/// (<c>intents:</c> in <c>dialogs/understanding</c>). A denied request is none ("no quiero hablar con nadie"), and
/// neither is a long message. In the description the person is writing, where "hablar con alguien" tells what
/// happened, only a short message asking to erase or to leave is a request ("effacer mes infos").
/// </summary>
internal sealed class Intents(Understanding understanding)
{
    public const string TalkToPerson = "talk-to-person";
    public const string Help = "help";
    public const string Restart = "restart";
    public const string Erase = "erase";
    public const string CaseStatus = "case-status";
    public const string QuickExit = "quick-exit";

    /// <summary>"Hola", "bonjour", "hi" and nothing else: no answer, so the question waiting is asked again, not refused.</summary>
    public const string Greeting = "greeting";

    /// <summary>The person did not understand the question: it is explained, not answered for them.</summary>
    public const string NotUnderstood = "not-understood";

    /// <summary>
    /// Leaving ("y salir de acá", "et sortir d'ici", "and exit"): a request only beside erasing, since "salir del país"
    /// answers where to go.
    /// </summary>
    private const string Leave = "leave";
    private const string LanguagePrefix = "language-";

    private const string DigitalAttackQuestion = "situations";
    private const string DigitalAttack = "digital-attack";

    /// <summary>A request is a short message; a long one is an answer or a story.</summary>
    private const int MaxWords = 20;

    /// <summary>While the person writes freely, a request (erase, leave, "I don't understand") is all the message says.</summary>
    private const int MaxWordsWhileWriting = 6;

    /// <summary>
    /// An answer to the question that also uses erasing words reports an attack ("hackearon la página y borraron todo");
    /// one as long as this is a story, not a request.
    /// </summary>
    private const int MaxWordsOfEraseBesideAnAnswer = 8;

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
        if (!turn.Activity.IsType(ActivityTypes.Message) || string.IsNullOrWhiteSpace(turn.Activity.Text))
            return null;
        var words = turn.Activity.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var writingFreely = IsWritingFreely(turn);
        if (words > (writingFreely ? MaxWordsWhileWriting : MaxWords))
            return null;
        var language = ConversationLanguage.Of(turn);
        var named = understanding.Read(UnderstandingFiles.IntentQuestion, language, turn.Activity.Text).Options.ToList();
        var leaving = named.Remove(Leave);
        // Leaving wins over erasing said with it ("borrar todo y salir"): the quick exit erases everything too, and
        // answers in the fewest words, so that nothing is left on the screen.
        if (named.Contains(QuickExit) || (leaving && named.Contains(Erase)))
            return QuickExit;
        // "hackearon la página y borraron todo": what an attacker erased is a digital attack told, not a request to erase.
        if (named.Contains(Erase) && understanding.Read(DigitalAttackQuestion, language, turn.Activity.Text).Options.Contains(DigitalAttack))
            named.Remove(Erase);
        // Erasing wins over anything said with it: it is what protects the person.
        if (named.Contains(Erase))
            return words > MaxWordsOfEraseBesideAnAnswer && AnswersTheQuestion(turn, language) ? null : Erase;
        if (named is not [var one])
            return null;
        // "No entiendo por qué nos atacan" answers the question; a person who does not understand it gives no answer.
        if (one == NotUnderstood)
            return AnswersTheQuestion(turn, language) ? null : NotUnderstood;
        return writingFreely ? null : one;
    }

    private bool AnswersTheQuestion(TurnContext turn, string language) =>
        turn.State.DialogStack is [{ Id: var prompt }, ..] && InterviewPrompts.QuestionOf(prompt) is { } question
        && understanding.Read(question, language, turn.Activity.Text).Options.Count > 0;

    private static bool IsWritingFreely(TurnContext turn) =>
        turn.State.DialogStack is [{ Id: InterviewPrompts.Description or "handoff.description" }, ..];
}
