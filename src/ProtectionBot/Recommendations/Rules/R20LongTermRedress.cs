namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R20. Once the courts at home have given a final decision, the person can seek redress in one international forum,
/// chosen by <see cref="LitigationForum"/>, with the deadline counted from the decision date when they gave it. It is the
/// route made for long-term redress, and its deadline puts it first among the long-term routes.
/// </summary>
internal sealed class R20LongTermRedress : RoutingRule
{
    public override string Id => "R20";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (facts.ReportsHarm && LitigationForum.Choose(facts) is { } forum)
            yield return ForTheSituation(forum.MechanismId, RouteTier.LongTerm, RouteAction.Redress, forum.Reason) with
            {
                Also = Say(ReasonKeys.RedressAlso), Notes = forum.Notes, Deadline = forum.Deadline,
            };
    }
}
