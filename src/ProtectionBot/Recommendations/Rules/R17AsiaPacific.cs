using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R17. Asia-Pacific has no regional human rights system, so besides the UN routes (R4 and the thematic rules) the
/// national human rights institution, backed by the Asia Pacific Forum, is the place to turn; women, trans and
/// non-binary defenders get the region's Urgent Action Fund (as R9 words it).
/// </summary>
internal sealed class R17AsiaPacific : RoutingRule
{
    public override string Id => "R17";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.ReportsHarm || !facts.CountryIsIn("asia-pacific"))
            yield break;
        yield return Supporting(AsiaPacificForum, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.AsiaPacificInstitution));
        if (facts.WomenAndTransRoutes != GenderFit.No && facts.IsOngoing)
            yield return UrgentActionFund(facts, RouteRole.Supporting);
    }
}
