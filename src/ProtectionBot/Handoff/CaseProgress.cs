using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Handoff;

/// <summary>
/// Moves a case to the next partner when the current one declines, cannot be reached or lets the time run out; with
/// nobody left, tells the defender and erases the case. Follow-up messages are enqueued before the case is changed
/// and carry ids of their own step, so a crash in between repeats the step without sending anything twice.
/// </summary>
internal sealed class CaseProgress(
    IWorkQueue queue, CaseStore cases, CaseCard card, TimeProvider time, IOptions<HandoffOptions> options, ILogger<CaseProgress> logger)
{
    /// <param name="outcome">Why the offer ended, one of <see cref="OfferOutcomes"/>: the defender is told that reason.</param>
    public async Task PassOnAsync(string caseId, int offerIndex, string outcome, CancellationToken cancellationToken)
    {
        var current = await cases.ReadAsync(caseId, cancellationToken);
        if (current is null || current.OfferIndex != offerIndex || current.Status != CaseStatuses.Offered)
            return;
        var now = time.GetUtcNow();
        var next = offerIndex + 1;
        var last = next >= current.Route.Count;
        if (!last)
            await queue.EnqueueAsync(HandoffMessages.Offer(current, next, newCase: null, now, becauseEarlier: outcome), cancellationToken);

        // The card says what became of the case: passed to another organisation, or to nobody because none was left.
        var cardOutcome = (outcome == OfferOutcomes.Unreachable ? OfferOutcomes.Expired : outcome) + (last ? "_last" : "");
        var (updated, _) = await cases.UpdateAsync(caseId, c =>
            c.Status != CaseStatuses.Offered || c.OfferIndex != offerIndex
                ? null
                : c with
                {
                    OfferIndex = Math.Min(next, c.Route.Count - 1),
                    Status = last ? CaseStatuses.Unrouted : CaseStatuses.Offered,
                    Posted = null,
                    Earlier = c.Posted is { } posted ? [.. c.Earlier, posted with { Outcome = cardOutcome }] : c.Earlier,
                }, cancellationToken);
        if (updated is null)
            return;

        if (current.Posted is { } earlier)
            await queue.EnqueueAsync(HandoffMessages.Card(caseId, earlier, cardOutcome, card.Render(current, cardOutcome), now), cancellationToken);
        if (updated.Status == CaseStatuses.Unrouted)
        {
            await queue.EnqueueAsync(HandoffMessages.ToDefender(updated, "unrouted", DefenderEvents.Status, DefenderEvents.Failed, null, null, now), cancellationToken);
            await cases.DeleteAsync(caseId, cancellationToken);
            HandoffLog.Unrouted(logger, caseId);
        }
        else
        {
            HandoffLog.PassedOn(logger, caseId, offerIndex, outcome);
        }
    }

    /// <summary>How long the partner at the current offer has before the next one is tried.</summary>
    public TimeSpan AcceptTimeout(HandoffCase handoffCase) =>
        handoffCase.Urgent ? options.Value.UrgentAcceptTimeout : options.Value.AcceptTimeout;
}

/// <summary>Why an offer to a partner ended without a caseworker taking the case.</summary>
internal static class OfferOutcomes
{
    /// <summary>A caseworker of the partner pressed Decline.</summary>
    public const string Declined = "declined";

    /// <summary>Nobody accepted before the accept timeout (the card's <c>passed_on</c> status, as cases have stored it).</summary>
    public const string Expired = "passed_on";

    /// <summary>None of the partner's desks could be reached (removed from the partners file, app uninstalled, no number reachable).</summary>
    public const string Unreachable = "unreachable";
}

/// <summary>The events the handoff runs in the defender's conversation.</summary>
internal static class DefenderEvents
{
    /// <summary>The Bot Framework handoff convention's status event: <c>value.state</c> accepted, failed or completed.</summary>
    public const string Status = "handoff.status";

    /// <summary>A caseworker's message to relay.</summary>
    public const string Message = "handoff.message";

    /// <summary>A file the defender agreed to pass on could not be (<see cref="DefenderNotice.Reason"/> says why).</summary>
    public const string File = "handoff.file";

    public const string Accepted = "accepted";
    public const string Rerouted = "rerouted";
    public const string Failed = "failed";
    public const string Completed = "completed";
}
