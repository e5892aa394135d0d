using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R1. When life or physical integrity is at risk right now, safety comes before any procedure: the 24-hour Front Line
/// Defenders line first, with a reminder to call local help and trusted people and an offer of a caseworker now. When
/// the danger is purely digital, Access Now's helpline is added, because it is the one that can secure devices fast.
/// </summary>
internal sealed class R01ImmediateDanger : RoutingRule
{
    public override string Id => "R1";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.InDanger)
            yield break;
        yield return DangerLine(EmergencyLine, Say(ReasonKeys.EmergencyLine)) with { Notes = [Say(ReasonKeys.LocalHelp)] };
        if (facts.Answers.Situations is ["digital-attack"])
            yield return DangerLine(AccessNow, Say(ReasonKeys.DigitalEmergency)) with { Fact = "access-now" };
    }
}
