using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Conversation;
using ProtectionBot.Interview;

namespace ProtectionBot.Courses;

/// <summary>What the course questions remember between turns.</summary>
public sealed record CourseQuestionState
{
    /// <summary>A question to answer at once: the route that started the dialog already has it.</summary>
    public string? Question { get; init; }

    /// <summary>At least one question was answered: the next prompt is "anything else?".</summary>
    public bool AskMore { get; init; }

    /// <summary>What the pending prompt asks: <c>which</c> course, <c>offer</c> to pass on, <c>person</c>, <c>eligibility</c>.</summary>
    public string? Awaiting { get; init; }

    public string? PendingQuestion { get; init; }

    /// <summary>The topic waiting for its course, or <c>eligibility</c> for the pre-check.</summary>
    public string? PendingTopic { get; init; }

    public string? PendingCourse { get; init; }
}

/// <summary>
/// Questions about courses, one after the other: what the person asks is answered from the course data, or, when
/// the bot cannot tell, it says so and offers to pass the question to the course staff. A topic without a course
/// asks which course; "¿Puedo postular?" runs the eligibility check. Ends on "done" (or "no"); a prompt the
/// dialog interrupted (the interview) then asks its question again.
/// </summary>
internal sealed class CourseDialog(
    TextCatalog texts, CourseQuestionMatcher matcher, CourseAnswers answers, FaqStore faq, CourseStaffReferral referral,
    CourseQuestionsFile questions, TimeProvider time, ILogger<CourseDialog> logger)
{
    public const string Id = "courses";
    public const string QuestionPrompt = "courses.question";
    public const string StaffQuestionPrompt = "courses.staff.question";
    private const string WhichPrompt = "courses.which";
    private const string OfferPrompt = "courses.offer";
    private const string CurrentCourseKey = "courses.current";

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<CourseQuestionState>(Id, CourseJsonContext.Default.CourseQuestionState,
            AskAsync,
            AnswerAsync,
            AfterFollowUpAsync,
            PassOnTypedQuestionAsync);
        yield return new TextPrompt(QuestionPrompt);
        yield return new TextPrompt(StaffQuestionPrompt);
        yield return new ChoicePrompt(WhichPrompt) { MaxSuggestedActions = 6 };
        yield return new ConfirmPrompt(OfferPrompt);
    }

    /// <summary>The course the conversation was last about, for follow-ups that do not name it.</summary>
    public static string? CurrentCourse(TurnContext turn) =>
        turn.State.Properties.TryGetValue(CurrentCourseKey, out var value) ? value.GetString() : null;

    public static void SetCurrentCourse(TurnContext turn, string courseId) =>
        turn.State.Set(CurrentCourseKey, courseId, ConversationJsonContext.Default.String);

    /// <summary>Sends the answer to a question understood with its course; false when the data has no answer.</summary>
    public bool TryAnswer(TurnContext turn, CourseQuestionMatch match)
    {
        var language = ConversationLanguage.Of(turn);
        var now = time.GetUtcNow();
        string? text = null;
        var course = answers.Find(match.CourseId);
        if (match.Kind == CourseQuestionKind.Faq && match.Faq is { } entry)
            text = entry.AnswerIn(language);
        else if (match.Kind == CourseQuestionKind.CourseOnly && course is not null)
            text = answers.Overview(course, language, now);
        else if (match.Kind == CourseQuestionKind.Topic && course is not null && match.Topic is { } topic)
            text = answers.Answer(course, topic, language, now, match.Country);
        if (logger.IsEnabled(LogLevel.Information))
            CourseLog.Answered(logger, text is null ? "no data" : "answered", match.Topic ?? match.Kind.ToString(), match.CourseId ?? "-", turn.Activity.ChannelId);
        if (text is null)
            return false;
        if (match.CourseId is { } id)
            SetCurrentCourse(turn, id);
        turn.SendText(text);
        return true;
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
        var prompt = InterviewPrompts.Question(texts.Get(language, step.State.AskMore ? "courses.more" : "courses.intro")) with
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
                : await AskWhichAsync(step, CourseTopics.Eligibility + ".check", text, matcher.Courses, cancellationToken);
        }

        var match = matcher.Match(text, language, current, await faq.ForTurnAsync(turn, cancellationToken));
        switch (match.Kind)
        {
            case CourseQuestionKind.Topic or CourseQuestionKind.Faq or CourseQuestionKind.CourseOnly:
                if (TryAnswer(turn, match))
                    return await AskMoreAsync(step, cancellationToken);
                turn.SendText(answers.Missing(answers.Find(match.CourseId)!, language));
                return await OfferStaffAsync(step, "courses.staff.missing_offer", text, match.CourseId, cancellationToken);
            case CourseQuestionKind.WhichCourse:
                return await AskWhichAsync(step, match.Topic, text, match.Candidates ?? matcher.Courses, cancellationToken);
            case CourseQuestionKind.Staff:
                step.State = step.State with { Awaiting = "person", PendingCourse = match.CourseId ?? current };
                return await step.PromptAsync(OfferPrompt, Confirm(language, "courses.staff.person_offer"), cancellationToken);
            default:
                if (logger.IsEnabled(LogLevel.Information))
                    CourseLog.Answered(logger, "not understood", "-", match.CourseId ?? "-", turn.Activity.ChannelId);
                return await OfferStaffAsync(step, "courses.staff.offer", text, match.CourseId ?? current, cancellationToken);
        }
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
                if (state.PendingTopic == CourseTopics.Eligibility + ".check")
                    return await CheckEligibilityAsync(step, chosen.Value, cancellationToken);
                if (state.PendingTopic is { } topic)
                {
                    var match = new CourseQuestionMatch(CourseQuestionKind.Topic, chosen.Value, topic, NamesCourse: true);
                    if (!TryAnswer(turn, match))
                    {
                        turn.SendText(answers.Missing(answers.Find(chosen.Value)!, language));
                        return await OfferStaffAsync(step, "courses.staff.missing_offer", state.PendingQuestion ?? "", chosen.Value, cancellationToken);
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
                    Prompt = InterviewPrompts.Question(texts.Get(language, "courses.staff.ask")),
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
        referral.Refer(turn, question, courseId, language);
        turn.SendText(texts.Get(language, "courses.staff.sent", questions.StaffReplyTime.In(language)));
    }

    private async Task<DialogTurnResult> OfferStaffAsync(
        WaterfallStepContext<CourseQuestionState> step, string questionKey, string question, string? courseId, CancellationToken cancellationToken)
    {
        step.State = step.State with { Awaiting = "offer", PendingQuestion = question, PendingCourse = courseId };
        return await step.PromptAsync(OfferPrompt, Confirm(ConversationLanguage.Of(step.Context), questionKey), cancellationToken);
    }

    private async Task<DialogTurnResult> AskWhichAsync(
        WaterfallStepContext<CourseQuestionState> step, string? topic, string question, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        step.State = step.State with { Awaiting = "which", PendingTopic = topic, PendingQuestion = question };
        return await step.PromptAsync(WhichPrompt, new PromptOptions
        {
            Prompt = InterviewPrompts.Question(texts.Get(language, "courses.which")),
            RetryPrompt = InterviewPrompts.Question(texts.Get(language, "prompt.retry")),
            Choices = [.. candidates.Select(answers.Find).OfType<Knowledge.Training>().Select(t => new Choice(t.Id)
            {
                Title = CourseAnswers.ShortName(t, language),
                Synonyms = [.. t.Aliases, t.Name.In(language)],
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

    private PromptOptions Confirm(string language, string questionKey) => new()
    {
        Prompt = InterviewPrompts.Question(texts.Get(language, questionKey)),
        RetryPrompt = InterviewPrompts.Question(texts.Get(language, "prompt.retry")),
        Choices = [new Choice(texts.Get(language, "courses.staff.yes")), new Choice(texts.Get(language, "courses.staff.no"))],
    };

    /// <summary>The whole message is one of the words under <paramref name="key"/>, in any language.</summary>
    private bool IsOneOf(string text, string key)
    {
        var said = TextNormalizer.Normalize(text);
        return texts.GetListInAllLanguages(key).Any(w => TextNormalizer.Normalize(w) == said);
    }
}
