using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Content;
using ProtectionBot.Privacy;

namespace ProtectionBot.Handoff.WhatsApp;

/// <summary>
/// The caseworkers' side on WhatsApp: each caseworker's own chat with the bot, from a number registered for their
/// partner. Accept / Decline (a reply button or a template's quick reply), the close word or button, and while they
/// hold a case, everything they write, relayed to the defender signed with their first name and organisation. The
/// number that sent a button, as the signed webhook says, decides what it may do: only the partner's registered
/// numbers act on its cases, and only the caseworker who took a case replies to or closes it. A number holds one case
/// at a time (kept in its chat's state): accepting another first asks them to close theirs, and the other case stays
/// offered to their colleagues. Registered numbers never get the defender's interview.
/// </summary>
internal sealed class WhatsAppCaseworkerDesk(
    TextCatalog texts, CaseStore cases, CaseProgress progress, CaseCard card, CaseAcceptance acceptance, PartnerDirectory partners, WhatsAppCaseworkers whatsApp,
    IWorkQueue queue, TimeProvider time, Pseudonyms pseudonyms, ILogger<WhatsAppCaseworkerDesk> logger) : IPersonalDataHolder
{
    private readonly HashSet<string> _closeWords = [.. texts.GetListInAllLanguages("handoff.desk.close_words").Select(TextNormalizer.Normalize)];

    /// <summary>Anything from a number registered as a partner's caseworker (never one of the bot's own events).</summary>
    public bool IsFromCaseworkerNumber(TurnContext turn) =>
        turn.Activity.ChannelId == WhatsAppIdentity.ChannelId && !ProactiveTurns.IsProactive(turn)
        && partners.ForWhatsAppNumber(turn.Activity.From?.Id) is not null;

    /// <summary>A caseworker's button payload, typed or tapped anywhere else: from no registered number, so refused.</summary>
    public static bool IsCasePayload(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.Message) && CasePayload.Parse(turn.Activity.Text) is not null;

    public Task RefuseForgedAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        Refuse(turn, CasePayload.Parse(turn.Activity.Text)?.Action ?? "unknown", "not a registered caseworker number");
        return Task.CompletedTask;
    }

    public async Task OnActivityAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Reactions, a first "hello" from the app, and other activities: no interview, no answer.
        if (!turn.Activity.IsType(ActivityTypes.Message))
            return;
        var number = turn.Activity.From!.Id!;
        var partner = partners.ForWhatsAppNumber(number)!;
        if (CasePayload.Parse(turn.Activity.Text) is { } payload)
        {
            await OnPayloadAsync(turn, partner, number, payload, cancellationToken);
            return;
        }
        var (active, ended) = await ActiveCaseAsync(turn, number, cancellationToken);
        if (active is null)
        {
            turn.SendText(ended is { } language ? texts.Get(language, "handoff.desk.case_gone") : texts.Get(partner.Languages[0], "handoff.desk.wa_help", partner.Name));
            return;
        }
        var caseLanguage = active.Answers.Language;
        var text = turn.Activity.Text?.Trim() ?? "";
        if (_closeWords.Contains(TextNormalizer.Normalize(text)))
        {
            await CloseAsync(turn, partner, number, active, cancellationToken);
            return;
        }
        if (text.Length == 0)
        {
            turn.SendText(texts.Get(caseLanguage, "handoff.desk.wa_text_only"));
            return;
        }
        turn.Enqueue(HandoffMessages.ToDefender(active, $"message/{turn.Activity.Id ?? Guid.NewGuid().ToString("N")}",
            DefenderEvents.Message, null, Signature(partner, number), text, time.GetUtcNow()));
    }

    /// <summary>
    /// Before a caseworker's chat is erased (their quick exit or "delete my data"): the case they hold is closed, so the
    /// defender is not left writing to nobody. Enqueued on its own, since the erased turn keeps nothing.
    /// </summary>
    public async Task EraseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!IsFromCaseworkerNumber(turn) || await ActiveCaseAsync(turn, turn.Activity.From!.Id!, cancellationToken) is not ({ } active, _))
            return;
        var partner = partners.ForWhatsAppNumber(turn.Activity.From!.Id)!;
        var now = time.GetUtcNow();
        await cases.DeleteAsync(active.Id, cancellationToken);
        await queue.EnqueueAsync(HandoffMessages.ToDefender(active, "closed", DefenderEvents.Status, DefenderEvents.Completed, DefenderFacingName(partner, turn.Activity.From!.Id!, active), null, now), cancellationToken);
        if (active.Posted is { } posted)
            await queue.EnqueueAsync(HandoffMessages.Card(active.Id, posted, "closed", card.Render(active, "closed"), now), cancellationToken);
        HandoffLog.Closed(logger, active.Id, "caseworker");
    }

    private async Task OnPayloadAsync(TurnContext turn, Partner partner, string number, CasePayload payload, CancellationToken cancellationToken)
    {
        if (await cases.ReadAsync(payload.CaseId, cancellationToken) is not { } handoffCase)
        {
            turn.SendText(texts.Get(partner.Languages[0], "handoff.desk.case_gone"));
            return;
        }
        switch (payload.Action)
        {
            case CaseCard.Accept:
                await AcceptAsync(turn, partner, number, handoffCase, payload.OfferIndex, cancellationToken);
                break;
            case CaseCard.Decline:
                await DeclineAsync(turn, partner, handoffCase, payload.OfferIndex, cancellationToken);
                break;
            case CaseCard.Close:
                await CloseAsync(turn, partner, number, handoffCase, cancellationToken);
                break;
            default: // open: the reminder's button reopened the chat; the waiting messages follow with the work queue's next try
                var (active, _) = await ActiveCaseAsync(turn, number, cancellationToken);
                turn.SendText(active?.Id == handoffCase.Id
                    ? texts.Get(handoffCase.Answers.Language, "handoff.desk.wa_reopened", CasePayload.Reference(handoffCase.Id))
                    : texts.Get(handoffCase.Answers.Language, "handoff.desk.case_gone"));
                break;
        }
    }

    private async Task AcceptAsync(TurnContext turn, Partner partner, string number, HandoffCase handoffCase, int offerIndex, CancellationToken cancellationToken)
    {
        var language = handoffCase.Answers.Language;
        if (await ActiveCaseAsync(turn, number, cancellationToken) is ({ } held, _) && held.Id != handoffCase.Id)
        {
            turn.SendText(texts.Get(language, "handoff.desk.wa_busy", CasePayload.Reference(held.Id)));
            return;
        }
        var caseworker = Caseworker.OnWhatsApp(partner.Id, number, DisplayName(partner, number, language));
        var (outcome, accepted) = await acceptance.AcceptAsync(turn, partner, handoffCase, offerIndex, caseworker,
            DefenderFacingName(partner, number, handoffCase), exceptNumber: number, cancellationToken);
        switch (outcome)
        {
            case AcceptOutcome.Gone:
                turn.SendText(texts.Get(language, "handoff.desk.case_gone"));
                return;
            case AcceptOutcome.TakenByColleague:
                turn.SendText(texts.Get(language, "handoff.desk.already_taken", accepted!.Owner!.DisplayName));
                return;
            case AcceptOutcome.NotOffered:
                LogRefusal(turn, CaseCard.Accept, "the case is not offered to this partner now");
                turn.SendText(texts.Get(language, "handoff.desk.not_offered"));
                return;
        }

        // A template said nothing about the case: now that the caseworker has it, they read it here.
        var current = accepted!;
        // Nor did an offer made before the person shared how to reach them.
        if (current.ContactSharedLater || current.Notified.Any(n => n.OfferIndex == offerIndex && n.Number == number && n.Via == WhatsAppNotice.Template))
            turn.SendText(whatsApp.Summary(current));
        turn.Send(new Activity
        {
            Type = ActivityTypes.Message,
            Text = texts.Get(language, "handoff.desk.wa_accepted", CasePayload.Reference(current.Id)),
            SuggestedActions = new SuggestedActions
            {
                Actions = [CardAction.ImBack(texts.Get(language, "handoff.desk.wa_close"), new CasePayload(CaseCard.Close, current.Id, current.OfferIndex).ToString())],
            },
        });
    }

    private async Task DeclineAsync(TurnContext turn, Partner partner, HandoffCase handoffCase, int offerIndex, CancellationToken cancellationToken)
    {
        var language = handoffCase.Answers.Language;
        if (handoffCase.Status != CaseStatuses.Offered || handoffCase.CurrentPartnerId != partner.Id || handoffCase.OfferIndex != offerIndex)
        {
            LogRefusal(turn, CaseCard.Decline, "the case is not offered to this partner now");
            turn.SendText(texts.Get(language, "handoff.desk.not_offered"));
            return;
        }
        await progress.PassOnAsync(handoffCase.Id, handoffCase.OfferIndex, OfferOutcomes.Declined, cancellationToken);
        turn.SendText(texts.Get(language, "handoff.desk.declined"));
    }

    private async Task CloseAsync(TurnContext turn, Partner partner, string number, HandoffCase handoffCase, CancellationToken cancellationToken)
    {
        var language = handoffCase.Answers.Language;
        if (handoffCase.Status != CaseStatuses.Accepted || handoffCase.Owner is not { IsOnWhatsApp: true } owner || owner.PartnerId != partner.Id || owner.UserId != number)
        {
            LogRefusal(turn, CaseCard.Close, "the case is not with this caseworker");
            turn.SendText(texts.Get(language, "handoff.desk.not_offered"));
            return;
        }
        var now = time.GetUtcNow();
        await cases.DeleteAsync(handoffCase.Id, cancellationToken);
        turn.State.Remove(CaseworkerThread.Key);
        turn.Enqueue(HandoffMessages.ToDefender(handoffCase, "closed", DefenderEvents.Status, DefenderEvents.Completed, DefenderFacingName(partner, number, handoffCase), null, now));
        if (handoffCase.Posted is { } posted)
            turn.Enqueue(HandoffMessages.Card(handoffCase.Id, posted, "closed", card.Render(handoffCase, "closed"), now));
        HandoffLog.Closed(logger, handoffCase.Id, "caseworker");
        turn.SendText(texts.Get(language, "handoff.desk.closed"));
    }

    /// <summary>
    /// The case this number holds, from its chat's state; a case closed, ended or erased since is forgotten, and its
    /// language returned as <c>Ended</c> so the caseworker can be told.
    /// </summary>
    private async Task<(HandoffCase? Case, string? Ended)> ActiveCaseAsync(TurnContext turn, string number, CancellationToken cancellationToken)
    {
        if (turn.State.Get(CaseworkerThread.Key, HandoffJsonContext.Default.CaseworkerThread) is not { } thread)
            return (null, null);
        var handoffCase = await cases.ReadAsync(thread.CaseId, cancellationToken);
        if (handoffCase is { Status: CaseStatuses.Accepted, Owner: { IsOnWhatsApp: true } owner } && owner.UserId == number)
            return (handoffCase, null);
        turn.State.Remove(CaseworkerThread.Key);
        return (null, handoffCase?.Answers.Language ?? partners.ForWhatsAppNumber(number)?.Languages[0] ?? Language.Default);
    }

    private void Refuse(TurnContext turn, string action, string reason)
    {
        LogRefusal(turn, action, reason);
        turn.SendText(texts.Get(ConversationLanguage.Of(turn), "handoff.desk.refused"));
    }

    /// <summary>A registered number acting on a case not (or no longer) its own, e.g. with an old offer's buttons: logged, and told so plainly.</summary>
    private void LogRefusal(TurnContext turn, string action, string reason) =>
        HandoffLog.Refused(logger, action, pseudonyms.LogId(turn.Activity.Conversation?.Id), turn.Activity.ChannelId, reason);

    /// <summary>As the partner registered the caseworker's name, or "a caseworker" in the case's language.</summary>
    private string DisplayName(Partner partner, string number, string language) =>
        partner.WhatsApp?.NameOf(number) ?? texts.Get(language, "handoff.desk.wa_caseworker");

    /// <summary>What the defender is told of who has their case: the first name only (or "a caseworker").</summary>
    private string DefenderFacingName(Partner partner, string number, HandoffCase handoffCase) =>
        partner.WhatsApp?.NameOf(number) is { } name ? CaseAcceptance.FirstName(name) : texts.Get(handoffCase.Answers.Language, "handoff.desk.wa_caseworker");

    /// <summary>How the defender sees who wrote, as from Teams: the caseworker's first name and their organisation, nothing more.</summary>
    private static string Signature(Partner partner, string number) =>
        partner.WhatsApp?.NameOf(number) is { } name ? $"{CaseAcceptance.FirstName(name)} ({partner.Name})" : partner.Name;

}
