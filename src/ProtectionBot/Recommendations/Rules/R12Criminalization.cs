using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R12. A defender prosecuted for their work needs the Rapporteur on defenders, observers at the trial (the Observatory,
/// EU diplomats outside the EU), money for legal fees (Lifeline when the organisation is the target), and in Europe the
/// Council of Europe Commissioner and OSCE/ODIHR. IACHR precautionary measures, if another rule chose them, get a note
/// that they do not replace a fair-trial complaint. Detention is R5's business.
/// </summary>
internal sealed class R12Criminalization : RoutingRule
{
    public override string Id => "R12";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("criminalization"))
            yield break;

        yield return Route(RapporteurOnDefenders, facts.OngoingTier, facts.IsOngoing ? ReasonKeys.UrgentAppeal : ReasonKeys.AllegationLetter);
        yield return Route(Observatory, facts.OngoingTier, ReasonKeys.CriminalizationTrialObservation);
        if (facts.Country is not null && !facts.CountryIsIn("eu"))
            yield return Route(EuGuidelines, facts.OngoingTier, new ReasonText(ReasonKeys.CriminalizationEuTrial, facts.CountryName), new ReasonText(ReasonKeys.AskLiaisonOfficer));
        yield return facts.IsOrganisation
            ? Route(Lifeline, RouteTier.Urgent, ReasonKeys.CriminalizationOrganisation)
            : Route(ProtectionGrants, RouteTier.Urgent, ReasonKeys.CriminalizationLegalFees);
        if (facts.CountryIsIn("coe"))
            yield return Route(EuropeanCommissioner, facts.OngoingTier, new ReasonText(ReasonKeys.CriminalizationCommissioner, facts.CountryName), new ReasonText(ReasonKeys.NoIndividualComplaints));
        if (facts.CountryIsIn("osce"))
            yield return Route(Odihr, RouteTier.LongTerm, new ReasonText(ReasonKeys.CriminalizationOdihr, facts.CountryName), new ReasonText(ReasonKeys.MonitoringOnly));
        yield return NoteIfChosen(PrecautionaryMeasures, new ReasonText(ReasonKeys.NotAFairTrialRemedy));
    }
}
