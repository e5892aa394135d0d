using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R3. When the danger is extreme and the State accepted the Inter-American Court, the Commission can ask the Court
/// for binding provisional measures. The interview does not ask whether IACHR measures were granted and ignored, so
/// immediate danger stands for "extreme gravity". It supports the precautionary-measures request rather than replacing
/// it: only the Commission can ask the Court.
/// </summary>
internal sealed class R03InterAmericanCourt : RoutingRule
{
    public override string Id => "R3";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (facts.InDanger && facts.RisksLifeOrIntegrity && facts.CountryIsIn("oas") && facts.CountryIsIn("iacthr"))
            yield return Supporting(InterAmericanCourt, RouteTier.Urgent, RouteAction.Protection, Say(ReasonKeys.CourtThroughCommission, facts.CountryName));
    }
}
