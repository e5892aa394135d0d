namespace ProtectionBot.Knowledge;

/// <summary>A training opportunity from <c>knowledge/trainings/*.yaml</c>: a course or programme and its editions.</summary>
public sealed record Training
{
    public required string Id { get; init; }

    public required LocalizedText Name { get; init; }

    public required string Organiser { get; init; }

    /// <summary><c>dated</c> (editions with registration windows), <c>always</c> (self-paced) or <c>on-request</c>.</summary>
    public required string Availability { get; init; }

    public IReadOnlyList<TrainingEdition> Editions { get; init; } = [];

    public required LocalizedText Description { get; init; }

    public required LocalizedText Eligibility { get; init; }

    /// <summary>Who is given priority (countries, groups, themes), when the organiser says.</summary>
    public LocalizedText? Priorities { get; init; }

    /// <summary>Where applicants may come from: empty = anywhere; else memberships, regions or country codes.</summary>
    public IReadOnlyList<string> OpenTo { get; init; } = [];

    /// <summary>Languages it is taught in (ISO 639-1).</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    public LocalizedText? Cost { get; init; }

    public required LocalizedText HowToApply { get; init; }

    public required IReadOnlyList<Uri> Links { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    public required DateOnly LastVerified { get; init; }

    public string Origin { get; init; } = "";
}

/// <summary>One edition of a dated training, with its registration window in the organiser's time zone.</summary>
public sealed record TrainingEdition
{
    public required string Label { get; init; }

    public DateTimeOffset? RegistrationOpens { get; init; }

    public required DateTimeOffset RegistrationCloses { get; init; }

    /// <summary>IANA name of the time zone the organiser states deadlines in (e.g. <c>America/New_York</c>).</summary>
    public required string TimeZone { get; init; }

    public DateOnly? Starts { get; init; }

    public DateOnly? Ends { get; init; }
}
