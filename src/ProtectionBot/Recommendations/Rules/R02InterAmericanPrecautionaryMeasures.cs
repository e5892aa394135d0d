using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R2. In an OAS member State, a serious, urgent risk of irreparable harm to life or integrity is exactly what IACHR
/// precautionary measures are for, and they need no court case at home first; a person held by the authorities is at
/// such a risk while the detention lasts. When the person only complains of an unfair process, the IACHR petition is
/// the fitting route instead, since precautionary measures are not a fair-trial remedy (once remedies are exhausted,
/// R20 offers the petition with its deadline).
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
            var reason = facts.OnlyDetentionRisk ? ReasonKeys.PrecautionaryDetention : ReasonKeys.PrecautionaryMeasures;
            yield return ForTheSituation(PrecautionaryMeasures, RouteTier.Urgent, RouteAction.Protection, Say(reason, facts.CountryName)) with { Fact = "measures" };
        }
        else if (!facts.RisksLifeOrIntegrity && facts.ReportsAny("criminalization", "arbitrary-detention") && facts.Answers.DomesticRemedies != "exhausted")
        {
            yield return ForTheSituation(InterAmericanPetitions, RouteTier.LongTerm, RouteAction.Redress, Say(ReasonKeys.PetitionForFairTrial)) with
            {
                Notes = [Say(ReasonKeys.RemediesFirst)],
            };
        }
    }
}
