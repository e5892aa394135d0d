using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R11. A smear campaign, or harm to someone who works in journalism or communication, goes to the UN Rapporteur on
/// freedom of expression together with the Rapporteur on defenders. Each fact gets its own sentence, so a journalist
/// under a smear campaign reads both and neither twice.
/// </summary>
internal sealed class R11Expression : RoutingRule
{
    public override string Id => "R11";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var smear = facts.Reports("smear-campaign");
        var journalist = facts.Is("journalist") && facts.ReportsHarm;
        if (!smear && !journalist)
            yield break;

        if (smear)
            yield return ForTheSituation(RapporteurOnExpression, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.ExpressionSmear)) with { Also = Say(ReasonKeys.ExpressionSmearAlso) };
        if (journalist)
            yield return ForTheSituation(RapporteurOnExpression, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.ExpressionJournalist)) with { Also = Say(ReasonKeys.ExpressionJournalistAlso) };
        yield return DefendersRapporteur(facts);
    }
}
