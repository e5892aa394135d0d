using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R10. A digital attack is first a job for Access Now's helpline, which answers within two hours; the Digital
/// Defenders Partnership and Front Line Defenders can pay for the fix and safer devices. When the State is behind the
/// surveillance or censorship, the UN Rapporteur on expression is made for it; when the person does not know or did
/// not say who is behind it, that Rapporteur is a supporting route whose reason says "if the State is behind it".
/// </summary>
internal sealed class R10DigitalAttack : RoutingRule
{
    public override string Id => "R10";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("digital-attack"))
            yield break;

        yield return ForTheSituation(AccessNow, RouteTier.Urgent, RouteAction.Line, Say(ReasonKeys.DigitalHelpline)) with { Fact = "access-now" };
        yield return Supporting(DigitalDefenders, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.DigitalFunding));
        yield return Supporting(ProtectionGrants, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.DigitalDevicesGrant)) with { Also = Say(ReasonKeys.DigitalDevicesGrantAlso) };
        if (facts.StateIsBehind)
        {
            yield return ForTheSituation(RapporteurOnExpression, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.DigitalStateSurveillance)) with
            {
                Also = Say(ReasonKeys.DigitalStateSurveillanceAlso), Fact = "surveillance",
            };
        }
        else if (facts.StateMayBeBehind)
        {
            yield return Supporting(RapporteurOnExpression, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.DigitalStateSurveillanceIf)) with
            {
                Also = Say(ReasonKeys.DigitalStateSurveillanceIfAlso), Fact = "surveillance",
            };
        }
    }
}
