using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R17. Asia-Pacific has no regional human rights system, so besides the UN routes (R4 and the thematic rules) the
/// national human rights institution, backed by the Asia Pacific Forum, is the place to turn; women and trans defenders
/// get the region's Urgent Action Fund from R9.
/// </summary>
internal sealed class R17AsiaPacific : RoutingRule
{
    public override string Id => "R17";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.ReportsHarm || !facts.CountryIsIn("asia-pacific"))
            yield break;
        yield return Route(AsiaPacificForum, facts.OngoingTier, ReasonKeys.AsiaPacificInstitution);
        if (facts.Is("women"))
            yield return Route(UrgentActionFund, RouteTier.Urgent, ReasonKeys.UrgentActionFundWomen, R09GenderBasedViolence.SisterFund(facts));
    }
}
