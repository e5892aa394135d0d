namespace ProtectionBot.Recommendations;

/// <summary>
/// How soon a route acts, as the card's headings say it: right now (a line that answers now), in the coming days,
/// in the long term. It follows the ranking, so a presenter that groups by tier keeps the order.
/// </summary>
internal enum RouteTier
{
    Immediate,
    Urgent,
    LongTerm,
}

/// <summary>
/// Where a route stands in the ranking (docs/recommendations.md): the lines to call in immediate danger, then the route
/// the catalogue makes for each reported situation, then the routes that support them, then the long-term ones.
/// </summary>
internal enum RouteGroup
{
    DangerLine,
    ForTheSituation,
    Supporting,
    LongTerm,
}

/// <summary>
/// One recommended mechanism and why. Reasons and notes are text keys (under <c>reasons.</c> in
/// <c>dialogs/texts</c>) with arguments, so the same recommendation reads right in every language.
/// </summary>
internal sealed record Recommendation(string MechanismId, RouteTier Tier)
{
    public RouteGroup Group { get; init; } = RouteGroup.Supporting;

    /// <summary>What to do now: a danger line or the route made for the situation, as opposed to support and the long run.</summary>
    public bool DoNow => Group is RouteGroup.DangerLine or RouteGroup.ForTheSituation;

    /// <summary>The rules that chose it (R1…R26), for tests and for the caseworker's summary.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>Why it fits this person: one sentence per fact, the first saying what the route is for.</summary>
    public IReadOnlyList<ReasonText> Reasons { get; init; } = [];

    /// <summary>Warnings such as "does not accept your language", a deadline, or "only with your consent".</summary>
    public IReadOnlyList<ReasonText> Notes { get; init; } = [];
}

/// <summary>A text key and the values for its <c>{0}</c>, <c>{1}</c> placeholders.</summary>
internal sealed record ReasonText(string Key, params IReadOnlyList<string> Arguments);

/// <summary>Everything the defender is offered: ranked mechanisms, then trainings that fit.</summary>
internal sealed record RecommendationResult(IReadOnlyList<Recommendation> Mechanisms, IReadOnlyList<TrainingSuggestion> Trainings);

/// <summary>A training that fits, with the state of its registration today.</summary>
internal sealed record TrainingSuggestion(string TrainingId, RegistrationStatus Status, string? EditionLabel)
{
    public IReadOnlyList<ReasonText> Reasons { get; init; } = [];
}

internal enum RegistrationStatus
{
    Open,
    Upcoming,
    Closed,
    AlwaysOpen,
    OnRequest,
    NoCurrentEdition,
}
