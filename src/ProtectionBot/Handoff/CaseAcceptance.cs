using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Handoff.WhatsApp;

namespace ProtectionBot.Handoff;

/// <summary>How a caseworker's Accept ended.</summary>
internal enum AcceptOutcome
{
    /// <summary>The case is theirs (also when a turn run again after a conflict finds its own acceptance).</summary>
    Accepted,

    /// <summary>A colleague of the same partner took it first.</summary>
    TakenByColleague,

    /// <summary>The case is not offered to this partner now (declined, passed on, or another partner's).</summary>
    NotOffered,

    /// <summary>The case no longer exists.</summary>
    Gone,
}

/// <summary>
/// A caseworker accepting a case, whichever desk they are at: the first write wins (the case document's ETag), and
/// the winner's turn queues what follows — the card updated for everyone, the defender told, the partner's WhatsApp
/// numbers told it is taken. The desks only say it in their own way.
/// </summary>
internal sealed class CaseAcceptance(CaseStore cases, CaseCard card, TextCatalog texts, TimeProvider time, ILogger<CaseAcceptance> logger)
{
    /// <param name="offerIndex">The offer the button belonged to; null when the button did not say.</param>
    /// <param name="defenderFacingName">How the defender is told who took it (a first name, never more).</param>
    /// <param name="exceptNumber">A WhatsApp number not to tell that the case is taken: the one that took it.</param>
    public async Task<(AcceptOutcome Outcome, HandoffCase? Case)> AcceptAsync(
        TurnContext turn, Partner partner, HandoffCase handoffCase, int? offerIndex, Caseworker caseworker,
        string defenderFacingName, string? exceptNumber, CancellationToken cancellationToken)
    {
        var (current, changed) = await cases.UpdateAsync(handoffCase.Id, c =>
            c.Status == CaseStatuses.Offered && c.CurrentPartnerId == partner.Id && (offerIndex is null || c.OfferIndex == offerIndex)
                ? c with { Status = CaseStatuses.Accepted, Owner = caseworker }
                : null, cancellationToken);
        if (current is null)
            return (AcceptOutcome.Gone, null);
        var mine = changed || (current.Status == CaseStatuses.Accepted && current.Owner is { } owner
            && owner.PartnerId == partner.Id && owner.UserId == caseworker.UserId && owner.Channel == caseworker.Channel);
        if (!mine)
        {
            var colleague = current.Status == CaseStatuses.Accepted && current.Owner?.PartnerId == partner.Id;
            return (colleague ? AcceptOutcome.TakenByColleague : AcceptOutcome.NotOffered, current);
        }

        var now = time.GetUtcNow();
        turn.State.Set(CaseworkerThread.Key, new CaseworkerThread(current.Id), HandoffJsonContext.Default.CaseworkerThread);
        if (current.Posted is { } posted)
            turn.Enqueue(HandoffMessages.Card(current.Id, posted, "accepted", card.Render(current, "accepted", current.Owner!.DisplayName), now));
        turn.Enqueue(HandoffMessages.ToDefender(current, "accepted", DefenderEvents.Status, DefenderEvents.Accepted, defenderFacingName, null, now));
        foreach (var notice in TakenNotices(current, partner, exceptNumber, now))
            turn.Enqueue(notice);
        HandoffLog.Accepted(logger, current.Id, partner.Id);
        return (AcceptOutcome.Accepted, current);
    }

    /// <summary>Tells the partner's other WhatsApp caseworkers (in their window; else they learn it if they tap Accept) who took the case.</summary>
    private IEnumerable<BotProtocol.Work.WorkItem> TakenNotices(HandoffCase handoffCase, Partner partner, string? except, DateTimeOffset now)
    {
        var language = handoffCase.Answers.Language;
        var numbers = partner.WhatsApp?.Numbers ?? [];
        for (var index = 0; index < numbers.Count; index++)
        {
            if (numbers[index] == except)
                continue;
            yield return HandoffMessages.ToCaseworkerNumber(handoffCase.Id, $"taken/{handoffCase.OfferIndex}/{index}", numbers[index], language,
                texts.Get(language, "handoff.desk.wa_taken", CasePayload.Reference(handoffCase.Id), handoffCase.Owner?.DisplayName ?? ""), now);
        }
    }

    /// <summary>The first word of a display name: what the defender learns of who is helping them.</summary>
    public static string FirstName(string displayName) =>
        displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? displayName;
}
