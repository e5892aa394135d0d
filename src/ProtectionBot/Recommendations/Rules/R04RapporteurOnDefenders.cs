namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R4. Any threat or attack on a defender, anywhere, can go to the UN Special Rapporteur on defenders: no treaty, no
/// court case first. An urgent appeal while it is happening, a letter of allegation once it is over. This is the one
/// route never left out when harm is reported; the thematic mandates of R5–R11 join it.
/// </summary>
internal sealed class R04RapporteurOnDefenders : RoutingRule
{
    public override string Id => "R4";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (facts.ReportsHarm)
            yield return DefendersRapporteur(facts);
    }
}
