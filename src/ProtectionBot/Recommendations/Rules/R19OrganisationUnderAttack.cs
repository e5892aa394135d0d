using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R19. When the organisation itself is targeted (raided, equipment seized, staff prosecuted), the Lifeline fund helps
/// groups of two or more activists, the Observatory raises the alarm and the Rapporteur on defenders can intervene. The
/// interview has no "raid" answer, so any harm to an organisation counts.
/// </summary>
internal sealed class R19OrganisationUnderAttack : RoutingRule
{
    public override string Id => "R19";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.IsOrganisation || !facts.ReportsHarm)
            yield break;

        yield return Route(Lifeline, RouteTier.Urgent, ReasonKeys.OrganisationLifeline);
        yield return Route(Observatory, facts.OngoingTier, ReasonKeys.OrganisationAlert);
        yield return Route(RapporteurOnDefenders, facts.OngoingTier, facts.IsOngoing ? ReasonKeys.UrgentAppeal : ReasonKeys.AllegationLetter);
    }
}
