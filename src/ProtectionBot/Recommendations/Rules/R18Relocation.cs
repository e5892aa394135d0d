using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R18. A defender who must leave can get temporary relocation and emergency grants from ProtectDefenders.eu, help from
/// Front Line Defenders' line, relocation money from the Urgent Action Fund (women and trans defenders) or Lifeline
/// (organisations). Having been displaced already is read as being in exile: ProtectDefenders.eu is then the first
/// choice, and Front Line Defenders grants, if another rule chose them, get a note that they do not cover exile costs.
/// </summary>
internal sealed class R18Relocation : RoutingRule
{
    public override string Id => "R18";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var inExile = facts.Reports("forced-displacement");
        if (!facts.Answers.NeedsRelocation && !inExile)
            yield break;

        yield return Route(ProtectDefenders, RouteTier.Urgent, inExile ? ReasonKeys.RelocationInExile : ReasonKeys.RelocationProgramme);
        if (!inExile)
            yield return Route(EmergencyLine, facts.InDanger ? RouteTier.Immediate : RouteTier.Urgent, ReasonKeys.RelocationEmergencyLine);
        if (facts.Is("women") || facts.Is("lgbti"))
            yield return Route(UrgentActionFund, RouteTier.Urgent, ReasonKeys.RelocationFund, R09GenderBasedViolence.SisterFund(facts));
        if (facts.IsOrganisation)
            yield return Route(Lifeline, RouteTier.Urgent, ReasonKeys.RelocationOrganisation);
        if (inExile)
            yield return NoteIfChosen(ProtectionGrants, new ReasonText(ReasonKeys.ExileNotCovered));
    }
}
