using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R5. A detained defender needs the UN Working Group on Arbitrary Detention (urgent action while detained) with the
/// Rapporteur on defenders; the Rapporteur on torture when ill-treatment is feared; the African Rapporteur in Africa;
/// money for lawyers and visits (Lifeline when the organisation is the target, Front Line Defenders otherwise); and, in
/// a non-EU country, EU diplomats who can visit the prison and watch the trial. The interview does not ask about
/// incommunicado detention, so reported torture or immediate danger stands for the risk of ill-treatment, and the grants
/// are offered to every detention because the family or organisation almost always bears those costs.
/// </summary>
internal sealed class R05Detention : RoutingRule
{
    public override string Id => "R5";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("arbitrary-detention"))
            yield break;

        yield return facts.IsOngoing
            ? Route(WorkingGroupOnArbitraryDetention, RouteTier.Urgent, ReasonKeys.DetentionUrgentAction)
            : Route(WorkingGroupOnArbitraryDetention, RouteTier.LongTerm, ReasonKeys.DetentionOpinion);
        yield return Route(RapporteurOnDefenders, facts.OngoingTier, facts.IsOngoing ? ReasonKeys.UrgentAppeal : ReasonKeys.AllegationLetter);
        if (facts.Reports("torture") || facts.InDanger)
            yield return Route(RapporteurOnTorture, RouteTier.Urgent, ReasonKeys.DetentionTortureRisk);
        if (facts.CountryIsIn("african-charter"))
            yield return Route(AfricanRapporteurOnDefenders, facts.OngoingTier, ReasonKeys.DetentionAfrica, facts.CountryName);
        yield return facts.IsOrganisation
            ? Route(Lifeline, RouteTier.Urgent, ReasonKeys.DetentionOrganisationGrant)
            : Route(ProtectionGrants, RouteTier.Urgent, ReasonKeys.DetentionFamilyGrant);
        if (facts.Country is not null && !facts.CountryIsIn("eu"))
            yield return Route(EuGuidelines, facts.OngoingTier, new ReasonText(ReasonKeys.DetentionEuVisits, facts.CountryName), new ReasonText(ReasonKeys.AskLiaisonOfficer));
    }
}
