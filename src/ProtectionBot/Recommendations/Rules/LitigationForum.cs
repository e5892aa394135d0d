using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// The single forum for long-term redress once domestic remedies are exhausted (R20). Only one, because filing the same
/// case in two international forums gets it rejected (lis pendens). The regional system comes first, as the catalogue
/// names it; a regional court or commission whose time limit has run out is passed over for a UN committee the State
/// accepted, and the person is told why. The time limit is counted from the final decision when its date is known.
/// </summary>
internal static class LitigationForum
{
    public sealed record Choice(string MechanismId, ReasonText Reason, IReadOnlyList<ReasonText> Notes, Deadline Deadline);

    public static Choice? Choose(CaseFacts facts)
    {
        if (facts.Answers.DomesticRemedies != "exhausted" || facts.Country is null)
            return null;
        var country = facts.CountryName;
        var oneForum = new ReasonText(ReasonKeys.OneForumOnly);
        Choice? lapsed = null;
        var lapsedNotes = new List<ReasonText>();

        if (facts.CountryIsIn("oas"))
        {
            var (deadline, note, passed) = Limit(facts, months: 6, ReasonKeys.DeadlineSixMonths);
            var petition = new Choice(InterAmericanPetitions, new(ReasonKeys.RedressInterAmerican, country), [note, oneForum], deadline);
            if (!passed)
                return petition;
            lapsed = petition;
            lapsedNotes.Add(new(ReasonKeys.DeadlinePassedInterAmerican, facts.FormatDate(deadline.Date!.Value)));
        }
        if (facts.CountryIsIn("african-charter"))
            return new(AfricanCommunications, new(ReasonKeys.RedressAfrican, country), [new(ReasonKeys.DeadlineReasonable), oneForum], Deadline.Undated);
        if (facts.CountryIsIn("coe"))
        {
            var (deadline, note, passed) = Limit(facts, months: 4, ReasonKeys.DeadlineFourMonths);
            var application = new Choice(EuropeanCourt, new(ReasonKeys.RedressEuropean, country), [note, oneForum], deadline);
            if (!passed)
                return application;
            lapsed ??= application;
            lapsedNotes.Add(new(ReasonKeys.DeadlinePassedEuropean, facts.FormatDate(deadline.Date!.Value)));
        }
        if (facts.Reports("torture") && facts.CountryIsIn("cat-22"))
            return new(CommitteeAgainstTorture, new(ReasonKeys.RedressTorture, country), [.. lapsedNotes, new(ReasonKeys.DeadlineNoneFixed), oneForum], Deadline.Undated);
        if (facts.CountryIsIn("ccpr-op1"))
            return new(HumanRightsCommittee, new(ReasonKeys.RedressCovenant, country), [.. lapsedNotes, new(ReasonKeys.DeadlineNoneFixed), oneForum], Deadline.Undated);
        // No other forum: the lapsed one stays, with its "the deadline has passed, ask about the exceptions" note.
        return lapsed;
    }

    /// <summary>
    /// The deadline counted from the final decision when its date is known (and whether it has passed), else the rule
    /// in months. A decision known only by its month counts from the month's first day, the earliest the time limit
    /// can end, so the bot never tells someone they have more time than they do.
    /// </summary>
    private static (Deadline Deadline, ReasonText Note, bool Passed) Limit(CaseFacts facts, int months, string inMonthsKey)
    {
        if (facts.Answers.FinalDecisionDate is not { } decided)
            return (Deadline.Undated, new(inMonthsKey), false);
        var deadline = decided.AddMonths(months);
        var passed = deadline < facts.Today;
        return (Deadline.On(deadline), new(passed ? ReasonKeys.DeadlinePassed : ReasonKeys.DeadlineOn, facts.FormatDate(deadline)), passed);
    }
}
