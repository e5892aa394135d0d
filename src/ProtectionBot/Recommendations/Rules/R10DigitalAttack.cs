using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R10. A digital attack is first a job for Access Now's helpline, which answers within two hours; the Digital
/// Defenders Partnership and Front Line Defenders can pay for the fix and safer devices. When the State is behind the
/// surveillance or censorship the UN Rapporteur on expression can act; the interview does not ask who is behind it, so
/// that route is offered with a reason that says "if the State is behind it".
/// </summary>
internal sealed class R10DigitalAttack : RoutingRule
{
    public override string Id => "R10";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("digital-attack"))
            yield break;

        yield return Route(AccessNow, facts.InDanger ? RouteTier.Immediate : RouteTier.Urgent, ReasonKeys.DigitalHelpline);
        yield return Route(DigitalDefenders, RouteTier.Urgent, ReasonKeys.DigitalFunding);
        yield return Route(ProtectionGrants, RouteTier.Urgent, ReasonKeys.DigitalDevicesGrant);
        yield return Route(RapporteurOnExpression, facts.OngoingTier, ReasonKeys.DigitalStateSurveillance);
    }
}
