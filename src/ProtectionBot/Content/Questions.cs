using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;

namespace ProtectionBot.Content;

/// <summary>
/// How every dialog asks, in the conversation's language: a question that waits for an answer, yes/no and one-of
/// questions worded by text keys, and the ways a person declines to answer, in any language.
/// </summary>
internal sealed class Questions(TextCatalog texts, Understanding understanding)
{
    /// <summary>A question with no options of its own: only plain yes, no and doubt are read.</summary>
    public const string PlainYesNo = "plain-yes-no";

    /// <summary>Longer than this, an answer that starts with "no" is a story.</summary>
    private const int MaxWordsOfAPlainNo = 5;

    public static Activity Question(string text) => new() { Type = ActivityTypes.Message, Text = text, InputHint = InputHints.ExpectingInput };

    /// <summary>A yes/no question for a <see cref="ConfirmPrompt"/> of another dialog: its buttons' titles are their values.</summary>
    public Task<DialogTurnResult> AskYesNoAsync<T>(WaterfallStepContext<T> step, string promptId, string questionKey, string yesKey, string noKey, CancellationToken cancellationToken)
        where T : class, new()
    {
        var language = ConversationLanguage.Of(step.Context);
        return step.PromptAsync(promptId, new PromptOptions
        {
            Prompt = Question(texts.Get(language, questionKey)),
            RetryPrompt = Question(texts.Get(language, "prompt.retry_numbered")),
            LastResort = texts.Get(language, "prompt.last_resort_help"),
            Choices = [new Choice(texts.Get(language, yesKey)), new Choice(texts.Get(language, noKey))],
        }, cancellationToken);
    }

    /// <summary>One of <paramref name="codes"/> for a <see cref="ChoicePrompt"/> of another dialog, labelled by <c>{questionKey}.{code}</c>.</summary>
    public Task<DialogTurnResult> AskOneAsync<T>(WaterfallStepContext<T> step, string promptId, string questionKey, IReadOnlyList<string> codes, CancellationToken cancellationToken)
        where T : class, new()
    {
        var language = ConversationLanguage.Of(step.Context);
        return step.PromptAsync(promptId, new PromptOptions
        {
            Prompt = Question(texts.Get(language, $"{questionKey}.ask")),
            RetryPrompt = Question(texts.Get(language, "prompt.retry_numbered")),
            LastResort = texts.Get(language, "prompt.last_resort_help"),
            Choices = [.. codes.Select(code => new Choice(code) { Title = texts.Get(language, $"{questionKey}.{code}") })],
        }, cancellationToken);
    }

    /// <summary>
    /// The skip word of any language or another way of skipping, "prefer not to say", or a short plain no ("no gracias", "non merci", "no quiero
    /// contar más"): a person may answer in another language than the one in use.
    /// </summary>
    public bool IsSkip(string text)
    {
        var said = TextNormalizer.Normalize(text);
        return Language.All.Any(l => TextNormalizer.Normalize(texts.Get(l, "interview.description.skip")) == said
            || TextNormalizer.Normalize(texts.Get(l, "answer.prefer_not")) == said)
            || (said.Split(' ').Length <= MaxWordsOfAPlainNo && IsPlainNo(text))
            || (said.Split(' ').Length <= MaxWordsOfAPutOff && IsPutOff(text))
            || IsSkipWord(text);
    }

    /// <summary>
    /// The ways of skipping the description the understanding files know ("next", "saltar", "rien à ajouter"), and a short
    /// "I already told you everything" ("ya les conté casi todo antes", "je vous ai déjà tout dit") that names no one: "ya
    /// le conté todo a la fiscal" tells whom the person went to.
    /// </summary>
    private bool IsSkipWord(string text) =>
        Language.All.Any(l => understanding.Read(SkipQuestion, l, text).Options is var said
            && (said.Contains("skip") || (said.Contains(AlreadyTold) && TextNormalizer.Normalize(text).Split(' ').Length <= MaxWordsOfAlreadyTold
                && !NamesAnyoneTold(l, text))));

    private bool NamesAnyoneTold(string language, string text) =>
        WhomOneTells.Any(question => understanding.Read(question, language, text).Options.Count > 0)
        || TellsWhatHappened(language, text);

    /// <summary>
    /// "lo que ya les conté, las amenazas", "as i said, the threats": the short reply names what happened, so it is the
    /// description, in the person's words; "je vous ai tout dit, rien à ajouter" names nothing ("rien" is no situation).
    /// </summary>
    private bool TellsWhatHappened(string language, string text) =>
        understanding.Read(SituationsQuestion, language, text).Options.Any(o => o is not ("none" or Understanding.UndecidedOption or "came-back" or "in-custody" or "on-a-condition"));

    private const string SituationsQuestion = "situations";

    /// <summary>"Already told everything", said without a story: longer, it is the description.</summary>
    private const int MaxWordsOfAlreadyTold = 10;

    private const string AlreadyTold = "already-told";

    /// <summary>The questions whose options name whom a person may have told already (the police, a prosecutor, a court).</summary>
    private static readonly string[] WhomOneTells = ["perpetrator", "remedies"];

    /// <summary>The question of the understanding files whose only option is skipping the description.</summary>
    private const string SkipQuestion = "description";

    /// <summary>Longer than this, a "later" is told in a story ("más tarde volvieron").</summary>
    private const int MaxWordsOfAPutOff = 8;

    /// <summary>
    /// Telling put off, with a no or a doubt ("plus tard peut-être, pas maintenant", "maybe later", "ahora no, más tarde"):
    /// declined for now; "later they came back" tells.
    /// </summary>
    private bool IsPutOff(string text)
    {
        var reading = understanding.Read(PlainYesNo, Language.Default, text);
        return reading.Deferred && reading.Yes.Count == 0 && (reading.Unsure || reading.No.Count + reading.VagueNo.Count > 0);
    }

    private bool IsPlainNo(string text)
    {
        var reading = understanding.Read(PlainYesNo, Language.Default, text);
        return reading.Affirmed.Count == 0 && reading.Yes.Count == 0 && !reading.Unsure && reading.No.Count + reading.VagueNo.Count > 0;
    }
}
