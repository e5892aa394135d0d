using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R13. Someone punished for cooperating with the UN can ask the UN's senior official on reprisals to take it up (only
/// with their informed consent), alongside the Rapporteur on defenders; the reason also tells them to inform the UN body
/// they worked with, which the bot cannot name. ISHR, which campaigns against reprisals, can advise. In Africa the ACHPR
/// Rapporteur on defenders is also the focal point on reprisals.
/// </summary>
internal sealed class R13Reprisals : RoutingRule
{
    public override string Id => "R13";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("reprisal-un"))
            yield break;

        yield return ForTheSituation(UnReprisals, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.ReprisalsOfficial)) with
        {
            Notes = [Say(ReasonKeys.ConsentRequired)],
        };
        yield return DefendersRapporteur(facts);
        yield return Supporting(Ishr, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.ReprisalsIshr));
        if (facts.CountryIsIn("african-charter"))
            yield return AfricanRapporteur(facts) with { Extra = Say(ReasonKeys.ReprisalsAfricaAlso) };
    }
}
