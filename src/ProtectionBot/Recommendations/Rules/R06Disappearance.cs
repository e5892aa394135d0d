using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R6. When someone's whereabouts are unknown after an arrest or abduction, the UN Working Group on Enforced
/// Disappearances acts fast on recent cases (its urgent procedure covers the last three months, so it comes first while
/// that window is open), the Committee on Enforced Disappearances can order urgent action where the State ratified the
/// Convention, and in the Americas the IACHR can require a search through precautionary measures. "Started days or
/// weeks ago" is read as within three months; "months" may be more, so it gets the standard procedure's wording.
/// </summary>
internal sealed class R06Disappearance : RoutingRule
{
    public override string Id => "R6";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("enforced-disappearance"))
            yield break;

        var recent = facts.Answers.Started is "days" or "weeks";
        yield return recent
            ? ForTheSituation(WorkingGroupOnDisappearances, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.DisappearanceUrgentProcedure)) with { Deadline = Deadline.Imminent }
            : ForTheSituation(WorkingGroupOnDisappearances, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.DisappearanceStandardProcedure));
        if (facts.CountryIsIn("ced"))
        {
            yield return ForTheSituation(CommitteeOnDisappearances, RouteTier.Urgent, RouteAction.Protection, Say(ReasonKeys.DisappearanceCommittee, facts.CountryName)) with
            {
                Notes = [Say(ReasonKeys.DisappearanceConditions)],
            };
        }
        if (facts.CountryIsIn("oas"))
        {
            yield return ForTheSituation(PrecautionaryMeasures, RouteTier.Urgent, RouteAction.Protection, Say(ReasonKeys.DisappearancePrecautionary, facts.CountryName)) with
            {
                Also = Say(ReasonKeys.DisappearancePrecautionaryAlso),
            };
        }
    }
}
