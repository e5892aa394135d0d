using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R9. Sexual or gender-based violence against a woman, trans or non-binary defender is what the UN Rapporteur on
/// violence against women acts on (with the Rapporteur on defenders), and the Urgent Action Fund for the person's region
/// gives them rapid grants: made for the situation when the violence is gender-based, a supporting route for any other
/// ongoing harm to them. Neither is ever offered to a man; when the gender was not said, both state their condition.
/// </summary>
internal sealed class R09GenderBasedViolence : RoutingRule
{
    public override string Id => "R9";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var fit = facts.WomenAndTransRoutes;
        if (!facts.ReportsHarm || fit == GenderFit.No)
            yield break;

        var genderBased = facts.Reports("sgbv");
        if (genderBased)
        {
            yield return ForTheSituation(RapporteurOnViolenceAgainstWomen, facts.OngoingTier, RouteAction.Intervention, Say(ReasonKeys.ViolenceAgainstWomen)) with
            {
                Notes = fit == GenderFit.IfWomanOrTrans ? [Say(ReasonKeys.WomenOnly)] : [],
            };
            yield return DefendersRapporteur(facts);
        }
        if (facts.IsOngoing)
            yield return UrgentActionFund(facts, genderBased ? RouteRole.ForTheSituation : RouteRole.Supporting);
    }
}
