using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R6. When someone's whereabouts are unknown after an arrest or abduction, the UN Working Group on Enforced
/// Disappearances acts fast on recent cases (its urgent procedure covers the last three months), the Committee on
/// Enforced Disappearances can order urgent action where the State ratified the Convention, and in the Americas the
/// IACHR can require a search through precautionary measures. "Started days or weeks ago" is read as within three
/// months; "months" may be more, so it gets the standard procedure's wording but stays urgent while it is ongoing.
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
            ? Route(WorkingGroupOnDisappearances, RouteTier.Urgent, ReasonKeys.DisappearanceUrgentProcedure)
            : Route(WorkingGroupOnDisappearances, facts.OngoingTier, ReasonKeys.DisappearanceStandardProcedure);
        if (facts.CountryIsIn("ced"))
        {
            yield return Route(CommitteeOnDisappearances, RouteTier.Urgent,
                new ReasonText(ReasonKeys.DisappearanceCommittee, facts.CountryName), new ReasonText(ReasonKeys.DisappearanceConditions));
        }
        if (facts.CountryIsIn("oas"))
            yield return Route(PrecautionaryMeasures, RouteTier.Urgent, ReasonKeys.DisappearancePrecautionary, facts.CountryName);
    }
}
