namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// R25. Where the State runs a protection programme (Mexico, Colombia, Brazil, Honduras: the knowledge files' entries
/// of system <c>national</c>), it is named as an option next to the international routes, never as a condition for them,
/// and so it supports them rather than leading. When the person said State agents are behind the threat, a note says so
/// and points to the international and civil-society routes first.
/// </summary>
internal sealed class R25NationalProgramme : RoutingRule
{
    public override string Id => "R25";

    public override IEnumerable<RouteProposal> Propose(CaseFacts facts)
    {
        if (facts.NationalProgramme is not { } programme || !facts.ReportsHarm || !facts.IsOngoing)
            yield break;
        yield return Supporting(programme, RouteTier.Urgent, RouteAction.Protection, Say(ReasonKeys.NationalProgramme, facts.CountryName)) with
        {
            Notes = facts.StateIsBehind ? [Say(ReasonKeys.NationalStateAgents)] : [],
        };
    }
}
