using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using ProtectionBot.Content;

namespace ProtectionBot.Handoff;

/// <summary>Which question about their own case the defender is answering: <see cref="OwnCase.Withdraw"/> or <see cref="OwnCase.Reveal"/>.</summary>
internal sealed record OwnCaseQuestion
{
    public string Kind { get; init; } = "";
}

/// <summary>
/// What a defender can do about a case they sent, in their own words, while it waits for a caseworker: ask how it
/// stands ("¿cómo va mi caso?"), withdraw it without erasing the conversation, and share their name or number after all
/// (case by case, from a command or a button, after a confirmation that shows exactly what would be sent). Sharing also
/// works while a caseworker has the case (<see cref="DefenderRelay"/> asks there). The phrases are data
/// (<c>handoff.own_case.*_words</c>), matched inside a sentence, in every language at once.
/// </summary>
internal sealed class OwnCase(
    TextCatalog texts, CaseStore cases, CaseCard card, CaseSummary summary, PartnerDirectory partners, HandoffDialog handoffDialog,
    Lexicon lexicon, TimeProvider time, ILogger<OwnCase> logger)
{
    public const string Id = "handoff.own-case";
    public const string Withdraw = "withdraw";
    public const string Reveal = "reveal";
    public const string Status = "status";
    private const string ConfirmPromptId = "handoff.own-case.confirm";

    private readonly Phrases _status = new(texts.GetListInAllLanguages("handoff.own_case.status_words"));
    private readonly Phrases _withdraw = new(texts.GetListInAllLanguages("handoff.own_case.withdraw_words"));
    private readonly Phrases _reveal = new(texts.GetListInAllLanguages("handoff.own_case.reveal_words"));

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<OwnCaseQuestion>(Id, HandoffJsonContext.Default.OwnCaseQuestion, AskAsync, ActAsync);
        yield return new ConfirmPrompt(ConfirmPromptId, lexicon);
    }

    /// <summary>Which of the defender's case commands the message says, if any.</summary>
    public string? CommandIn(TurnContext turn)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message) || turn.Activity.Text is not { Length: > 0 } text)
            return null;
        var said = TextNormalizer.Normalize(text);
        return _withdraw.AreIn(said) ? Withdraw : _reveal.AreIn(said) ? Reveal : _status.AreIn(said) ? Status : null;
    }

    /// <summary>
    /// A question about their case from a defender whose case waits for a caseworker, or who has none (they are told
    /// so). While a caseworker has the case, the relay takes every message instead.
    /// </summary>
    public bool IsAboutOwnCase(TurnContext turn) =>
        (DefenderHandoff.Of(turn)?.Phase is null or DefenderHandoff.Waiting) && CommandIn(turn) is not null;

    /// <summary>
    /// Answers how the case stands at once (then asks the interrupted question again), or asks to confirm a withdrawal
    /// or a sharing, on top of whatever the conversation was doing.
    /// </summary>
    public async Task AnswerAsync(TurnContext turn, DialogContext dc, CancellationToken cancellationToken)
    {
        var command = CommandIn(turn);
        var waiting = await WaitingCaseAsync(turn, cancellationToken);
        if (waiting is null || command == Status)
        {
            turn.Send(waiting is null ? new Activity { Type = ActivityTypes.Message, Text = texts.Get(ConversationLanguage.Of(turn), "handoff.own_case.none") } : StatusReply(turn, waiting));
            if (dc.ActiveDialog is not null)
                await dc.RepromptDialogAsync(cancellationToken);
            return;
        }
        await dc.BeginDialogAsync(Id, new OwnCaseQuestion { Kind = command! }, cancellationToken);
    }

    /// <summary>How a waiting case stands, with buttons to withdraw it and, when something could still be shared, to share it.</summary>
    public Activity StatusReply(TurnContext turn, HandoffCase handoffCase)
    {
        var language = ConversationLanguage.Of(turn);
        var partner = partners.Find(handoffCase.CurrentPartnerId);
        var text = texts.Get(language, "handoff.own_case.waiting", partner?.Name ?? DefenderHandoff.Of(turn)?.PartnerName ?? "",
            handoffDialog.Hours(language, partner?.ResponseTime ?? TimeSpan.FromHours(1)));
        var withdraw = texts.Get(language, "handoff.own_case.withdraw_button");
        List<CardAction> buttons = [CardAction.ImBack(withdraw, withdraw)];
        if (RevealButton(turn, handoffCase) is { } reveal)
            buttons.Add(reveal);
        return new Activity { Type = ActivityTypes.Message, Text = text, SuggestedActions = new SuggestedActions { Actions = buttons } };
    }

    /// <summary>"Share my number" (or name) while the case has neither and the channel gives one; null otherwise.</summary>
    public CardAction? RevealButton(TurnContext turn, HandoffCase? handoffCase)
    {
        if (handoffCase?.Contact is not null || SharedContact.Of(turn.Activity) is not { } shareable)
            return null;
        var title = texts.Get(ConversationLanguage.Of(turn), shareable.Number is not null ? "handoff.own_case.reveal_number_button" : "handoff.own_case.reveal_name_button");
        return CardAction.ImBack(title, title);
    }

    /// <summary>The confirmation before sharing, with the very lines the caseworker would receive; null when there is nothing to share (the defender is told why).</summary>
    public string? RevealQuestion(TurnContext turn, HandoffCase handoffCase, string partnerName)
    {
        var language = ConversationLanguage.Of(turn);
        if (handoffCase.Contact is { } already)
        {
            turn.SendText(texts.Get(language, "handoff.own_case.already_shared", partnerName, string.Join("\n", summary.ContactLines(already, language))));
            return null;
        }
        if (SharedContact.Of(turn.Activity) is not { } shareable)
        {
            turn.SendText(texts.Get(language, "handoff.own_case.nothing_to_share"));
            return null;
        }
        return texts.Get(language, "handoff.own_case.reveal_ask", partnerName, string.Join("\n", summary.ContactLines(shareable, language)));
    }

    /// <summary>
    /// Adds what the defender's channel gives (<see cref="SharedContact.Of"/>) to this case only: its card shows it, a
    /// caseworker who has the case is told, and a WhatsApp caseworker who accepts later gets the summary again.
    /// </summary>
    public async Task RevealAsync(TurnContext turn, string caseId, string partnerName, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(turn);
        if (SharedContact.Of(turn.Activity) is not { } shareable)
        {
            turn.SendText(texts.Get(language, "handoff.own_case.nothing_to_share"));
            return;
        }
        var (updated, changed) = await cases.UpdateAsync(caseId, c => c.Contact is null ? c with { Contact = shareable, ContactSharedLater = true } : null, cancellationToken);
        if (updated is null)
        {
            turn.SendText(texts.Get(language, "handoff.own_case.none"));
            return;
        }
        if (changed)
        {
            var now = time.GetUtcNow();
            var caseLanguage = updated.Answers.Language;
            if (updated.Posted is { } posted)
            {
                var status = updated.Status == CaseStatuses.Accepted ? "accepted" : "offered";
                turn.Enqueue(HandoffMessages.Card(updated.Id, posted, $"{status}-contact", card.Render(updated, status, updated.Owner?.DisplayName), now));
            }
            if (updated.Owner is { } owner)
            {
                turn.Enqueue(HandoffMessages.ToCaseworker(updated.Id, "contact-shared", updated.DefenderKey, owner, caseLanguage,
                    texts.Get(caseLanguage, "handoff.desk.person_shared", string.Join("\n", summary.ContactLines(shareable, caseLanguage))), now));
            }
            HandoffLog.ContactShared(logger, updated.Id);
        }
        turn.SendText(texts.Get(language, "handoff.own_case.shared", partnerName));
    }

    /// <summary>
    /// Withdraws a case from this turn, the conversation staying: the card says why (<paramref name="outcome"/>:
    /// <c>withdrawn</c> or <c>taken_elsewhere</c>), a caseworker who had it is told, and the case is erased.
    /// </summary>
    public async Task WithdrawAsync(TurnContext turn, HandoffCase handoffCase, string outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (handoffCase.Posted is { } posted)
            turn.Enqueue(HandoffMessages.Card(handoffCase.Id, posted, outcome, card.Render(handoffCase, outcome), now));
        if (handoffCase.Owner is { } owner)
        {
            turn.Enqueue(HandoffMessages.ToCaseworker(handoffCase.Id, "withdrawn", HandoffMessages.NoticeOwner(handoffCase.Id), owner, handoffCase.Answers.Language,
                texts.Get(handoffCase.Answers.Language, "handoff.desk.person_withdrew"), now));
        }
        await cases.DeleteAsync(handoffCase.Id, cancellationToken);
        HandoffLog.Closed(logger, handoffCase.Id, outcome == "taken_elsewhere" ? "channel's agent hub" : "defender");
    }

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext<OwnCaseQuestion> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? new OwnCaseQuestion();
        var turn = step.Context;
        var language = ConversationLanguage.Of(turn);
        var handoff = DefenderHandoff.Of(turn);
        if (await WaitingCaseAsync(turn, cancellationToken) is not { } waiting || handoff is null)
        {
            turn.SendText(texts.Get(language, "handoff.own_case.none"));
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }
        var (question, yes, no) = step.State.Kind == Withdraw
            ? (texts.Get(language, "handoff.own_case.withdraw_ask", handoff.PartnerName), "handoff.own_case.withdraw_yes", "handoff.own_case.withdraw_no")
            : (RevealQuestion(turn, waiting, handoff.PartnerName), "handoff.contact.yes", "handoff.contact.no");
        if (question is null)
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        return await step.PromptAsync(ConfirmPromptId, new PromptOptions
        {
            Prompt = Questions.Question(question),
            RetryPrompt = Questions.Question(texts.Get(language, "prompt.retry_numbered")),
            LastResort = texts.Get(language, "prompt.last_resort_help"),
            Choices = [new Choice(texts.Get(language, yes)), new Choice(texts.Get(language, no))],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ActAsync(WaterfallStepContext<OwnCaseQuestion> step, CancellationToken cancellationToken)
    {
        var turn = step.Context;
        var language = ConversationLanguage.Of(turn);
        // The case may have been taken, passed on or closed while the question waited.
        if (DefenderHandoff.Of(turn) is not { } handoff || await cases.ReadAsync(handoff.CaseId, cancellationToken) is not { } handoffCase)
        {
            turn.SendText(texts.Get(language, "handoff.own_case.none"));
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }
        switch (step.State.Kind, step.Result is true)
        {
            case (Withdraw, true):
                await WithdrawAsync(turn, handoffCase, "withdrawn", cancellationToken);
                DefenderHandoff.Clear(turn);
                turn.SendText(texts.Get(language, "handoff.own_case.withdrawn", handoff.PartnerName));
                turn.Send(HandoffStatus.Event(DefenderEvents.Completed));
                break;
            case (Withdraw, false):
                turn.SendText(texts.Get(language, "handoff.own_case.kept", handoff.PartnerName));
                break;
            case (_, true):
                await RevealAsync(turn, handoffCase.Id, handoff.PartnerName, cancellationToken);
                break;
            default:
                turn.SendText(texts.Get(language, "handoff.own_case.not_shared"));
                break;
        }
        return await step.EndDialogAsync(cancellationToken: cancellationToken);
    }

    /// <summary>The defender's case while it waits for a caseworker; null (and the stale record dropped) when there is none.</summary>
    public async Task<HandoffCase?> WaitingCaseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (DefenderHandoff.Of(turn) is not { Phase: DefenderHandoff.Waiting } handoff)
            return null;
        var handoffCase = await cases.ReadAsync(handoff.CaseId, cancellationToken);
        if (handoffCase is null)
            DefenderHandoff.Clear(turn); // erased meanwhile (unrouted, withdrawn elsewhere): its news may still be on the way
        return handoffCase is { Status: CaseStatuses.Offered } ? handoffCase : null;
    }

    /// <summary>Phrases found inside a message, word for word after normalising ("hola, ¿cómo va mi caso?" holds "como va mi caso").</summary>
    private sealed class Phrases(IEnumerable<string> phrases)
    {
        private readonly string[] _phrases = [.. phrases.Select(p => $" {TextNormalizer.Normalize(p)} ").Distinct(StringComparer.Ordinal)];

        public bool AreIn(string normalized)
        {
            var padded = $" {normalized} ";
            return _phrases.Any(p => padded.Contains(p, StringComparison.Ordinal));
        }
    }
}
