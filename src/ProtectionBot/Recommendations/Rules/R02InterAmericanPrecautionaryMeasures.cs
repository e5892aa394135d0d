using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R2. In an OAS member State, a serious, urgent risk of irreparable harm to life or integrity is exactly what IACHR
/// precautionary measures are for, and they need no court case at home first. When the person only complains of an
/// unfair process (prosecution or detention without a threat to life), the IACHR petition is the fitting route
/// instead, since precautionary measures are not a fair-trial remedy.
/// </summary>
internal sealed class R02InterAmericanPrecautionaryMeasures : RoutingRule
{
    public override string Id => "R2";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.CountryIsIn("oas"))
            yield break;
        if (facts.IsOngoing && facts.RisksLifeOrIntegrity)
        {
            yield return Route(PrecautionaryMeasures, RouteTier.Urgent, ReasonKeys.PrecautionaryMeasures, facts.CountryName);
        }
        else if (!facts.RisksLifeOrIntegrity && facts.ReportsAny("criminalization", "arbitrary-detention"))
        {
            ReasonText[] notes = facts.Answers.DomesticRemedies == "exhausted" ? [] : [new(ReasonKeys.RemediesFirst)];
            yield return Route(InterAmericanPetitions, RouteTier.LongTerm, new ReasonText(ReasonKeys.PetitionForFairTrial), notes);
        }
    }
}
