using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using ProtectionBot.Content;
using static ProtectionBot.Content.Questions;

namespace ProtectionBot.Interview;

/// <summary>
/// The interview's prompts and how each question is asked: texts come from <c>dialogs/texts</c> in the person's
/// language, every option is a code whose label is the text <c>{question}.{code}</c>, and typed answers are read with
/// the question's vocabulary from <c>dialogs/understanding</c>. No prompt gives up: an answer not understood is asked
/// again with the options numbered, then with "prefer not to say" and a person offered, never answered for the person.
/// </summary>
internal sealed class InterviewPrompts(TextCatalog texts, Questions questions, Understanding understanding, TimeProvider time)
{
    public const string LanguagePrompt = "interview.language";
    public const string Danger = "interview.danger";
    public const string PartnerNow = "interview.partner";
    public const string Consent = "interview.consent";
    public const string Situations = "interview.situations";
    public const string AtRisk = "interview.at_risk";
    public const string Gender = "interview.gender";
    public const string Profile = "interview.profile";
    public const string Urgency = "interview.urgency";
    public const string Perpetrator = "interview.perpetrator";
    public const string Relocation = "interview.relocation";
    public const string Publicity = "interview.publicity";
    public const string Remedies = "interview.remedies";
    public const string DecisionDate = "interview.decision_date";
    public const string Started = "interview.started";
    public const string Description = "interview.description";

    public IEnumerable<Dialog> Dialogs()
    {
        foreach (var id in new[] { LanguagePrompt, Danger, PartnerNow, Consent, Situations, AtRisk, Gender, Profile, Urgency, Perpetrator, Relocation, Publicity, Remedies, Started })
            yield return new OptionPrompt(id, understanding);
        yield return new TextPrompt(DecisionDate, IsDecisionDateAsync);
        yield return new TextPrompt(Description, IsDescriptionAsync) { TakesFreeText = true };
    }

    /// <summary>Each question about the case: how it is asked, its options, and how a plain yes or no answers it.</summary>
    private static readonly Dictionary<string, QuestionSpec> Specs = new QuestionSpec[]
    {
        new("danger", Danger, "interview.danger.ask", AnswerKind.YesNo, InterviewChoices.YesNo, YesKey: "answer.yes", NoKey: "answer.no", OfferPreferNot: false,
            DoubtLeansYes: true),
        new("partner_now", PartnerNow, "interview.emergency.partner_ask", AnswerKind.YesNo, InterviewChoices.YesNo,
            YesKey: "interview.emergency.partner_yes", NoKey: "interview.emergency.partner_no", OfferPreferNot: false),
        new("consent", Consent, "interview.consent.notice", AnswerKind.YesNo, InterviewChoices.YesNo, YesKey: "interview.consent.yes", NoKey: "interview.consent.no", OfferPreferNot: false),
        new("situations", Situations, "interview.situation", AnswerKind.SeveralOf, InterviewChoices.Situations, No: InterviewChoices.NoProfile),
        new("at_risk", AtRisk, "interview.at_risk", AnswerKind.OneOf, InterviewChoices.AtRisk),
        new("gender", Gender, "interview.gender", AnswerKind.OneOf, InterviewChoices.Genders),
        new("profile", Profile, "interview.profile", AnswerKind.SeveralOf, InterviewChoices.Profiles, No: InterviewChoices.NoProfile),
        new("urgency", Urgency, "interview.urgency", AnswerKind.OneOf, InterviewChoices.Urgencies),
        new("perpetrator", Perpetrator, "interview.perpetrator", AnswerKind.OneOf, InterviewChoices.Perpetrators, Dominant: "unknown",
            Unproven: InterviewChoices.Unproven),
        // A border already crossed is the answer, whatever else may come: "we fled to Thailand, now in a safe house".
        new("relocation", Relocation, "interview.relocation", AnswerKind.OneOf, InterviewChoices.Relocation, Yes: "may-need-to-leave", No: "no", Dominant: "already-left"),
        new("publicity", Publicity, "interview.publicity.ask", AnswerKind.YesNo, InterviewChoices.YesNo, YesKey: "interview.publicity.yes", NoKey: "interview.publicity.no"),
        new("remedies", Remedies, "interview.remedies", AnswerKind.OneOf, InterviewChoices.Remedies, No: "not-approached", LatestWins: true),
        new("started", Started, "interview.started", AnswerKind.OneOf, InterviewChoices.Started),
    }.ToDictionary(q => q.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> QuestionByPrompt = Specs.Values.ToDictionary(q => q.PromptId, q => q.Id, StringComparer.Ordinal);

    /// <summary>The question (<c>danger</c>, <c>situations</c>…) a waiting prompt asks, when it has options to read.</summary>
    public static string? QuestionOf(string promptId) => QuestionByPrompt.GetValueOrDefault(promptId);

    /// <summary>
    /// With a locale the channel gave, the person confirms it ("Shall we go on in English?") or picks another;
    /// without one, or after a "no", they choose among the three.
    /// </summary>
    public Task<DialogTurnResult> AskLanguageAsync<T>(WaterfallStepContext<T> step, bool confirm, CancellationToken cancellationToken)
        where T : class, new() =>
        step.PromptAsync(LanguagePrompt, LanguageOptions(ConversationLanguage.Of(step.Context), confirm), cancellationToken);

    /// <summary>The language question; a plain yes keeps <paramref name="language"/>, a plain no is <c>no</c> (then all three are offered).</summary>
    public PromptOptions LanguageOptions(string language, bool confirm)
    {
        var choices = confirm
            ? Language.All.Select(l => new Choice(l) { Title = texts.Get(l, l == language ? "interview.language.keep" : "language.name") })
                .OrderBy(c => c.Value == language ? 0 : 1).ToList()
            : [.. Language.All.Select(l => new Choice(l) { Title = texts.Get(l, "language.name") })];
        return new PromptOptions
        {
            Prompt = Question(texts.Get(language, confirm ? "interview.language.confirm" : "language.ask")),
            RetryPrompt = Question(texts.Get(language, "prompt.retry_numbered")),
            Choices = choices,
            LastResort = texts.Get(language, "prompt.last_resort"),
            Understanding = Reading(language, "language", AnswerKind.OneOf) with
            {
                Yes = confirm ? language : null,
                No = confirm ? "no" : null,
            },
        };
    }

    /// <summary>
    /// Asks <paramref name="question"/> (an id of <see cref="InterviewChoices.Questions"/>) in the conversation's language,
    /// in the words of <paramref name="promptKey"/> when given (a fact to confirm rather than a question to ask). With
    /// <paramref name="more"/>, a question of several answers is asked again for what else applies besides what was noted
    /// along the way: in the words of <c>{question}.more</c>, its "none" offered as "nothing else". Every option stays
    /// offered and read, so naming a noted one again ("I told you, they threaten me") is understood and does no harm.
    /// </summary>
    public Task<DialogTurnResult> AskAsync<T>(
        WaterfallStepContext<T> step, string question, CancellationToken cancellationToken, string? promptKey = null, bool more = false)
        where T : class, new()
    {
        var spec = Specs[question];
        var language = ConversationLanguage.Of(step.Context);
        var options = Options(question, language);
        if ((more ? $"{spec.TextKey}.more" : promptKey) is { } key)
            options = options with { Prompt = Question(texts.Get(language, key)) };
        if (more)
            options = options with
            {
                Choices = [.. options.Choices!.Select(c => c.Value == spec.No ? new Choice(c.Value) { Title = texts.Get(language, "answer.nothing_else") } : c)],
            };
        if (spec.Kind == AnswerKind.SeveralOf)
            options = options with { SubmitTitle = texts.Get(language, "prompt.submit") };
        return step.PromptAsync(spec.PromptId, options, cancellationToken);
    }

    /// <summary>How <paramref name="question"/> is asked and read in <paramref name="language"/>; its options end with "prefer not to say" where offered.</summary>
    public PromptOptions Options(string question, string language)
    {
        var spec = Specs[question];
        List<Choice> choices = spec.Kind == AnswerKind.YesNo
            ? [new Choice("yes") { Title = texts.Get(language, spec.YesKey!) }, new Choice("no") { Title = texts.Get(language, spec.NoKey!) }]
            : [.. spec.Codes.Select(code => new Choice(code) { Title = texts.Get(language, $"{spec.TextKey}.{code}") })];
        if (spec.OfferPreferNot)
            choices.Add(new Choice(InterviewChoices.PreferNot) { Title = texts.Get(language, "answer.prefer_not") });
        return new PromptOptions
        {
            Prompt = Question(texts.Get(language, spec.Kind == AnswerKind.YesNo ? spec.TextKey : $"{spec.TextKey}.ask")),
            RetryPrompt = Question(texts.Get(language, "prompt.retry_numbered")),
            Choices = choices,
            LastResort = texts.Get(language, "prompt.last_resort"),
            Understanding = Reading(language, question, spec.Kind) with
            {
                Yes = spec.Yes,
                No = spec.No,
                PreferNot = spec.OfferPreferNot ? InterviewChoices.PreferNot : null,
                Dominant = spec.Dominant,
                Unproven = spec.Unproven,
                LatestWins = spec.LatestWins,
                DoubtLeansYes = spec.DoubtLeansYes,
            },
        };
    }

    /// <summary>The label of option <paramref name="code"/> of <paramref name="question"/>, as its button shows it.</summary>
    public string Label(string question, string code, string language) => texts.Get(language, $"{Specs[question].TextKey}.{code}");

    public Task<DialogTurnResult> AskDecisionDateAsync<T>(WaterfallStepContext<T> step, CancellationToken cancellationToken)
        where T : class, new()
    {
        var language = ConversationLanguage.Of(step.Context);
        var unknown = texts.Get(language, "interview.decision_date.unknown");
        var ways = new SuggestedActions { Actions = [CardAction.ImBack(unknown, unknown), PreferNotAction(language)] };
        return step.PromptAsync(DecisionDate, new PromptOptions
        {
            Prompt = Question(texts.Get(language, "interview.decision_date.ask")) with { SuggestedActions = ways },
            RetryPrompt = Question(texts.Get(language, "interview.decision_date.retry")) with { SuggestedActions = ways },
            LastResort = texts.Get(language, "prompt.last_resort"),
        }, cancellationToken);
    }

    /// <summary>The date of the final decision, when the answer holds one that cannot be misread in <paramref name="language"/>.</summary>
    public DateOnly? DecisionDateIn(string? text, string language) => DecisionDates.Read(text, Today, language);

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// A date, or "I don't know" or "prefer not to say" in so many words: a caseworker notes an unknown date only when
    /// the person said they do not know it, never from an answer that holds no date ("ayer no", "asdf", a date to come).
    /// </summary>
    private Task<bool> IsDecisionDateAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var text = prompt.Recognized.Value;
        if (string.IsNullOrWhiteSpace(text))
            return Task.FromResult(false);
        var language = ConversationLanguage.Of(prompt.Context);
        if (DecisionDateIn(text, language) is not null)
            return Task.FromResult(true);
        // "03/04/2026" in English: asked again, in words, rather than a time limit counted from the wrong month.
        if (DecisionDates.IsAmbiguous(text, Today, language))
            return Task.FromResult(false);
        return Task.FromResult(SaysDateUnknown(text, language));
    }

    /// <summary>
    /// "I don't know" or "prefer not to say" in so many words at the decision date ("no me acuerdo", "je sais plus", the
    /// buttons): an answer. Anything else without a date ("c'était il y a un moment") is asked again.
    /// </summary>
    public bool SaysDateUnknown(string text, string language)
    {
        var said = TextNormalizer.Normalize(text);
        if (Language.All.Any(l => TextNormalizer.Normalize(texts.Get(l, "interview.decision_date.unknown")) == said || TextNormalizer.Normalize(texts.Get(l, "answer.prefer_not")) == said))
            return true;
        var reading = understanding.Read("decision_date", language, text);
        return reading.PreferNot || reading.Options is ["unknown"];
    }

    public Task<DialogTurnResult> AskDescriptionAsync<T>(WaterfallStepContext<T> step, CancellationToken cancellationToken)
        where T : class, new()
    {
        var language = ConversationLanguage.Of(step.Context);
        var skip = texts.Get(language, "interview.description.skip");
        var ways = new SuggestedActions { Actions = [CardAction.ImBack(skip, skip)] };
        return step.PromptAsync(Description, new PromptOptions
        {
            Prompt = Question(texts.Get(language, "interview.description.ask")) with { SuggestedActions = ways },
            RetryPrompt = Question(texts.Get(language, "interview.description.retry")) with { SuggestedActions = ways },
        }, cancellationToken);
    }

    /// <summary>Longer than this, a message is told, not a reply to the question of telling.</summary>
    private const int MaxWordsOfAReply = 3;

    /// <summary>
    /// Anything the person writes is their description, in their words, except a short reply to the request itself —
    /// "what?", "¿qué?", "ok", "sí" — which a caseworker would not file as what happened: the request is explained again.
    /// </summary>
    private Task<bool> IsDescriptionAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var text = prompt.Recognized.Value;
        if (string.IsNullOrWhiteSpace(text))
            return Task.FromResult(false);
        if (questions.IsSkip(text) || TextNormalizer.Normalize(text).Split(' ').Length > MaxWordsOfAReply)
            return Task.FromResult(true);
        if (text.TrimEnd().EndsWith('?'))
            return Task.FromResult(false);
        var reading = understanding.Read(PlainYesNo, ConversationLanguage.Of(prompt.Context), text);
        return Task.FromResult(!(reading.Yes.Count > 0 && reading.No.Count + reading.VagueNo.Count == 0));
    }

    private sealed record QuestionSpec(
        string Id, string PromptId, string TextKey, AnswerKind Kind, IReadOnlyList<string> Codes,
        string? Yes = null, string? No = null, string? Dominant = null, string? YesKey = null, string? NoKey = null, bool OfferPreferNot = true,
        bool LatestWins = false, bool DoubtLeansYes = false, string? Unproven = null);

    private UnderstandingOptions Reading(string language, string question, AnswerKind kind) => new()
    {
        Question = question,
        Language = language,
        Kind = kind,
        Which = texts.Get(language, "prompt.which"),
    };

    private CardAction PreferNotAction(string language)
    {
        var title = texts.Get(language, "answer.prefer_not");
        return CardAction.ImBack(title, title);
    }
}
