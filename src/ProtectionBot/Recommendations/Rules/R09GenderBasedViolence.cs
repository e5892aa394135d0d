using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R9. Sexual or gender-based violence, or a woman defender under attack, can go to the UN Rapporteur on violence
/// against women (with the Rapporteur on defenders), and women, trans and non-binary defenders can get a rapid grant
/// from the Urgent Action Fund for their region. The interview cannot tell a gendered threat from another, so any harm
/// to a woman defender counts; for LGBTI defenders the fund is offered with wording addressed to trans and non-binary
/// people, since it does not fund others.
/// </summary>
internal sealed class R09GenderBasedViolence : RoutingRule
{
    public override string Id => "R9";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        var woman = facts.Is("women");
        if (!facts.Reports("sgbv") && !(woman && facts.ReportsHarm))
            yield break;

        yield return Route(RapporteurOnViolenceAgainstWomen, facts.OngoingTier, ReasonKeys.ViolenceAgainstWomen);
        yield return Route(RapporteurOnDefenders, facts.OngoingTier, facts.IsOngoing ? ReasonKeys.UrgentAppeal : ReasonKeys.AllegationLetter);
        if (woman)
            yield return Route(UrgentActionFund, RouteTier.Urgent, ReasonKeys.UrgentActionFundWomen, SisterFund(facts));
        else if (facts.Is("lgbti"))
            yield return Route(UrgentActionFund, RouteTier.Urgent, ReasonKeys.UrgentActionFundTrans, SisterFund(facts));
    }

    /// <summary>
    /// The Urgent Action Fund has four sister funds by region; the global one takes everyone else, including the United
    /// States and Canada and people who did not say where they are.
    /// </summary>
    public static string SisterFund(CaseFacts facts) => facts.Country switch
    {
        { Region: "africa" } => "Urgent Action Fund Africa",
        { Region: "asia-pacific" } => "Urgent Action Fund Asia & Pacific",
        { Region: "americas", Code: not ("US" or "CA") } => "Fondo de Acción Urgente de América Latina y el Caribe",
        _ => "Urgent Action Fund",
    };
}
