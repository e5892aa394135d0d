using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R21. Land and environment, indigenous and Afro-descendant defenders in the Americas are often attacked as
/// communities: the IACHR can grant collective precautionary measures (when the risk is ongoing), Protection
/// International builds collective protection with such communities, and the Digital Defenders Partnership prioritises
/// them when the attack is digital.
/// </summary>
internal sealed class R21CommunitiesInTheAmericas : RoutingRule
{
    public override string Id => "R21";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var community = facts.Reports("land-environment") || facts.Is("land-environment") || facts.Is("indigenous") || facts.Is("afro-descendant");
        if (!community || !facts.ReportsHarm || !facts.CountryIsIn("americas"))
            yield break;

        if (facts.CountryIsIn("oas") && facts.IsOngoing)
            yield return Route(PrecautionaryMeasures, RouteTier.Urgent, ReasonKeys.CollectiveMeasures, facts.CountryName);
        yield return Route(ProtectionInternational, RouteTier.LongTerm, ReasonKeys.CommunityProtection);
        if (facts.Reports("digital-attack"))
            yield return Route(DigitalDefenders, RouteTier.Urgent, ReasonKeys.CommunityDigital);
    }
}
