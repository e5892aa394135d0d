using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R11. Journalists, and anyone smeared or harassed for what they say, go to the UN Rapporteur on freedom of expression
/// together with the Rapporteur on defenders (in the Americas, R2 already brings precautionary measures when life or
/// integrity is at risk). A journalist counts only when some harm is reported: the profile alone is not a case.
/// </summary>
internal sealed class R11Expression : RoutingRule
{
    public override string Id => "R11";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("smear-campaign") && !(facts.Is("journalist") && facts.ReportsHarm))
            yield break;

        yield return Route(RapporteurOnExpression, facts.OngoingTier, ReasonKeys.ExpressionRapporteur);
        yield return Route(RapporteurOnDefenders, facts.OngoingTier, facts.IsOngoing ? ReasonKeys.UrgentAppeal : ReasonKeys.AllegationLetter);
    }
}
