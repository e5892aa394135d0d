using ProtectionBot.Knowledge;

namespace ProtectionBot.Recommendations;

/// <summary>
/// The catalogue's order: the emergency line first when in danger (R1); then immediate, urgent, long-term; within a
/// tier, what protects fastest (a line that answers now, then measures a State is asked to take, relocation, a letter
/// from an expert to the government, money, diplomacy, public advocacy, training), then routes known to cover the
/// person's country, then those in their language, then those more rules agree on, then those specific to their
/// situation or profile over generic ones. Public alerts go last when the person fears exposure (R24). LINQ's ordering
/// is stable, so remaining ties keep the order the rules proposed them in.
/// </summary>
internal static class RouteRanking
{
    public static IReadOnlyList<Recommendation> Rank(IReadOnlyList<Recommendation> routes, CaseFacts facts, IReadOnlyDictionary<string, Mechanism> mechanisms) =>
    [
        .. routes
            .Select(route => (route, mechanism: mechanisms[route.MechanismId]))
            .OrderBy(r => facts.InDanger && r.route.MechanismId == MechanismIds.EmergencyLine ? 0 : 1)
            .ThenBy(r => facts.Answers.FearsExposure && MechanismIds.PublicAlerts.Contains(r.route.MechanismId) ? 1 : 0)
            .ThenBy(r => r.route.Tier)
            .ThenBy(r => ProtectionSpeed(r.mechanism))
            .ThenBy(r => Coverage.IsUncertain(r.mechanism, facts.Country) ? 1 : 0)
            .ThenBy(r => RouteMerger.AcceptsLanguage(r.mechanism, facts.Language) ? 0 : 1)
            .ThenByDescending(r => r.route.Rules.Count)
            .ThenByDescending(r => Specificity(r.mechanism, facts))
            .Select(r => r.route),
    ];

    /// <summary>Kinds from the one that protects soonest; a mechanism of several kinds counts as its fastest.</summary>
    private static readonly string[] KindsBySpeed =
    [
        "emergency-line", "provisional-measures", "relocation", "communication", "quasi-judicial", "judicial",
        "emergency-grant", "diplomatic", "advocacy", "monitoring", "capacity",
    ];

    internal static int ProtectionSpeed(Mechanism mechanism) =>
        mechanism.Kinds.Select(kind => Array.IndexOf(KindsBySpeed, kind)).Where(i => i >= 0).DefaultIfEmpty(KindsBySpeed.Length).Min();

    /// <summary>
    /// Made for this person's profile counts most; then the share of the mechanism's situations the person reports, so
    /// a narrow mandate that fits (torture for torture) beats a broad one that also fits.
    /// </summary>
    internal static double Specificity(Mechanism mechanism, CaseFacts facts)
    {
        var forProfile = !mechanism.Profiles.Contains("any") && mechanism.Profiles.Any(facts.Is) ? 1 : 0;
        var situations = mechanism.Situations.Count == 0 ? 0 : (double)mechanism.Situations.Count(facts.Reports) / mechanism.Situations.Count;
        return forProfile + situations;
    }
}
