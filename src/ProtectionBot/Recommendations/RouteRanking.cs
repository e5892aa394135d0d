namespace ProtectionBot.Recommendations;

/// <summary>
/// The ranking, in a caseworker's words (docs/recommendations.md): in immediate danger, the lines that answer now come
/// first; then, for each situation reported, the route the catalogue makes for it; then the routes that support those;
/// then the long-term ones. Within each group, a closing time limit first (an imminent expulsion, a disappearance still
/// inside the urgent procedure's window, then dates counted from a final decision), then what protects soonest (a line,
/// measures a State must take or a way out, an expert's urgent intervention or a grant, diplomacy and alerts, a complaint
/// decided in years). A route sure to cover the person's country comes before one that may not (they did not say where
/// they are). Ties go to the more specific route: made for this person's profile, then covering fewer situations; never
/// to how many rules name it. Last, routes in the person's language (R23) before the others, and the catalogue's order.
/// </summary>
internal static class RouteRanking
{
    public static IReadOnlyList<Recommendation> Rank(IReadOnlyList<MergedRoute> routes, CaseFacts facts) =>
    [
        .. routes
            .OrderBy(r => r.Group)
            // R1 names the emergency line first and Access Now only beside it for a purely digital danger.
            .ThenBy(r => r.Group == RouteGroup.DangerLine ? r.FirstProposal : 0)
            .ThenBy(r => r.Deadline)
            .ThenBy(r => r.Action)
            .ThenBy(r => Coverage.IsUncertain(r.Mechanism, facts.Country) ? 1 : 0)
            .ThenBy(r => facts.IsMadeFor(r.Mechanism.Profiles) ? 0 : 1)
            .ThenBy(r => r.Mechanism.Situations.Count == 0 ? int.MaxValue : r.Mechanism.Situations.Count)
            .ThenBy(r => RouteMerger.AcceptsLanguage(r.Mechanism, facts.Language) ? 0 : 1)
            .ThenBy(r => r.FirstProposal)
            .Select(r => r.Recommendation),
    ];
}
