using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R15. In a Council of Europe State, the European Court's Rule 39 is only for imminent, irreparable harm to life or
/// against ill-treatment or expulsion, so only in immediate danger with such a harm; the Commissioner for Human Rights
/// can raise any harm with the authorities but takes no complaints. In an OSCE State, ODIHR monitors and advocates.
/// The full ECtHR application is R20's.
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
            var irreparable = facts.InDanger && (facts.RisksLifeOrIntegrity || facts.ReportsAny("arbitrary-detention", "forced-displacement"));
            if (irreparable)
                yield return Route(EuropeanCourt, RouteTier.Immediate, ReasonKeys.EuropeInterimMeasure, facts.CountryName);
            yield return Route(EuropeanCommissioner, facts.OngoingTier, new ReasonText(ReasonKeys.EuropeCommissioner, facts.CountryName), new ReasonText(ReasonKeys.NoIndividualComplaints));
        }
        if (facts.CountryIsIn("osce"))
            yield return Route(Odihr, RouteTier.LongTerm, new ReasonText(ReasonKeys.EuropeOdihr, facts.CountryName), new ReasonText(ReasonKeys.MonitoringOnly));
    }
}
