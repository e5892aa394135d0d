using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R8. A fellow defender killed, or threats against life, call for a joint urgent appeal by the UN Rapporteur on
/// executions and the Rapporteur on defenders; in the Americas, precautionary measures for survivors, families and the
/// organisation; and public alerts (Observatory, Amnesty) only with consent (R24). The interview's "threats" include
/// death threats without telling them apart: threats while in immediate danger are read as threats to life, and other
/// ongoing threats get the Rapporteur on executions as a supporting route that states its condition.
/// </summary>
internal sealed class R08KillingOrDeathThreats : RoutingRule
{
    public override string Id => "R8";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var killing = facts.Reports("killing-of-colleague");
        var threatsToLifeNow = facts.Reports("threats") && facts.InDanger;
        if (!killing && !threatsToLifeNow)
        {
            if (facts.Reports("threats") && facts.IsOngoing)
                yield return Supporting(RapporteurOnExecutions, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.ThreatsExecutionsIf)) with { Fact = "executions" };
            yield break;
        }

        yield return ForTheSituation(RapporteurOnExecutions, facts.OngoingTier, RouteAction.Intervention,
            Say(killing ? ReasonKeys.KillingExecutions : ReasonKeys.ThreatsExecutions)) with { Fact = "executions" };
        yield return DefendersRapporteur(facts);
        if (killing && facts.IsOngoing && facts.CountryIsIn("oas"))
        {
            yield return ForTheSituation(PrecautionaryMeasures, RouteTier.Urgent, RouteAction.Protection, Say(ReasonKeys.KillingPrecautionary, facts.CountryName)) with
            {
                Also = Say(ReasonKeys.KillingPrecautionaryAlso),
            };
        }
        yield return Supporting(Observatory, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.KillingAlert)) with { Fact = "alert", IsPublic = true };
        if (facts.IsOngoing)
            yield return Supporting(Amnesty, RouteTier.Urgent, RouteAction.Support, Say(ReasonKeys.KillingAmnesty)) with { Fact = "amnesty", IsPublic = true };
    }
}
