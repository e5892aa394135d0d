using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R8. A colleague killed, or threats that put life in danger, call for a joint urgent appeal by the UN Rapporteur on
/// executions and the Rapporteur on defenders; in the Americas, precautionary measures for survivors, families and the
/// organisation; and public alerts (Observatory, Amnesty), which R24 keeps behind explicit consent. The interview has no
/// separate "death threat" answer, so threats while in immediate danger are read as threats to life.
/// </summary>
internal sealed class R08KillingOrDeathThreats : RoutingRule
{
    public override string Id => "R8";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var deathThreats = facts.Reports("threats") && facts.InDanger;
        if (!facts.Reports("killing-of-colleague") && !deathThreats)
            yield break;

        yield return Route(RapporteurOnExecutions, RouteTier.Urgent, ReasonKeys.KillingExecutions);
        yield return Route(RapporteurOnDefenders, RouteTier.Urgent, ReasonKeys.UrgentAppeal);
        if (facts.CountryIsIn("oas"))
            yield return Route(PrecautionaryMeasures, RouteTier.Urgent, ReasonKeys.KillingPrecautionary, facts.CountryName);
        yield return Route(Observatory, RouteTier.Urgent, ReasonKeys.KillingAlert);
        yield return Route(Amnesty, RouteTier.Urgent, ReasonKeys.KillingAmnesty);
    }
}
