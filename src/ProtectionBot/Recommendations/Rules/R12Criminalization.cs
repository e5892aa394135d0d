using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R12. A defender prosecuted for their work needs the Rapporteur on defenders first; then observers at the trial (the
/// Observatory, EU diplomats outside the EU), money for legal fees (Lifeline when the organisation is the target), and
/// in Europe the Council of Europe Commissioner and OSCE/ODIHR. IACHR precautionary measures, if another rule chose
/// them, get a note that they do not replace a fair-trial complaint. When someone is held now, R5 already offers the
/// money for lawyers.
/// </summary>
internal sealed class R12Criminalization : RoutingRule
{
    public override string Id => "R12";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("criminalization"))
            yield break;

        yield return DefendersRapporteur(facts);
        yield return Supporting(Observatory, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.CriminalizationTrialObservation)) with
        {
            Also = Say(ReasonKeys.CriminalizationTrialObservationAlso),
        };
        if (facts.Country is not null && !facts.CountryIsIn("eu"))
        {
            yield return Supporting(EuGuidelines, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.CriminalizationEuTrial, facts.CountryName)) with
            {
                Also = Say(ReasonKeys.CriminalizationEuTrialAlso), Notes = [Say(ReasonKeys.AskLiaisonOfficer)],
            };
        }
        if (!facts.StillDetained)
        {
            yield return facts.IsOrganisation
                ? Supporting(Lifeline, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.CriminalizationOrganisation)) with { Also = Say(ReasonKeys.CriminalizationOrganisationAlso) }
                : Supporting(ProtectionGrants, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.CriminalizationLegalFees)) with { Also = Say(ReasonKeys.CriminalizationLegalFeesAlso) };
        }
        if (facts.CountryIsIn("coe"))
        {
            yield return Supporting(EuropeanCommissioner, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.CriminalizationCommissioner, facts.CountryName)) with
            {
                Fact = "commissioner", Notes = [Say(ReasonKeys.NoIndividualComplaints)],
            };
        }
        if (facts.CountryIsIn("osce"))
        {
            yield return Supporting(Odihr, RouteTier.LongTerm, RouteAction.Support, Say(ReasonKeys.CriminalizationOdihr, facts.CountryName)) with
            {
                Fact = "odihr", Notes = [Say(ReasonKeys.MonitoringOnly)],
            };
        }
        yield return NoteIfChosen(PrecautionaryMeasures, Say(ReasonKeys.NotAFairTrialRemedy));
    }
}
