using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R14. In a State party to the African Charter, the ACHPR Rapporteur on defenders can send an urgent appeal (or raise
/// past harm) whatever the urgency, beside the UN routes; a communication to the Commission is long-term redress, so it
/// is offered only once remedies are exhausted, as the one forum R20 picks.
/// </summary>
internal sealed class R14AfricanSystem : RoutingRule
{
    public override string Id => "R14";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (!facts.CountryIsIn("african-charter") || !facts.ReportsHarm)
            yield break;

        yield return AfricanRapporteur(facts);
        if (LitigationForum.Choose(facts) is { MechanismId: AfricanCommunications } forum)
            yield return ForTheSituation(forum.MechanismId, RouteTier.LongTerm, RouteAction.Redress, forum.Reason) with
            {
                Also = Say(ReasonKeys.RedressAlso), Notes = forum.Notes, Deadline = forum.Deadline,
            };
    }
}
