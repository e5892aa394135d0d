using static ProtectionBot.Recommendations.MechanismIds;

namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R24. Public alerts can put a defender in more danger, so they come only with the person's explicit yes: every
/// proposal marked public is dropped otherwise (<see cref="RouteMerger"/>), and confidential routes say the source stays
/// confidential when the person fears exposure. With that yes, Amnesty's urgent action network can campaign for someone
/// detained, disappeared or tortured now.
/// </summary>
internal sealed class R24SafetyOfPublicity : RoutingRule
{
    public override string Id => "R24";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (facts.Answers.AgreesToPublicity && (facts.StillDetained || (facts.IsOngoing && facts.ReportsAny("enforced-disappearance", "torture", "killing-of-colleague"))))
            yield return Supporting(Amnesty, RouteTier.Urgent, RouteAction.Support, Say(ReasonKeys.PublicityAmnesty)) with { Fact = "amnesty", IsPublic = true };
    }
}
