using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R15. In a Council of Europe State, the European Court's Rule 39 is only for an imminent risk of irreparable harm (to
/// life, of ill-treatment, through an expulsion): immediate danger to life or integrity, or ongoing torture or
/// ill-treatment. Then it comes first, its time limit being the date of the act feared. The Commissioner for Human
/// Rights can raise any harm with the authorities but takes no complaints. In an OSCE State, ODIHR monitors and
/// advocates. The full ECtHR application is R20's.
/// </summary>
internal sealed class R15EuropeanSystems : RoutingRule
{
    public override string Id => "R15";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.ReportsHarm)
            yield break;

        if (facts.CountryIsIn("coe"))
        {
            var imminentIrreparableHarm = (facts.InDanger && facts.RisksLifeOrIntegrity) || (facts.IsOngoing && facts.Reports("torture"));
            if (imminentIrreparableHarm)
            {
                yield return ForTheSituation(EuropeanCourt, RouteTier.Urgent, RouteAction.Protection, Say(ReasonKeys.EuropeInterimMeasure, facts.CountryName)) with
                {
                    Deadline = Deadline.Imminent,
                };
            }
            yield return Supporting(EuropeanCommissioner, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.EuropeCommissioner, facts.CountryName)) with
            {
                Fact = "commissioner", Notes = [Say(ReasonKeys.NoIndividualComplaints)],
            };
        }
        if (facts.CountryIsIn("osce"))
        {
            yield return Supporting(Odihr, RouteTier.LongTerm, RouteAction.Support, Say(ReasonKeys.EuropeOdihr, facts.CountryName)) with
            {
                Fact = "odihr", Notes = [Say(ReasonKeys.MonitoringOnly)],
            };
        }
    }
}
