using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R13. Someone punished for cooperating with the UN can ask the UN's senior official on reprisals to take it up (only
/// with their informed consent), alongside the Rapporteur on defenders; the reason also tells them to inform the UN body
/// they worked with, which the bot cannot name. In Africa the ACHPR Rapporteur on defenders is the focal point on
/// reprisals.
/// </summary>
internal sealed class R13Reprisals : RoutingRule
{
    public override string Id => "R13";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("reprisal-un"))
            yield break;

        yield return Route(UnReprisals, RouteTier.Urgent, new ReasonText(ReasonKeys.ReprisalsOfficial), new ReasonText(ReasonKeys.ConsentRequired));
        yield return Route(RapporteurOnDefenders, facts.OngoingTier, facts.IsOngoing ? ReasonKeys.UrgentAppeal : ReasonKeys.AllegationLetter);
        if (facts.CountryIsIn("african-charter"))
            yield return Route(AfricanRapporteurOnDefenders, facts.OngoingTier, ReasonKeys.ReprisalsAfrica);
    }
}
