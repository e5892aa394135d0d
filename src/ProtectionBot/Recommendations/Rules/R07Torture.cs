using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R7. Torture goes to the UN Rapporteur on torture (an urgent appeal while the risk lasts, a letter about the past
/// otherwise) whatever treaties the State signed; the Observatory can raise an alert. For redress, a UN committee
/// (against Torture, or the Human Rights Committee) only when remedies at home are exhausted and it is the one forum
/// R20 would pick, so the two rules never point to competing forums.
/// </summary>
internal sealed class R07Torture : RoutingRule
{
    public override string Id => "R7";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.Reports("torture"))
            yield break;

        yield return facts.IsOngoing
            ? Route(RapporteurOnTorture, RouteTier.Urgent, ReasonKeys.TortureUrgentAppeal)
            : Route(RapporteurOnTorture, RouteTier.LongTerm, ReasonKeys.TortureAllegation);
        yield return Route(Observatory, facts.OngoingTier, ReasonKeys.TortureAlert);
        if (LitigationForum.Choose(facts) is { MechanismId: CommitteeAgainstTorture or HumanRightsCommittee } forum)
            yield return Route(forum.MechanismId, RouteTier.LongTerm, forum.Reason, forum.Notes);
    }
}
