using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R7. Torture goes to the UN Rapporteur on torture (an urgent appeal while the risk lasts, a letter about the past
/// otherwise) whatever treaties the State signed; the Observatory can raise an alert (public, so only with consent,
/// R24). For redress, a UN committee (against Torture, or the Human Rights Committee) only when remedies at home are
/// exhausted and it is the one forum R20 would pick, so the two rules never point to competing forums.
/// </summary>
internal sealed class R07Torture : RoutingRule
{
    public override string Id => "R7";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("torture"))
            yield break;

        yield return facts.IsOngoing
            ? ForTheSituation(RapporteurOnTorture, RouteTier.Urgent, RouteAction.Intervention, Say(ReasonKeys.TortureUrgentAppeal)) with { Fact = "torture-appeal" }
            : ForTheSituation(RapporteurOnTorture, RouteTier.LongTerm, RouteAction.Intervention, Say(ReasonKeys.TortureAllegation));
        yield return Supporting(Observatory, facts.OngoingTier, RouteAction.Support, Say(ReasonKeys.TortureAlert)) with { Fact = "alert", IsPublic = true };
        if (LitigationForum.Choose(facts) is { MechanismId: CommitteeAgainstTorture or HumanRightsCommittee } forum)
            yield return ForTheSituation(forum.MechanismId, RouteTier.LongTerm, RouteAction.Redress, forum.Reason) with
            {
                Also = Say(ReasonKeys.RedressAlso), Notes = forum.Notes, Deadline = forum.Deadline,
            };
    }
}
