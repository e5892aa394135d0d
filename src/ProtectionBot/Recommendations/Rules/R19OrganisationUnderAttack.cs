using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R19. When the organisation itself is targeted (raided, its staff prosecuted or attacked), the Lifeline fund for
/// groups of two or more activists is the route made for it, the Observatory can raise the alarm (with consent, R24)
/// and the Rapporteur on defenders can intervene. The interview has no "raid" answer, so any harm to an organisation
/// counts, and the reasons never speak of a raid or seized equipment nobody reported.
/// </summary>
internal sealed class R19OrganisationUnderAttack : RoutingRule
{
    public override string Id => "R19";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.IsOrganisation || !facts.ReportsHarm)
            yield break;

        yield return ForTheSituation(Lifeline, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.OrganisationLifeline));
        yield return Supporting(Observatory, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.OrganisationAlert)) with { Fact = "alert", IsPublic = true };
        yield return DefendersRapporteur(facts);
    }
}
