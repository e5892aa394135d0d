using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R21. Land and environment, indigenous and Afro-descendant defenders in the Americas are often attacked as
/// communities: the IACHR can grant collective precautionary measures (when life or integrity is at risk now),
/// Protection International builds collective protection with such communities, and the Digital Defenders Partnership
/// prioritises them when the attack is digital. The national programme is R25's.
/// </summary>
internal sealed class R21CommunitiesInTheAmericas : RoutingRule
{
    public override string Id => "R21";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var community = facts.DefendsLandOrEnvironment || facts.Is("indigenous") || facts.Is("afro-descendant");
        if (!community || !facts.ReportsHarm || !facts.CountryIsIn("americas"))
            yield break;

        if (facts.CountryIsIn("oas") && facts.IsOngoing && facts.RisksLifeOrIntegrity)
        {
            yield return ForTheSituation(PrecautionaryMeasures, RouteTier.Urgent, RouteAction.Protection, Say(ReasonKeys.CollectiveMeasures, facts.CountryName)) with
            {
                Also = Say(ReasonKeys.CollectiveMeasuresAlso),
            };
        }
        yield return Supporting(ProtectionInternational, RouteTier.LongTerm, RouteAction.Support, Say(ReasonKeys.CommunityProtection));
        if (facts.Reports("digital-attack"))
            yield return Supporting(DigitalDefenders, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.CommunityDigital)) with { Also = Say(ReasonKeys.CommunityDigitalAlso) };
    }
}
