namespace ProtectionBot.Recommendations;

/// <summary>How soon a route acts: the list is ranked immediate, then urgent, then long-term.</summary>
public enum RouteTier
{
    Immediate,
    Urgent,
    LongTerm,
}

/// <summary>
/// One recommended mechanism and why. Reasons and notes are text keys (under <c>reasons.</c> in
/// <c>dialogs/texts</c>) with arguments, so the same recommendation reads right in every language.
/// </summary>
public sealed record Recommendation(string MechanismId, RouteTier Tier)
{
    /// <summary>The rules that chose it (R1…R24), for tests and for the caseworker's summary.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>Why it fits this person, as text keys with arguments.</summary>
    public IReadOnlyList<ReasonText> Reasons { get; init; } = [];

    /// <summary>Warnings such as "does not accept your language" or "only with your consent".</summary>
    public IReadOnlyList<ReasonText> Notes { get; init; } = [];
}

/// <summary>A text key and the values for its <c>{0}</c>, <c>{1}</c> placeholders.</summary>
public sealed record ReasonText(string Key, params IReadOnlyList<string> Arguments);

/// <summary>Everything the defender is offered: ranked mechanisms, then trainings that fit.</summary>
public sealed record RecommendationResult(IReadOnlyList<Recommendation> Mechanisms, IReadOnlyList<TrainingSuggestion> Trainings);

/// <summary>A training that fits, with the state of its registration today.</summary>
public sealed record TrainingSuggestion(string TrainingId, RegistrationStatus Status, string? EditionLabel)
{
    public IReadOnlyList<ReasonText> Reasons { get; init; } = [];
}

public enum RegistrationStatus
{
    Open,
    Upcoming,
    Closed,
    AlwaysOpen,
    OnRequest,
    NoCurrentEdition,
}
