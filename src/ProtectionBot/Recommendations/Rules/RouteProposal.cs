namespace ProtectionBot.Recommendations.Rules;

/// <summary>What a proposal does to the list: brings a route in, adds a note to a route others chose, or keeps one out.</summary>
internal enum ProposalKind
{
    Route,
    Note,
    Exclusion,
}

/// <summary>
/// The part a route plays for this person, as the rule that proposes it reads the catalogue: a line to call in
/// immediate danger (R1), the route the rule is made for (the first it names for the situation), or one that supports it.
/// </summary>
internal enum RouteRole
{
    DangerLine,
    ForTheSituation,
    Supporting,
}

/// <summary>
/// How soon the route protects, from the soonest: a line that answers now; measures a State must take or a way out of
/// danger; an expert's urgent intervention or an emergency grant (days); diplomacy, alerts, monitoring and accompaniment;
/// a complaint that is decided in months or years.
/// </summary>
internal enum RouteAction
{
    Line,
    Protection,
    Intervention,
    Support,
    Redress,
}

/// <summary>
/// A time limit that orders routes before their speed does: a window closing now (an imminent expulsion, a
/// disappearance still inside the urgent procedure's three months), a date counted from the final decision, a limit
/// without a date ("a reasonable time"), or none.
/// </summary>
internal readonly record struct Deadline(DeadlineKind Kind, DateOnly? Date = null) : IComparable<Deadline>
{
    public static Deadline None => new(DeadlineKind.None);

    public static Deadline Imminent => new(DeadlineKind.Imminent);

    public static Deadline Undated => new(DeadlineKind.Undated);

    public static Deadline On(DateOnly date) => new(DeadlineKind.Dated, date);

    public int CompareTo(Deadline other) =>
        Kind != other.Kind ? Kind.CompareTo(other.Kind) : Nullable.Compare(Date, other.Date);
}

internal enum DeadlineKind
{
    Imminent,
    Dated,
    Undated,
    None,
}

/// <summary>
/// One rule's suggestion about one mechanism. <see cref="Reason"/> is the sentence that says what the route does for
/// this person; <see cref="Also"/> is the shorter sentence the rule adds when another rule already explains the route,
/// so a route chosen by several rules says each fact once.
/// </summary>
internal sealed record RouteProposal(string MechanismId, string Rule, ProposalKind Kind)
{
    public RouteRole Role { get; init; } = RouteRole.Supporting;

    public RouteTier Tier { get; init; } = RouteTier.Urgent;

    public RouteAction Action { get; init; } = RouteAction.Support;

    public ReasonText? Reason { get; init; }

    public ReasonText? Also { get; init; }

    /// <summary>A further fact this rule adds to the route whichever rule explains it (the African Rapporteur is also the focal point on reprisals).</summary>
    public ReasonText? Extra { get; init; }

    /// <summary>
    /// What the sentence tells, when two rules tell the same thing in different words (an alert about torture and one
    /// about a killing are one alert): the route then says it once. By default, the reason's key.
    /// </summary>
    public string? Fact { get; init; }

    public string FactKey => Fact ?? Reason?.Key ?? "";

    public IReadOnlyList<ReasonText> Notes { get; init; } = [];

    public Deadline Deadline { get; init; } = Deadline.None;

    /// <summary>It makes the case public (an urgent action, an alert): offered only with the person's explicit yes (R24).</summary>
    public bool IsPublic { get; init; }
}
