using BotProtocol.Dialogs;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Courses;
using ProtectionBot.Handoff;
using ProtectionBot.Handoff.Teams;
using ProtectionBot.Handoff.WhatsApp;
using ProtectionBot.Interview;

namespace ProtectionBot.Conversation;

/// <summary>
/// What the bot does with each turn, first match wins: safety before anything, then the course staff's channel and its
/// answers, then the handoff (case cards, the partners' channels, the handoff's own events, a defender talking to a
/// caseworker), then activities that are not
/// messages, then the commands that work at any step, then course questions (never while free text is awaited),
/// then the conversation itself.
/// </summary>
internal sealed class ConversationRoutes(
    TextCatalog texts, DialogSet dialogs, CommandWords commands, Intents intents, DefenderRelay relay, OwnCase ownCase, CaseworkerDesk desk,
    WhatsAppCaseworkerDesk whatsAppDesk, CourseEntry courses, CourseDialog courseDialog, Courses.Staff.CourseStaffDesk staff, ConversationErasure erasure,
    MoreOptions moreOptions, LanguageOffer languageOffer, BotProtocol.Recognizers.Understanding understanding)
{
    /// <summary>Fewer words than this at the language question are an answer to it, or a greeting; more, a story.</summary>
    private const int StoryWords = 5;

    private const string GreetedKey = "greeted";

    public TurnRouter Build() => new TurnRouter()
        .On("quick-exit", commands.IsQuickExit, QuickExitAsync)
        .On("delete-my-data", commands.IsDeleteData, DeleteDataAsync)
        .On("course-staff", staff.IsStaffChannel, staff.OnStaffActivityAsync)
        .On("forged-staff-action", staff.IsForgedStaffAction, staff.RefuseAsync)
        .On("course-answer", Courses.Staff.CourseStaffDesk.IsAnswerForPerson, staff.TellPersonAsync)
        .On("case-action", CaseworkerDesk.IsCaseAction, desk.OnActionAsync)
        .On("partner-desk", CaseworkerDesk.IsInChannel, desk.OnChannelActivityAsync)
        // A caseworker's own WhatsApp chat with the bot: never the interview.
        .On("caseworker-number", whatsAppDesk.IsFromCaseworkerNumber, whatsAppDesk.OnActivityAsync)
        .On("forged-case-payload", WhatsAppCaseworkerDesk.IsCasePayload, whatsAppDesk.RefuseForgedAsync)
        .On("handoff-event", DefenderRelay.IsHandoffEvent, relay.OnEventAsync)
        // "Quiero borrar mis datos por favor": asked in a sentence, it erases as the command does, even while connected.
        // "Quiero borrar todo y salir de acá": leaving said with erasing is the quick exit, which erases as much.
        .On("quick-exit-asked", t => intents.Is(t, Intents.QuickExit), QuickExitAsync)
        .On("erase-asked", t => intents.Is(t, Intents.Erase), DeleteDataAsync)
        .On("to-caseworker", DefenderRelay.IsWithCaseworker, relay.RelayAsync)
        .On("hub-handoff-status", DefenderRelay.IsHubStatus, relay.OnHubStatusAsync)
        .On("own-case", ownCase.IsAboutOwnCase, (t, ct) => ownCase.AnswerAsync(t, dialogs.CreateContext(t), ct))
        .On("members-added", IsSomeoneElseJoining, GreetAsync)
        .On("uninstalled-or-erasure-asked", IsUninstallOrDeleteUserData, EraseAsync)
        .On("end-of-conversation", t => t.Activity.IsType(ActivityTypes.EndOfConversation), EndAsync)
        .On("more-options", moreOptions.IsAsked, moreOptions.ShowAsync)
        .On("card-action", IsCardSubmit, ContinueConversationAsync)
        // typing, events (e.g. handoff.status), invokes nobody handles (→ 501), reactions, updates: accepted, no answer.
        .On("not-a-message", t => !t.Activity.IsType(ActivityTypes.Message), (_, _) => Task.CompletedTask)
        .On("unreadable", IsWithoutWords, ExplainWhatIsReadAsync)
        // Within the course questions, a person is the course staff, whom the course dialog offers itself.
        .On("talk-to-person", t => intents.Is(t, Intents.TalkToPerson) && !IsInCourseQuestions(t), TalkToPersonAsync)
        // "when will I hear back about my case?" asks about the case; "when will I hear back about the Geneva course?" about a course.
        .On("case-status", t => intents.Is(t, Intents.CaseStatus) && !courses.IsQuestionAboutACourse(t), TellCaseStatusAsync)
        .On("not-understood", t => intents.Is(t, Intents.NotUnderstood), ExplainQuestionAsync)
        // "why do you need my country?", "c'est quoi un procureur ?": the question explained; "what is the fee of the
        // course?" asks about a course.
        .On("about-the-question", t => intents.Is(t, Intents.AboutTheQuestion) && !courses.IsQuestionAboutACourse(t), ExplainQuestionAsync)
        // "Help me with the visa for the Geneva course" asks about a course; "help" said alone still shows the help.
        .On("help", t => commands.IsHelp(t) || (intents.Is(t, Intents.Help) && !courses.IsQuestionAboutACourse(t)), HelpAsync)
        .On("restart", t => commands.IsRestart(t) || intents.Is(t, Intents.Restart), RestartAsync)
        // "can Front Line give the workshop in Quechua?" asks about a course, which only its staff can answer.
        .On("other-language", t => intents.Is(t, Intents.OtherLanguage) && !courses.IsQuestionAboutACourse(t), TellLanguagesAsync)
        .On("language", t => LanguageAskedFor(t) is not null && !IsAskingForLanguage(t) && !courses.AsksACoursesLanguage(t), SwitchLanguageAsync)
        .On("courses", courses.IsOpening, OpenCoursesAsync)
        .On("course-question", courses.IsQuestion, AnswerCourseQuestionAsync)
        // Web Chat and the Emulator greet before the person writes, so their "hola" meets the first question already.
        .On("greeting", t => intents.Is(t, Intents.Greeting) && t.State.DialogStack.Count > 0, AskAgainAsync)
        .On("story-at-language", IsStoryAtLanguageQuestion, BeginWithStoryAsync)
        .On("conversation", _ => true, ContinueConversationAsync)
        .OnError(ApologiseAsync);

    private Task ApologiseAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        if (turn.Activity.IsType(ActivityTypes.Message))
            turn.SendText(texts.Get(ConversationLanguage.Of(turn), "error.apology"));
        return Task.CompletedTask;
    }

    private Task QuickExitAsync(TurnContext turn, CancellationToken cancellationToken) =>
        EraseAndConfirmAsync(turn, "safety.quick_exit.done", cancellationToken);

    // Erases what the quick exit erases (ConversationErasure: the state, the case, the questions with the course staff,
    // the work items not yet done, the replies kept for redelivery); only the confirmation differs.
    private Task DeleteDataAsync(TurnContext turn, CancellationToken cancellationToken) =>
        EraseAndConfirmAsync(turn, "safety.delete_data.done", cancellationToken);

    private async Task EraseAndConfirmAsync(TurnContext turn, string confirmationKey, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(turn);
        await erasure.EraseAsync(turn, cancellationToken);
        turn.ClearReplies();
        turn.SendText(texts.Get(language, confirmationKey));
    }

    private async Task GreetAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Channels differ: some announce the user and the bot in one update, some in two, some repeat it.
        if (turn.State.Properties.ContainsKey(GreetedKey))
            return;
        turn.State.Set(GreetedKey, true, ConversationJsonContext.Default.Boolean);
        var dc = dialogs.CreateContext(turn);
        if (dc.ActiveDialog is null)
            await dc.BeginDialogAsync(InterviewDialog.Id, cancellationToken: cancellationToken);
    }

    private Task EraseAsync(TurnContext turn, CancellationToken cancellationToken) => erasure.EraseAsync(turn, cancellationToken);

    private async Task EndAsync(TurnContext turn, CancellationToken cancellationToken) =>
        await dialogs.CreateContext(turn).CancelAllDialogsAsync(cancellationToken);

    /// <summary>The help, then the question waiting; with none ("svp aidez-moi" as a first message), the interview begins.</summary>
    private Task HelpAsync(TurnContext turn, CancellationToken cancellationToken) =>
        SayThenGoOnAsync(turn, "help.text", cancellationToken);

    /// <summary>
    /// "No entiendo": the question waiting is explained in other words and asked again; nothing is taken as its answer,
    /// and it does not count as a misunderstanding. With no question waiting, the help.
    /// </summary>
    private async Task ExplainQuestionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var dc = dialogs.CreateContext(turn);
        if (dc.ActiveDialog is not { } waiting)
        {
            await HelpAsync(turn, cancellationToken);
            return;
        }
        var key = $"explain.{waiting.Id}";
        turn.SendText(texts.Get(ConversationLanguage.Of(turn), texts.Has(key) ? key : "explain.other"));
        await dc.RepromptDialogAsync(cancellationToken);
    }

    /// <summary>A greeting answers nothing: the question waiting is asked again, and it does not count as a misunderstanding.</summary>
    private Task AskAgainAsync(TurnContext turn, CancellationToken cancellationToken) =>
        dialogs.CreateContext(turn).RepromptDialogAsync(cancellationToken);

    /// <summary>A photo, a voice note, a location, a sticker: say what the bot reads, then ask the question again.</summary>
    private Task ExplainWhatIsReadAsync(TurnContext turn, CancellationToken cancellationToken) =>
        SayThenGoOnAsync(turn, "unreadable", cancellationToken);

    /// <summary>A text, then the question waiting again; with none waiting, the interview begins.</summary>
    private async Task SayThenGoOnAsync(TurnContext turn, string key, CancellationToken cancellationToken)
    {
        turn.SendText(texts.Get(ConversationLanguage.Of(turn), key));
        var dc = dialogs.CreateContext(turn);
        if (dc.ActiveDialog is not null)
            await dc.RepromptDialogAsync(cancellationToken);
        else
            await dc.BeginDialogAsync(InterviewDialog.Id, cancellationToken: cancellationToken);
    }

    private async Task RestartAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.SendText(texts.Get(ConversationLanguage.Of(turn), "restart.done"));
        var dc = dialogs.CreateContext(turn);
        await dc.CancelAllDialogsAsync(cancellationToken);
        await dc.BeginDialogAsync(InterviewDialog.Id, new InterviewState { LanguageSettled = ConversationLanguage.IsChosen(turn) }, cancellationToken);
    }

    /// <summary>"¿Podemos cambiar a portugués?": the three languages the bot writes in, then the question waiting.</summary>
    private Task TellLanguagesAsync(TurnContext turn, CancellationToken cancellationToken) =>
        SayThenGoOnAsync(turn, "language.only_three", cancellationToken);

    private async Task SwitchLanguageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = LanguageAskedFor(turn)!;
        ConversationLanguage.Choose(turn, language);
        turn.SendText(texts.Get(language, "language.switched"));
        // Questions already asked were worded in the old language: ask again, in the new one.
        var dc = dialogs.CreateContext(turn);
        await dc.CancelAllDialogsAsync(cancellationToken);
        await dc.BeginDialogAsync(InterviewDialog.Id, new InterviewState { LanguageSettled = true }, cancellationToken);
    }

    /// <summary>
    /// Web Chat, the Emulator and Teams greet before the person writes, so "necesito ayuda, hay hombres armados afuera de
    /// mi casa" meets the language question. Written in one of the three languages and naming none, it chooses the
    /// language it is written in and is the interview's first message: what it tells is kept, danger first.
    /// </summary>
    private bool IsStoryAtLanguageQuestion(TurnContext turn)
    {
        if (!IsAskingForLanguage(turn) || turn.Activity.Text is not { } text
            || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < StoryWords || languageOffer.WrittenIn(text) is not { } written)
            return false;
        var reading = understanding.Read("language", written, text);
        return reading.Options.Count == 0 && reading.Yes.Count == 0;
    }

    private async Task BeginWithStoryAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ConversationLanguage.Choose(turn, languageOffer.WrittenIn(turn.Activity.Text)!);
        var dc = dialogs.CreateContext(turn);
        await dc.CancelAllDialogsAsync(cancellationToken);
        await dc.BeginDialogAsync(InterviewDialog.Id, new InterviewState { LanguageSettled = true }, cancellationToken);
    }

    private string? LanguageAskedFor(TurnContext turn) => commands.LanguageAskedFor(turn) ?? intents.LanguageAskedFor(turn);

    /// <summary>
    /// A person, asked for at any step: the handoff's consent and summary with what is known so far, on top of the
    /// question that was interrupted. A case already sent is not sent twice: the person is told where it stands.
    /// </summary>
    private async Task TalkToPersonAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var dc = dialogs.CreateContext(turn);
        if (DefenderHandoff.Of(turn) is not null)
        {
            await TellCaseStatusAsync(turn, cancellationToken);
            return;
        }
        if (turn.State.DialogStack.Any(d => d.Id is HandoffDialog.Id or PersonRequestDialog.Id))
        {
            await dc.RepromptDialogAsync(cancellationToken);
            return;
        }
        // Asked in danger whether a partner should contact them, a person asking for a person said yes to it.
        if (turn.State.DialogStack is [{ Id: InterviewPrompts.PartnerNow }, ..])
        {
            await dc.EndDialogAsync(new BotProtocol.Prompts.OptionAnswer(["yes"], PreferNot: false), cancellationToken);
            return;
        }
        await dc.BeginDialogAsync(PersonRequestDialog.Id, new PersonRequest { Answers = PersonRequestDialog.CaseOf(turn) }, cancellationToken);
    }

    private async Task TellCaseStatusAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(turn);
        if (await ownCase.WaitingCaseAsync(turn, cancellationToken) is { } waiting)
            turn.Send(ownCase.StatusReply(turn, waiting));
        else
            turn.SendText(texts.Get(language, "interview.status.none"));
        var dc = dialogs.CreateContext(turn);
        if (dc.ActiveDialog is not null)
            await dc.RepromptDialogAsync(cancellationToken);
    }

    /// <summary>The course questions on top of whatever is going on; when they end, the interrupted question is asked again.</summary>
    private async Task OpenCoursesAsync(TurnContext turn, CancellationToken cancellationToken) =>
        await dialogs.CreateContext(turn).BeginDialogAsync(CourseDialog.Id,
            courses.IsEligibilityRequest(turn) ? new CourseQuestionState { Question = turn.Activity.Text } : null, cancellationToken);

    /// <summary>
    /// A clear question in the middle of something else is answered and the pending question asked again, and so is one
    /// about courses in general, which also begins the interview when nothing was going on; anything that needs more
    /// (which course? shall I ask the staff?) opens the course questions with it.
    /// </summary>
    private async Task AnswerCourseQuestionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var dc = dialogs.CreateContext(turn);
        var match = courses.Match(turn);
        if (match.Kind == CourseQuestionKind.Courses)
        {
            courseDialog.ListCourses(turn);
            if (dc.ActiveDialog is null)
                await dc.BeginDialogAsync(InterviewDialog.Id, cancellationToken: cancellationToken);
            else
                await dc.RepromptDialogAsync(cancellationToken);
            return;
        }
        if (dc.ActiveDialog is not null && match.IsConfident && courseDialog.TryAnswer(turn, match))
        {
            await dc.RepromptDialogAsync(cancellationToken);
            return;
        }
        await dc.BeginDialogAsync(CourseDialog.Id, new CourseQuestionState { Question = turn.Activity.Text }, cancellationToken);
    }

    private async Task ContinueConversationAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Before the answer's replies, so the question asked next stays the last thing said.
        languageOffer.OfferIfWrittenInAnother(turn);
        var dc = dialogs.CreateContext(turn);
        var result = await dc.ContinueDialogAsync(cancellationToken);
        if (result.Status == DialogTurnStatus.Empty)
            await dc.BeginDialogAsync(InterviewDialog.Id, cancellationToken: cancellationToken);
    }

    private static bool IsSomeoneElseJoining(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.ConversationUpdate)
        && turn.Activity.MembersAdded?.Any(m => m.Id != turn.Activity.Recipient?.Id) == true;

    private static bool IsInCourseQuestions(TurnContext turn) =>
        turn.State.DialogStack.Any(d => d.Id is CourseDialog.Id or EligibilityDialog.Id);

    // "Español" typed at the language question is an answer to it, not a request to switch.
    private static bool IsAskingForLanguage(TurnContext turn) =>
        turn.State.DialogStack is [{ Id: InterviewPrompts.LanguagePrompt }, ..];

    private static bool IsUninstallOrDeleteUserData(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.DeleteUserData)
        || (turn.Activity.IsType(ActivityTypes.InstallationUpdate) && turn.Activity.Action is "remove" or "remove-upgrade");

    // Media, locations and message types a channel cannot show as text arrive without text (and without a card's value).
    private static bool IsWithoutWords(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.Message) && string.IsNullOrWhiteSpace(turn.Activity.Text) && turn.Activity.Value is null;

    // A card's Action.Submit arrives as a message with a value and no text; route it before the text commands.
    private static bool IsCardSubmit(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.Message) && string.IsNullOrEmpty(turn.Activity.Text) && turn.Activity.Value is not null;
}
