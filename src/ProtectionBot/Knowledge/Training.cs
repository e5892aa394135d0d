using ProtectionBot.Content;
namespace ProtectionBot.Knowledge;

/// <summary>A training opportunity from <c>knowledge/trainings.yaml</c>: a course or programme and its editions.</summary>
internal sealed record Training
{
    public required string Id { get; init; }

    public required LocalizedText Name { get; init; }

    /// <summary>A name short enough for a button; the full name when the file gives none.</summary>
    public LocalizedText? ShortName { get; init; }

    /// <summary>Other ways people name it, in any language (the organiser's acronym, a programme's nickname).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// The cities or regions it is held in ("Geneva"): they name it in a question about it, not in a story ("since I
    /// came back from Geneva they call me").
    /// </summary>
    public IReadOnlyList<string> HeldIn { get; init; } = [];

    /// <summary>Fields whose facts nobody could confirm recently; the bot says so when it quotes them.</summary>
    public IReadOnlyList<string> Unverified { get; init; } = [];

    public required string Organiser { get; init; }

    /// <summary><c>dated</c> (editions with registration windows), <c>always</c> (self-paced) or <c>on-request</c>.</summary>
    public required string Availability { get; init; }

    public IReadOnlyList<TrainingEdition> Editions { get; init; } = [];

    public required LocalizedText Description { get; init; }

    public required LocalizedText Eligibility { get; init; }

    /// <summary>Who is given priority (countries, groups, themes), when the organiser says.</summary>
    public LocalizedText? Priorities { get; init; }

    /// <summary>Countries (ISO codes) given priority; the recommendations and the eligibility check read them here.</summary>
    public IReadOnlyList<string> PriorityCountries { get; init; } = [];

    /// <summary>Groups and themes given priority, as the interview's profile codes.</summary>
    public IReadOnlyList<string> PriorityProfiles { get; init; } = [];

    /// <summary>The parts every participant goes through, in order; editions give their dates.</summary>
    public IReadOnlyList<TrainingStage> Stages { get; init; } = [];

    /// <summary>Where applicants may come from: empty = anywhere; else memberships, regions or country codes.</summary>
    public IReadOnlyList<string> OpenTo { get; init; } = [];

    /// <summary>Languages it is taught in (ISO 639-1).</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>Where it happens when no edition says (online, the regions it is run in); an edition's stages give their own places.</summary>
    public LocalizedText? Place { get; init; }

    public LocalizedText? Cost { get; init; }

    /// <summary>Who gets scholarships and what they cover.</summary>
    public LocalizedText? Scholarships { get; init; }

    public LocalizedText? Certificate { get; init; }

    /// <summary>What participants commit to (attendance, passing on what they learned).</summary>
    public LocalizedText? Obligations { get; init; }

    /// <summary>Where questions go: the organiser's published contact, what this chat's team can do.</summary>
    public LocalizedText? Contact { get; init; }

    public required LocalizedText HowToApply { get; init; }

    public required IReadOnlyList<Uri> Links { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    public required DateOnly LastVerified { get; init; }

    public string Origin { get; init; } = "";
}

/// <summary>One edition of a dated training, with its registration window in the organiser's time zone.</summary>
internal sealed record TrainingEdition
{
    public required string Label { get; init; }

    public DateTimeOffset? RegistrationOpens { get; init; }

    public required DateTimeOffset RegistrationCloses { get; init; }

    /// <summary>IANA name of the time zone the organiser states deadlines in (e.g. <c>America/New_York</c>).</summary>
    public required string TimeZone { get; init; }

    public DateOnly? Starts { get; init; }

    public DateOnly? Ends { get; init; }

    /// <summary>The day selected applicants are told, when the call says.</summary>
    public DateOnly? SelectionNotice { get; init; }

    /// <summary>Number of places offered.</summary>
    public int? Places { get; init; }

    /// <summary>When (and where) each of the training's stages takes place in this edition.</summary>
    public IReadOnlyList<EditionStage> Stages { get; init; } = [];
}

/// <summary>A part of a training (an in-person week, a distance-learning stage): what happens in it.</summary>
internal sealed record TrainingStage(string Id, LocalizedText Name, LocalizedText Description);

/// <summary>The dates of one stage in one edition; the place only for stages held somewhere.</summary>
internal sealed record EditionStage(string Stage, DateOnly? Starts, DateOnly? Ends, LocalizedText? Place);
