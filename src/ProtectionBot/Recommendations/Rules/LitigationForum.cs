using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// The single forum for long-term redress once domestic remedies are exhausted (R20). Only one, because filing the same
/// case in two international forums gets it rejected (lis pendens); the regional system comes first because it is the
/// one the catalogue names first, and UN committees only where the State accepted complaints to them.
/// </summary>
internal static class LitigationForum
{
    public sealed record Choice(string MechanismId, ReasonText Reason, IReadOnlyList<ReasonText> Notes);

    public static Choice? Choose(CaseFacts facts)
    {
        if (facts.Answers.DomesticRemedies != "exhausted" || facts.Country is null)
            return null;
        var country = facts.CountryName;
        var oneForum = new ReasonText(ReasonKeys.OneForumOnly);

        if (facts.CountryIsIn("oas"))
            return new(InterAmericanPetitions, new(ReasonKeys.RedressInterAmerican, country), [Deadline(facts, months: 6), oneForum]);
        if (facts.CountryIsIn("african-charter"))
            return new(AfricanCommunications, new(ReasonKeys.RedressAfrican, country), [new(ReasonKeys.DeadlineReasonable), oneForum]);
        if (facts.CountryIsIn("coe"))
            return new(EuropeanCourt, new(ReasonKeys.RedressEuropean, country), [Deadline(facts, months: 4), oneForum]);
        if (facts.Reports("torture") && facts.CountryIsIn("cat-22"))
            return new(CommitteeAgainstTorture, new(ReasonKeys.RedressTorture, country), [new(ReasonKeys.DeadlineNoneFixed), oneForum]);
        if (facts.CountryIsIn("ccpr-op1"))
            return new(HumanRightsCommittee, new(ReasonKeys.RedressCovenant, country), [new(ReasonKeys.DeadlineNoneFixed), oneForum]);
        return null;
    }

    /// <summary>The date itself when the person gave the final decision's date, else the rule in months.</summary>
    private static ReasonText Deadline(CaseFacts facts, int months)
    {
        if (facts.Answers.FinalDecisionDate is not { } decided)
            return new(months == 6 ? ReasonKeys.DeadlineSixMonths : ReasonKeys.DeadlineFourMonths);
        var deadline = decided.AddMonths(months);
        return new(deadline < facts.Today ? ReasonKeys.DeadlinePassed : ReasonKeys.DeadlineOn, facts.FormatDate(deadline));
    }
}
