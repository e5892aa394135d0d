using System.Text.Json;
using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Interview;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Courses;

/// <summary>What the course questions remember between turns.</summary>
internal sealed record CourseQuestionState
{
    /// <summary>A question to answer at once: the route that started the dialog already has it.</summary>
    public string? Question { get; init; }

    /// <summary>At least one question was answered: the next prompt is "anything else?".</summary>
    public bool AskMore { get; init; }

    /// <summary>What the pending prompt asks: <c>which</c> course, <c>offer</c> to pass on, <c>person</c>, <c>eligibility</c>.</summary>
    public string? Awaiting { get; init; }

    public string? PendingQuestion { get; init; }

    /// <summary>The question type waiting for its course, or <c>eligibility.check</c> for the pre-check.</summary>
    public string? PendingType { get; init; }

    /// <summary>A second type asked with it, answered too.</summary>
    public string? PendingAlsoType { get; init; }

    public string? PendingCourse { get; init; }

    /// <summary>The country (ISO code) given with the question waiting for its course: the answer says whether people from there can apply.</summary>
    public string? PendingCountry { get; init; }

    /// <summary>Profile codes given with the question waiting for its course: the answer says whether one is a priority.</summary>
    public IReadOnlyList<string>? PendingProfiles { get; init; }
}

/// <summary>
/// What the person said about themselves while asking about courses (never who they are): the country, the profiles,
/// an edition they named. Kept for the conversation so that the course staff get it with a question passed on.
/// </summary>
internal sealed record CourseAskerContext(string? Country = null, IReadOnlyList<string>? Profiles = null, string? Edition = null);

/// <summary>
/// Questions about courses, one after the other: what the person asks is answered from the course data, or, when
/// the bot cannot tell, it says so and offers to pass the question to the course staff. A question type without a
/// course asks which course, keeping the country and profile given with it; a country with no course gets a verdict
/// for every course; "¿Puedo postular?" runs the eligibility check. A staff answer written in another language is
/// given with a note of its language and an offer to ask the staff. Ends on "done" (or "no"); a prompt the dialog
/// interrupted (the interview) then asks its question again.
/// </summary>
internal sealed class CourseDialog(
    TextCatalog texts, CourseQuestionMatcher matcher, CourseAnswers answers, FaqStore faq, CourseStaffReferral referral,
    CourseQuestionsFile questions, CountryCatalog countries, Lexicon lexicon, TimeProvider time, ILogger<CourseDialog> logger)
{
    public const string Id = "courses";
    public const string QuestionPrompt = "courses.question";
    public const string StaffQuestionPrompt = "courses.staff.question";
    private const string WhichPrompt = "courses.which";
    private const string OfferPrompt = "courses.offer";
    private const string CurrentCourseKey = "courses.current";
    private const string AskerKey = "courses.asker";
    private const string EligibilityCheckType = QuestionTypes.Eligibility + ".check";

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<CourseQuestionState>(Id, CourseJsonContext.Default.CourseQuestionState,
            AskAsync,
            AnswerAsync,
            AfterFollowUpAsync,
            PassOnTypedQuestionAsync);
        yield return new TextPrompt(QuestionPrompt) { TakesFreeText = true };
        yield return new TextPrompt(StaffQuestionPrompt) { TakesFreeText = true };
        yield return new ChoicePrompt(WhichPrompt) { MaxSuggestedActions = 6 };
        yield return new ConfirmPrompt(OfferPrompt, lexicon);
    }

    /// <summary>The course the conversation was last about, for follow-ups that do not name it.</summary>
    public static string? CurrentCourse(TurnContext turn) =>
        turn.State.Properties.TryGetValue(CurrentCourseKey, out var value) ? value.GetString() : null;

    public static void SetCurrentCourse(TurnContext turn, string courseId) =>
        turn.State.Set(CurrentCourseKey, courseId, ContentJsonContext.Default.String);

    /// <summary>What the person said about themselves in this conversation, for the course staff.</summary>
    public static CourseAskerContext Asker(TurnContext turn) =>
        turn.State.Properties.TryGetValue(AskerKey, out var value) && value.Deserialize(CourseJsonContext.Default.CourseAskerContext) is { } asker
            ? asker
            : new CourseAskerContext();

    /// <summary>Adds what a question says about the person (country, profiles, edition) to what the conversation knows.</summary>
    public static void Remember(TurnContext turn, CourseQuestionMatch match)
    {
        if (match.Country is null && match.Profiles is not { Count: > 0 } && match.Edition is null)
            return;
        var known = Asker(turn);
        var updated = new CourseAskerContext(
            match.Country?.Code ?? known.Country,
            match.Profiles is { Count: > 0 } profiles ? [.. (known.Profiles ?? []).Union(profiles)] : known.Profiles,
            match.Edition ?? known.Edition);
        turn.State.Set(AskerKey, updated, CourseJsonContext.Default.CourseAskerContext);
    }

    /// <summary>
    /// "Are there trainings for defenders?" asked outside the course questions: the courses by name, and that the
    /// interview finds which of them fit, so the question is answered and the conversation goes on where it was.
    /// </summary>
    public void ListCourses(TurnContext turn)
    {
        var language = ConversationLanguage.Of(turn);
        if (logger.IsEnabled(LogLevel.Information))
            CourseLog.Answered(logger, "answered for every course", "list", "-", turn.Activity.ChannelId);
        turn.SendText($"{answers.List(matcher.Courses, language)} {texts.Get(language, "courses.list_which_fit")}");
    }

    /// <summary>
    /// Sends the answer to a question understood with its course; false when the data has no answer, or when the answer
    /// is a staff answer in another language, which needs the offer to ask the staff (<see cref="AnswerAsync"/>).
    /// </summary>
    public bool TryAnswer(TurnContext turn, CourseQuestionMatch match)
    {
        if (match.Faq is { IsFromStaff: true } entry && !entry.Speaks(ConversationLanguage.Of(turn)))
            return false;
        var text = Compose(turn, match);
        if (text is null)
            return false;
        Remember(turn, match);
        turn.SendText(text);
        return true;
    }

    /// <summary>The answer to a question understood with its course, or null when the data has none.</summary>
    private string? Compose(TurnContext turn, CourseQuestionMatch match)
    {
        var language = ConversationLanguage.Of(turn);
        var now = time.GetUtcNow();
        string? text = null;
        var course = answers.Find(match.CourseId);
        if (match.Kind == CourseQuestionKind.Faq && match.Faq is { } entry)
            text = entry.AddedAt is { } added
                ? $"{entry.AnswerIn(language)} {texts.Get(language, "courses.faq.staff", answers.Date(DateOnly.FromDateTime(added.UtcDateTime), language))}"
                : entry.AnswerIn(language);
        else if (match.Kind == CourseQuestionKind.CourseOnly && course is not null)
            text = answers.Overview(course, language, now);
        else if (match.Kind == CourseQuestionKind.Topic && course is not null && match.Type is { } type)
        {
            text = answers.Answer(course, type, language, now, match.Country, match.Profiles);
            // The second type's answer, unless the first already says it all.
            if (text is not null && match.AlsoType is { } also && answers.Answer(course, also, language, now) is { } more && !text.Contains(more, StringComparison.Ordinal))
                text = more.Contains(text, StringComparison.Ordinal) ? more : $"{text}\n{more}";
        }
        if (logger.IsEnabled(LogLevel.Information))
            CourseLog.Answered(logger, text is null ? "no data" : "answered", Asks(match), match.CourseId ?? "-", turn.Activity.ChannelId);
        if (text is not null && match.CourseId is { } id)
            SetCurrentCourse(turn, id);
        return text;
    }

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext<CourseQuestionState> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? new CourseQuestionState();
        if (step.State.Question is { } question)
            return await step.NextAsync(question, cancellationToken);
        var language = ConversationLanguage.Of(step.Context);
        var buttons = step.State.AskMore
            ? [texts.Get(language, "courses.button.precheck"), texts.Get(language, "courses.button.staff"), texts.Get(language, "courses.button.done")]
            : matcher.Courses.Take(3).Select(id => CourseAnswers.ShortName(answers.Find(id)!, language))
                .Append(texts.Get(language, "courses.button.precheck")).Append(texts.Get(language, "courses.button.done")).ToList();
        var prompt = Questions.Question(texts.Get(language, step.State.AskMore ? "courses.more" : "courses.intro")) with
        {
            SuggestedActions = new SuggestedActions { Actions = [.. buttons.Select(b => CardAction.ImBack(b, b))] },
        };
        return await step.PromptAsync(QuestionPrompt, new PromptOptions { Prompt = prompt }, cancellationToken);
    }

    private async Task<DialogTurnResult> AnswerAsync(WaterfallStepContext<CourseQuestionState> step, CancellationToken cancellationToken)
    {
        var turn = step.Context;
        var language = ConversationLanguage.Of(turn);
        var text = step.Result as string ?? "";
        step.State = step.State with { Question = null };
        if (IsOneOf(text, "courses.done"))
            return await FinishAsync(step, cancellationToken);

        var current = CurrentCourse(turn);
        if (IsOneOf(text, "courses.eligibility.words"))
        {
            return current is not null
                ? await CheckEligibilityAsync(step, current, cancellationToken)
                : await AskWhichAsync(step, EligibilityCheckType, text, matcher.Courses, null, cancellationToken);
        }

        var match = matcher.Match(text, language, current, await faq.ForTurnAsync(turn, cancellationToken));
        Remember(turn, match);
        switch (match.Kind)
        {
            case CourseQuestionKind.Faq when match.Faq is { IsFromStaff: true } entry && !entry.Speaks(language):
                turn.SendText(Compose(turn, match)!);
                SetCurrentCourse(turn, entry.CourseId);
                return await OfferStaffAsync(step, texts.Get(language, "courses.faq.other_language", texts.Get(language, $"courses.language_names.{entry.WrittenIn}")),
                    text, entry.CourseId, cancellationToken);
            case CourseQuestionKind.Topic or CourseQuestionKind.Faq or CourseQuestionKind.CourseOnly:
                if (TryAnswer(turn, match))
                    return await AskMoreAsync(step, cancellationToken);
                turn.SendText(answers.Missing(answers.Find(match.CourseId)!, language));
                return await OfferStaffAsync(step, texts.Get(language, "courses.staff.missing_offer"), text, match.CourseId, cancellationToken);
            case CourseQuestionKind.Courses:
                LogWhich(turn, QuestionTypes.Topics);
                turn.SendText(answers.List(matcher.Courses, language));
                return await AskWhichAsync(step, null, text, matcher.Courses, match, cancellationToken);
            case CourseQuestionKind.WhichCourse when match.Type == QuestionTypes.Eligibility && match.Country is { } country && match.Candidates is null:
                // "Soy de Haití, ¿a qué curso puedo postular?": a verdict for every course answers it better than a choice.
                if (logger.IsEnabled(LogLevel.Information))
                    CourseLog.Answered(logger, "answered for every course", match.Type, "-", turn.Activity.ChannelId);
                turn.SendText(answers.ByCountry(country, language, matcher.Courses));
                return await AskMoreAsync(step, cancellationToken);
            case CourseQuestionKind.WhichCourse when match.Type == QuestionTypes.Deadline && match.SaysCourse && match.Candidates is null:
                // "¿Qué cursos están abiertos ahora?": where registration stands for each course answers it; a choice would not.
                if (logger.IsEnabled(LogLevel.Information))
                    CourseLog.Answered(logger, "answered for every course", match.Type, "-", turn.Activity.ChannelId);
                turn.SendText(answers.RegistrationOfEvery(matcher.Courses, language, time.GetUtcNow()));
                return await AskMoreAsync(step, cancellationToken);
            case CourseQuestionKind.WhichCourse:
                LogWhich(turn, match.Type);
                return await AskWhichAsync(step, match.Type, text, match.Candidates ?? Candidates(match.Type), match, cancellationToken);
            case CourseQuestionKind.Staff:
                step.State = step.State with { Awaiting = "person", PendingCourse = match.CourseId ?? current };
                return await step.PromptAsync(OfferPrompt, Confirm(language, texts.Get(language, "courses.staff.person_offer")), cancellationToken);
            default:
                if (logger.IsEnabled(LogLevel.Information))
                    CourseLog.Answered(logger, "not understood", "-", match.CourseId ?? "-", turn.Activity.ChannelId);
                return await OfferStaffAsync(step, texts.Get(language, "courses.staff.offer"), text, match.CourseId ?? current, cancellationToken);
        }
    }

    /// <summary>What a question asked, for the log: its type, the types an FAQ entry answers, or how it was understood.</summary>
    private static string Asks(CourseQuestionMatch match) => match switch
    {
        { Type: { } type, AlsoType: { } also } => $"{type}+{also}",
        { Type: { } type } => type,
        { Faq.Asks: { Count: > 0 } asks } => "faq " + string.Join("+", asks),
        { Kind: CourseQuestionKind.Faq } => "faq",
        { Kind: CourseQuestionKind.CourseOnly } => "overview",
        _ => match.Kind.ToString(),
    };

    /// <summary>The courses whose data answers <paramref name="type"/>, when two or more do; else every course, so that no course is left out.</summary>
    private IReadOnlyList<string> Candidates(string? type)
    {
        if (type is null)
            return matcher.Courses;
        var now = time.GetUtcNow();
        var answering = matcher.Courses.Where(id => answers.Find(id) is { } course && answers.Has(course, type, now)).ToList();
        return answering.Count >= 2 ? answering : matcher.Courses;
    }

    private void LogWhich(TurnContext turn, string? type)
    {
        if (logger.IsEnabled(LogLevel.Information))
            CourseLog.AskedWhichCourse(logger, type ?? "-", turn.Activity.ChannelId);
    }

    private async Task<DialogTurnResult> AfterFollowUpAsync(WaterfallStepContext<CourseQuestionState> step, CancellationToken cancellationToken)
    {
        var turn = step.Context;
        var language = ConversationLanguage.Of(turn);
        var state = step.State;
        switch (state.Awaiting)
        {
            case "which" when step.Result is FoundChoice chosen:
                SetCurrentCourse(turn, chosen.Value);
                if (state.PendingType == EligibilityCheckType)
                    return await CheckEligibilityAsync(step, chosen.Value, cancellationToken);
                // What the person said with the question (a country, a profile) still counts for the answer.
                var country = state.PendingCountry is { } code ? countries.Find(code) : null;
                if (state.PendingType is { } type)
                {
                    var match = new CourseQuestionMatch(CourseQuestionKind.Topic, chosen.Value, type, AlsoType: state.PendingAlsoType, NamesCourse: true,
                        Country: country, Profiles: state.PendingProfiles);
                    if (!TryAnswer(turn, match))
                    {
                        turn.SendText(answers.Missing(answers.Find(chosen.Value)!, language));
                        return await OfferStaffAsync(step, texts.Get(language, "courses.staff.missing_offer"), state.PendingQuestion ?? "", chosen.Value, cancellationToken);
                    }
                }
                else
                {
                    TryAnswer(turn, new CourseQuestionMatch(CourseQuestionKind.CourseOnly, chosen.Value, NamesCourse: true));
                }
                return await AskMoreAsync(step, cancellationToken);
            case "offer" when step.Result is true && !string.IsNullOrWhiteSpace(state.PendingQuestion):
                PassOn(turn, state.PendingQuestion, state.PendingCourse, language);
                return await AskMoreAsync(step, cancellationToken);
            case "person" when step.Result is true:
                return await step.PromptAsync(StaffQuestionPrompt, new PromptOptions
                {
                    Prompt = Questions.Question(texts.Get(language, "courses.staff.ask")),
                }, cancellationToken);
            case "offer" or "person":
                turn.SendText(texts.Get(language, "courses.staff.not_sent"));
                return await AskMoreAsync(step, cancellationToken);
            default:
                // The eligibility check ended, or a choice was given up on: on to the next question.
                return await AskMoreAsync(step, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> PassOnTypedQuestionAsync(WaterfallStepContext<CourseQuestionState> step, CancellationToken cancellationToken)
    {
        if (step.Result is string question && !string.IsNullOrWhiteSpace(question))
            PassOn(step.Context, question, step.State.PendingCourse, ConversationLanguage.Of(step.Context));
        return await AskMoreAsync(step, cancellationToken);
    }

    private void PassOn(TurnContext turn, string question, string? courseId, string language)
    {
        referral.Refer(turn, question, courseId, language, StaffContext(turn));
        turn.SendText(texts.Get(language, "courses.staff.sent", questions.StaffReplyTime.In(language)));
    }

    /// <summary>What the person said in the course questions, else what the finished interview knows: never who they are.</summary>
    private static CourseAskerContext StaffContext(TurnContext turn)
    {
        var asker = Asker(turn);
        if (turn.State.Properties.TryGetValue(InterviewDialog.CaseKey, out var stored) && stored.Deserialize(InterviewJsonContext.Default.CaseAnswers) is { } finished)
        {
            asker = asker with
            {
                Country = asker.Country ?? finished.Country,
                Profiles = asker.Profiles is { Count: > 0 } ? asker.Profiles : finished.Profiles.Count > 0 ? finished.Profiles : null,
            };
        }
        return asker;
    }

    private async Task<DialogTurnResult> OfferStaffAsync(
        WaterfallStepContext<CourseQuestionState> step, string offer, string question, string? courseId, CancellationToken cancellationToken)
    {
        step.State = step.State with { Awaiting = "offer", PendingQuestion = question, PendingCourse = courseId };
        return await step.PromptAsync(OfferPrompt, Confirm(ConversationLanguage.Of(step.Context), offer), cancellationToken);
    }

    private async Task<DialogTurnResult> AskWhichAsync(
        WaterfallStepContext<CourseQuestionState> step, string? type, string question, IReadOnlyList<string> candidates, CourseQuestionMatch? match,
        CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        step.State = step.State with
        {
            Awaiting = "which", PendingType = type, PendingAlsoType = match?.AlsoType, PendingQuestion = question,
            PendingCountry = match?.Country?.Code, PendingProfiles = match?.Profiles is { Count: > 0 } profiles ? profiles : null,
        };
        return await step.PromptAsync(WhichPrompt, new PromptOptions
        {
            Prompt = Questions.Question(texts.Get(language, "courses.which")),
            RetryPrompt = Questions.Question(texts.Get(language, "prompt.retry_numbered")),
            LastResort = texts.Get(language, "prompt.last_resort_help"),
            Choices = [.. candidates.Select(answers.Find).OfType<Knowledge.Training>().Select(t => new Choice(t.Id)
            {
                Title = CourseAnswers.ShortName(t, language),
                Synonyms = [.. t.Aliases, .. t.HeldIn, t.Name.In(language)],
            })],
        }, cancellationToken);
    }

    private static async Task<DialogTurnResult> CheckEligibilityAsync(WaterfallStepContext<CourseQuestionState> step, string courseId, CancellationToken cancellationToken)
    {
        step.State = step.State with { Awaiting = "eligibility" };
        return await step.BeginDialogAsync(EligibilityDialog.Id, new EligibilityCheck { CourseId = courseId }, cancellationToken);
    }

    private static async Task<DialogTurnResult> AskMoreAsync(WaterfallStepContext<CourseQuestionState> step, CancellationToken cancellationToken) =>
        await step.ReplaceDialogAsync(Id, new CourseQuestionState { AskMore = true }, cancellationToken);

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext<CourseQuestionState> step, CancellationToken cancellationToken)
    {
        // Alone on the stack, nothing asks its question again after this: say how to go on.
        if (step.Context.State.DialogStack.Count == 1)
            step.Context.SendText(texts.Get(ConversationLanguage.Of(step.Context), "courses.bye"));
        return await step.EndDialogAsync(cancellationToken: cancellationToken);
    }

    private PromptOptions Confirm(string language, string question) => new()
    {
        Prompt = Questions.Question(question),
        RetryPrompt = Questions.Question(texts.Get(language, "prompt.retry_numbered")),
        LastResort = texts.Get(language, "prompt.last_resort_help"),
        Choices = [new Choice(texts.Get(language, "courses.staff.yes")), new Choice(texts.Get(language, "courses.staff.no"))],
    };

    /// <summary>The whole message is one of the words under <paramref name="key"/>, in any language.</summary>
    private bool IsOneOf(string text, string key)
    {
        var said = TextNormalizer.Normalize(text);
        return texts.GetListInAllLanguages(key).Any(w => TextNormalizer.Normalize(w) == said);
    }
}
