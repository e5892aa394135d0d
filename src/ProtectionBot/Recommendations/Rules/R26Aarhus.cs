using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R26. An environmental defender in a Party to the Aarhus Convention can turn to its Special Rapporteur on
/// environmental defenders, a rapid response that needs no court case at home and keeps complaints confidential, with
/// the UN Rapporteur on defenders. The Rapporteur also acts outside the Parties when a State body or company of a Party
/// causes the harm; the interview does not ask who the company is, so that case is left to the caseworker.
/// </summary>
internal sealed class R26Aarhus : RoutingRule
{
    public override string Id => "R26";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.DefendsLandOrEnvironment || !facts.ReportsHarm || !facts.CountryIsIn("aarhus"))
            yield break;
        yield return ForTheSituation(AarhusRapporteur, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.AarhusRapporteur, facts.CountryName));
        yield return DefendersRapporteur(facts);
    }
}
