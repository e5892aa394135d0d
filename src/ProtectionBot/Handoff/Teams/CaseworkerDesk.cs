using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;

namespace ProtectionBot.Handoff.Teams;

/// <summary>
/// The caseworkers' side, in their partner's Teams channel: Accept, Decline and Close on a case card, and replies in
/// a case's thread relayed to the defender. Only the channel and tenant registered as the partner's desk can act on
/// its cases; anything else is refused and logged without personal data.
/// </summary>
internal sealed class CaseworkerDesk(
    TextCatalog texts, CaseStore cases, CaseProgress progress, CaseCard card, CaseAcceptance acceptance, PartnerDirectory partners, TimeProvider time,
    Pseudonyms pseudonyms, ILogger<CaseworkerDesk> logger)
{
    /// <summary>A case card's button, from wherever it was pressed.</summary>
    public static bool IsCaseAction(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.Message)
        && turn.Activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("handoff", out _);

    /// <summary>Anything in a Teams channel: the bot is only ever installed in channels as a partner's or the course staff's desk.</summary>
    public static bool IsInChannel(TurnContext turn) => TeamsChannel.IsChannelActivity(turn);

    public async Task OnActionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var action = turn.Activity.Value!.Value.Deserialize(HandoffJsonContext.Default.CaseAction);
        var name = action?.Handoff ?? "unknown";
        if (Desk(turn) is not { } partner)
        {
            Refuse(turn, name, "not a registered partner desk");
            return;
        }
        if (action?.Case is not { } caseId || await cases.ReadAsync(caseId, cancellationToken) is not { } handoffCase)
        {
            turn.SendText(texts.Get(ConversationLanguage.Of(turn), "handoff.desk.case_gone"));
            return;
        }
        handoffCase = await LearnThreadAsync(turn, partner, handoffCase, cancellationToken);
        // A button acts on the case whose card carries it: pressed (or forged) in another case's thread, it is refused.
        if (!IsCaseThread(handoffCase, partner, turn.Activity.Conversation?.Id))
        {
            Refuse(turn, name, "not the case's own thread");
            return;
        }
        switch (name)
        {
            case CaseCard.Accept:
                await AcceptAsync(turn, partner, handoffCase, action.OfferIndex, cancellationToken);
                break;
            case CaseCard.Decline:
                await DeclineAsync(turn, partner, handoffCase, action.OfferIndex, cancellationToken);
                break;
            case CaseCard.Close:
                await CloseAsync(turn, partner, handoffCase, cancellationToken);
                break;
            default:
                Refuse(turn, name, "unknown action");
                break;
        }
    }

    /// <summary>A message in the channel: in a taken case's thread it goes to the defender; anywhere else, how the desk works.</summary>
    public async Task OnChannelActivityAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message))
            return;
        if (Desk(turn) is not { } partner)
        {
            Refuse(turn, "message", "not a registered partner desk");
            return;
        }
        var language = partner.Languages[0];
        if (turn.State.Get(CaseworkerThread.Key, HandoffJsonContext.Default.CaseworkerThread) is not { } thread)
        {
            turn.SendText(texts.Get(language, "handoff.desk.help"));
            return;
        }
        var handoffCase = await cases.ReadAsync(thread.CaseId, cancellationToken);
        if (handoffCase?.Owner is not { } owner || owner.PartnerId != partner.Id)
        {
            turn.SendText(texts.Get(handoffCase?.Answers.Language ?? language, "handoff.desk.case_gone"));
            return;
        }
        var text = TeamsChannel.WithoutMentions(turn.Activity.Text);
        if (text.Length == 0)
            return;
        turn.Enqueue(HandoffMessages.ToDefender(handoffCase, $"message/{turn.Activity.Id ?? Guid.NewGuid().ToString("N")}",
            DefenderEvents.Message, null, Signature(turn, partner), text, time.GetUtcNow()));
    }

    private async Task AcceptAsync(TurnContext turn, Partner partner, HandoffCase handoffCase, int? offerIndex, CancellationToken cancellationToken)
    {
        var language = handoffCase.Answers.Language;
        var userId = turn.Activity.From?.AadObjectId ?? turn.Activity.From?.Id ?? "";
        var caseworker = new Caseworker(partner.Id, userId, DisplayName(turn), turn.Activity.ServiceUrl ?? partner.Teams!.ServiceUrl, turn.Activity.Conversation!.Id!);
        var (outcome, current) = await acceptance.AcceptAsync(turn, partner, handoffCase, offerIndex, caseworker,
            CaseAcceptance.FirstName(caseworker.DisplayName), exceptNumber: null, cancellationToken);
        switch (outcome)
        {
            case AcceptOutcome.Gone:
                turn.SendText(texts.Get(language, "handoff.desk.case_gone"));
                return;
            case AcceptOutcome.TakenByColleague:
                turn.SendText(texts.Get(language, "handoff.desk.already_taken", current!.Owner!.DisplayName));
                return;
            case AcceptOutcome.NotOffered:
                LogRefusal(turn, CaseCard.Accept, "the case is not offered to this partner now");
                turn.SendText(texts.Get(language, "handoff.desk.not_offered"));
                return;
        }
        turn.SendText(texts.Get(language, "handoff.desk.accepted"));
    }

    private async Task DeclineAsync(TurnContext turn, Partner partner, HandoffCase handoffCase, int? offerIndex, CancellationToken cancellationToken)
    {
        var language = handoffCase.Answers.Language;
        if (handoffCase.Status != CaseStatuses.Offered || handoffCase.CurrentPartnerId != partner.Id || (offerIndex is not null && handoffCase.OfferIndex != offerIndex))
        {
            LogRefusal(turn, CaseCard.Decline, "the case is not offered to this partner now");
            turn.SendText(texts.Get(language, "handoff.desk.not_offered"));
            return;
        }
        await progress.PassOnAsync(handoffCase.Id, handoffCase.OfferIndex, OfferOutcomes.Declined, cancellationToken);
        turn.SendText(texts.Get(language, "handoff.desk.declined"));
    }

    private async Task CloseAsync(TurnContext turn, Partner partner, HandoffCase handoffCase, CancellationToken cancellationToken)
    {
        var language = handoffCase.Answers.Language;
        if (handoffCase.Status != CaseStatuses.Accepted || handoffCase.Owner?.PartnerId != partner.Id)
        {
            LogRefusal(turn, CaseCard.Close, "the case is not with this partner");
            turn.SendText(texts.Get(language, "handoff.desk.not_offered"));
            return;
        }
        var now = time.GetUtcNow();
        await cases.DeleteAsync(handoffCase.Id, cancellationToken);
        turn.State.Remove(CaseworkerThread.Key);
        turn.Enqueue(HandoffMessages.ToDefender(handoffCase, "closed", DefenderEvents.Status, DefenderEvents.Completed, CaseAcceptance.FirstName(DisplayName(turn)), null, now));
        if (handoffCase.Posted is { } posted)
            turn.Enqueue(HandoffMessages.Card(handoffCase.Id, posted, "closed", card.Render(handoffCase, "closed"), now));
        HandoffLog.Closed(logger, handoffCase.Id, "caseworker");
        turn.SendText(texts.Get(language, "handoff.desk.closed"));
    }

    /// <summary>
    /// A card posted without an answer (<see cref="UncertainPost"/>) is in the channel after all: a button on it was
    /// pressed. Its thread and message are where the card's later updates go.
    /// </summary>
    private async Task<HandoffCase> LearnThreadAsync(TurnContext turn, Partner partner, HandoffCase handoffCase, CancellationToken cancellationToken)
    {
        if (handoffCase.Posted is not null || handoffCase.UncertainPost?.OfferIndex != handoffCase.OfferIndex || handoffCase.CurrentPartnerId != partner.Id
            || turn.Activity.ReplyToId is not { Length: > 0 } cardId || turn.Activity.Conversation?.Id is not { } threadId)
        {
            return handoffCase;
        }
        var offerIndex = handoffCase.OfferIndex;
        var posted = new PostedOffer(partner.Id, turn.Activity.ServiceUrl ?? partner.Teams!.ServiceUrl, threadId, cardId, handoffCase.UncertainPost.At);
        var (learnt, changed) = await cases.UpdateAsync(handoffCase.Id, c => c.Posted is null && c.OfferIndex == offerIndex ? c with { Posted = posted } : null, cancellationToken);
        if (changed)
            HandoffLog.PostLearnt(logger, handoffCase.Id);
        return learnt ?? handoffCase;
    }

    /// <summary>
    /// The partner whose registered desk this activity came from: a Teams channel activity whose tenant and channel
    /// (from the authenticated activity's channelData) are a partner's, inside that channel's own threads.
    /// </summary>
    private Partner? Desk(TurnContext turn)
    {
        var (tenant, channel) = TeamsChannel.Of(turn);
        return partners.ForTeamsChannel(tenant, channel) is { Teams: { } desk } partner && TeamsChannel.IsFrom(turn, desk) ? partner : null;
    }

    /// <summary>The thread of one of the case's cards for this partner (the one offered now, an earlier one, or where it was taken).</summary>
    private static bool IsCaseThread(HandoffCase handoffCase, Partner partner, string? threadId) =>
        threadId is not null
        && (handoffCase.Owner is { IsOnWhatsApp: false } owner && owner.PartnerId == partner.Id && owner.ThreadId == threadId
            || (handoffCase.Posted is { } posted ? [.. handoffCase.Earlier, posted] : handoffCase.Earlier)
                .Any(card => card.PartnerId == partner.Id && card.ThreadId == threadId));

    private void Refuse(TurnContext turn, string action, string reason)
    {
        LogRefusal(turn, action, reason);
        turn.SendText(texts.Get(ConversationLanguage.Of(turn), "handoff.desk.refused"));
    }

    /// <summary>Logged only: the caseworker gets one plain answer (the case is no longer offered to them), not a refusal as well.</summary>
    private void LogRefusal(TurnContext turn, string action, string reason) =>
        HandoffLog.Refused(logger, action, pseudonyms.LogId(turn.Activity.Conversation?.Id), turn.Activity.ChannelId, reason);

    private static string DisplayName(TurnContext turn) => turn.Activity.From?.Name is { Length: > 0 } name ? name : "—";

    /// <summary>How the defender sees who wrote: the caseworker's first name and their organisation, nothing more.</summary>
    private static string Signature(TurnContext turn, Partner partner) => $"{CaseAcceptance.FirstName(DisplayName(turn))} ({partner.Name})";
}
