using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R18. A defender who may need to leave home or country, who was forced out, or who already lives in exile can get
/// temporary relocation and emergency grants from ProtectDefenders.eu: the route made for it. Someone who still has to
/// leave also gets Front Line Defenders' help to organise it, relocation money from the Urgent Action Fund (women,
/// trans and non-binary defenders) or Lifeline (organisations). Front Line Defenders grants do not pay for life in
/// exile, so they are left out for someone already abroad.
/// </summary>
internal sealed class R18Relocation : RoutingRule
{
    public override string Id => "R18";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var inExile = facts.Answers.AlreadyLeft;
        var mustLeave = facts.Answers.NeedsRelocation;
        var displaced = facts.Reports("forced-displacement");
        if (!inExile && !mustLeave && !displaced)
            yield break;

        var reason = inExile ? ReasonKeys.RelocationInExile : mustLeave ? ReasonKeys.RelocationProgramme : ReasonKeys.RelocationDisplaced;
        var tier = facts.IsOngoing || mustLeave ? RouteTier.Urgent : RouteTier.LongTerm;
        yield return ForTheSituation(ProtectDefenders, tier, RouteAction.Protection, Say(reason));
        if (inExile)
        {
            yield return Exclude(ProtectionGrants);
            yield break;
        }
        if (!mustLeave)
            yield break;
        yield return Supporting(EmergencyLine, RouteTier.Urgent, RouteAction.Line, Say(ReasonKeys.RelocationEmergencyLine)) with { Also = Say(ReasonKeys.RelocationEmergencyLineAlso) };
        if (facts.WomenAndTransRoutes != GenderFit.No)
        {
            yield return Supporting(MechanismIds.UrgentActionFund, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.RelocationFund, SisterFund(facts))) with
            {
                Also = Say(ReasonKeys.RelocationFundAlso),
            };
        }
        if (facts.IsOrganisation)
            yield return Supporting(Lifeline, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.RelocationOrganisation)) with { Also = Say(ReasonKeys.RelocationOrganisationAlso) };
    }
}
