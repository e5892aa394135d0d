using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R5. A detained defender needs the UN Working Group on Arbitrary Detention (urgent action while detained) with the
/// Rapporteur on defenders; the Rapporteur on torture when ill-treatment is feared (immediate danger stands for it, the
/// interview not asking about incommunicado detention; reported torture is R7's); the African Rapporteur in Africa;
/// money for lawyers, visits and the family (Lifeline when the organisation is the target, Front Line Defenders
/// otherwise) and, in a non-EU country, EU diplomats who can visit the prison, both while the detention lasts: a person
/// told to be released ("out on bail") is no longer held, and the Working Group then examines what was done.
/// </summary>
internal sealed class R05Detention : RoutingRule
{
    public override string Id => "R5";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("arbitrary-detention"))
            yield break;

        yield return ForTheSituation(WorkingGroupOnArbitraryDetention, facts.OngoingTier, RouteAction.Intervention,
            Say(facts.StillDetained ? ReasonKeys.DetentionUrgentAction : ReasonKeys.DetentionOpinion));
        yield return DefendersRapporteur(facts);
        if (facts.InDanger && facts.StillDetained && !facts.Reports("torture"))
            yield return ForTheSituation(RapporteurOnTorture, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.DetentionTortureRisk)) with { Fact = "torture-appeal" };
        if (facts.CountryIsIn("african-charter"))
            yield return AfricanRapporteur(facts);
        if (!facts.StillDetained)
            yield break;
        yield return facts.IsOrganisation
            ? Supporting(Lifeline, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.DetentionOrganisationGrant)) with { Also = Say(ReasonKeys.DetentionOrganisationGrantAlso) }
            : Supporting(ProtectionGrants, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.DetentionFamilyGrant)) with { Also = Say(ReasonKeys.DetentionFamilyGrantAlso) };
        if (facts.Country is not null && !facts.CountryIsIn("eu"))
        {
            yield return Supporting(EuGuidelines, RouteTier.Urgent, RouteAction.Support, Say(ReasonKeys.DetentionEuVisits, facts.CountryName)) with
            {
                Also = Say(ReasonKeys.DetentionEuVisitsAlso), Notes = [Say(ReasonKeys.AskLiaisonOfficer)],
            };
        }
    }
}
