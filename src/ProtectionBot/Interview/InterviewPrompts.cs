using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using ProtectionBot.Content;
using ProtectionBot.Conversation;

namespace ProtectionBot.Interview;

/// <summary>
/// The interview's prompts and how each question is asked: texts come from <c>dialogs/texts</c> in the person's
/// language, every option is a code whose label is the text <c>{question}.{code}</c>.
/// </summary>
internal sealed class InterviewPrompts(TextCatalog texts)
{
    public const string LanguagePrompt = "interview.language";
    public const string Danger = "interview.danger";
    public const string PartnerNow = "interview.partner";
    public const string Consent = "interview.consent";
    public const string Situations = "interview.situations";
    public const string AtRisk = "interview.at_risk";
    public const string Profile = "interview.profile";
    public const string Urgency = "interview.urgency";
    public const string Remedies = "interview.remedies";
    public const string Started = "interview.started";
    public const string Description = "interview.description";

    public static IEnumerable<Dialog> Dialogs()
    {
        yield return new ChoicePrompt(LanguagePrompt);
        yield return new ConfirmPrompt(Danger);
        yield return new ConfirmPrompt(PartnerNow);
        yield return new ConfirmPrompt(Consent);
        yield return new MultiChoicePrompt(Situations);
        yield return new ChoicePrompt(AtRisk);
        yield return new MultiChoicePrompt(Profile);
        yield return new ChoicePrompt(Urgency);
        yield return new ChoicePrompt(Remedies);
        yield return new ChoicePrompt(Started);
        yield return new TextPrompt(Description);
    }

    /// <summary>
    /// With a locale the channel gave, the person confirms it ("Shall we go on in English?") or picks another;
    /// without one, they choose among the three.
    /// </summary>
    public Task<DialogTurnResult> AskLanguageAsync<T>(WaterfallStepContext<T> step, bool localeKnown, CancellationToken cancellationToken)
        where T : class, new()
    {
        var language = ConversationLanguage.Of(step.Context);
        var choices = localeKnown
            ? Language.All.Select(l => new Choice(l)
            {
                Title = texts.Get(l, l == language ? "interview.language.keep" : "language.name"),
                Synonyms = texts.GetList(l, "language.words"),
            }).OrderBy(c => c.Value == language ? 0 : 1).ToList()
            : [.. Language.All.Select(l => new Choice(l) { Title = texts.Get(l, "language.name"), Synonyms = texts.GetList(l, "language.words") })];
        return step.PromptAsync(LanguagePrompt, new PromptOptions
        {
            Prompt = Question(texts.Get(language, localeKnown ? "interview.language.confirm" : "language.ask")),
            RetryPrompt = Question(texts.Get(language, "prompt.retry")),
            Choices = choices,
        }, cancellationToken);
    }

    public Task<DialogTurnResult> AskYesNoAsync<T>(WaterfallStepContext<T> step, string promptId, string questionKey, string yesKey, string noKey, CancellationToken cancellationToken)
        where T : class, new()
    {
        var language = ConversationLanguage.Of(step.Context);
        return step.PromptAsync(promptId, new PromptOptions
        {
            Prompt = Question(texts.Get(language, questionKey)),
            RetryPrompt = Question(texts.Get(language, "prompt.retry")),
            Choices = [new Choice(texts.Get(language, yesKey)), new Choice(texts.Get(language, noKey))],
        }, cancellationToken);
    }

    public Task<DialogTurnResult> AskOneAsync<T>(WaterfallStepContext<T> step, string promptId, string questionKey, IReadOnlyList<string> codes, CancellationToken cancellationToken)
        where T : class, new() =>
        step.PromptAsync(promptId, Options(step, questionKey, codes), cancellationToken);

    public Task<DialogTurnResult> AskManyAsync<T>(WaterfallStepContext<T> step, string promptId, string questionKey, IReadOnlyList<string> codes, CancellationToken cancellationToken)
        where T : class, new() =>
        step.PromptAsync(promptId, Options(step, questionKey, codes) with
        {
            SubmitTitle = texts.Get(ConversationLanguage.Of(step.Context), "prompt.submit"),
        }, cancellationToken);

    public Task<DialogTurnResult> AskDescriptionAsync<T>(WaterfallStepContext<T> step, CancellationToken cancellationToken)
        where T : class, new()
    {
        var language = ConversationLanguage.Of(step.Context);
        var skip = texts.Get(language, "interview.description.skip");
        return step.PromptAsync(Description, new PromptOptions
        {
            Prompt = Question(texts.Get(language, "interview.description.ask")) with
            {
                SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(skip, skip)] },
            },
        }, cancellationToken);
    }

    /// <summary>The skip word of any language: a person may answer in another language than the one in use.</summary>
    public bool IsSkip(string text)
    {
        var said = TextNormalizer.Normalize(text);
        return Language.All.Any(l => TextNormalizer.Normalize(texts.Get(l, "interview.description.skip")) == said);
    }

    public static Activity Question(string text) => new() { Type = ActivityTypes.Message, Text = text, InputHint = InputHints.ExpectingInput };

    private PromptOptions Options<T>(WaterfallStepContext<T> step, string questionKey, IReadOnlyList<string> codes)
        where T : class, new()
    {
        var language = ConversationLanguage.Of(step.Context);
        return new PromptOptions
        {
            Prompt = Question(texts.Get(language, $"{questionKey}.ask")),
            RetryPrompt = Question(texts.Get(language, "prompt.retry")),
            Choices = [.. codes.Select(code => new Choice(code) { Title = texts.Get(language, $"{questionKey}.{code}") })],
        };
    }
}
