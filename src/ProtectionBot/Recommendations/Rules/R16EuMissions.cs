using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R16. Outside the EU, EU Delegations and embassies can speak up, observe trials, visit and issue emergency visas.
/// Nearly every non-EU country has an EU Delegation or a Member State embassy and the data does not list them, so every
/// known non-EU country qualifies; the note sends the person to the liaison officer, who knows the local practice.
/// </summary>
internal sealed class R16EuMissions : RoutingRule
{
    public override string Id => "R16";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (facts.ReportsHarm && facts.Country is not null && !facts.CountryIsIn("eu"))
        {
            yield return Supporting(EuGuidelines, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.EuMissions, facts.CountryName)) with
            {
                Notes = [Say(ReasonKeys.AskLiaisonOfficer)],
            };
        }
    }
}
