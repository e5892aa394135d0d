using ProtectionBot.Content;
namespace ProtectionBot.Knowledge;

/// <summary>
/// A protection mechanism or support option, as a caseworker describes it in <c>knowledge/mechanisms/*.yaml</c>.
/// </summary>
internal sealed record Mechanism
{
    public required string Id { get; init; }

    public required LocalizedText Name { get; init; }

    /// <summary>One of <see cref="KnowledgeCodes.Systems"/>.</summary>
    public required string System { get; init; }

    /// <summary>Codes from <see cref="KnowledgeCodes.Kinds"/>.</summary>
    public required IReadOnlyList<string> Kinds { get; init; }

    /// <summary>
    /// Where it can act: empty = every country; otherwise memberships (<see cref="KnowledgeCodes.Memberships"/>),
    /// regions (<see cref="KnowledgeCodes.Regions"/>) or ISO 3166-1 alpha-2 codes, any of which qualifies.
    /// </summary>
    public IReadOnlyList<string> Covers { get; init; } = [];

    /// <summary>Codes from <see cref="KnowledgeCodes.Situations"/> it is meant for.</summary>
    public required IReadOnlyList<string> Situations { get; init; }

    /// <summary>Codes from <see cref="KnowledgeCodes.Profiles"/>; <c>any</c> for everyone.</summary>
    public required IReadOnlyList<string> Profiles { get; init; }

    /// <summary>Codes from <see cref="KnowledgeCodes.Urgencies"/> it can serve.</summary>
    public required IReadOnlyList<string> Urgency { get; init; }

    /// <summary>What must be true before using it (exhausted domestic remedies, the State's acceptance), in plain words.</summary>
    public LocalizedText? Prerequisites { get; init; }

    /// <summary>Deadlines such as "within 6 months of the final decision".</summary>
    public LocalizedText? TimeLimit { get; init; }

    public required LocalizedText Prepare { get; init; }

    public required LocalizedText Submit { get; init; }

    /// <summary>What happens after submitting and how long it takes, when known.</summary>
    public LocalizedText? Response { get; init; }

    public LocalizedText? Caveats { get; init; }

    /// <summary>Languages it accepts (ISO 639-1).</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>Official pages; the first is the one shown to the defender.</summary>
    public required IReadOnlyList<Uri> Links { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    public required DateOnly LastVerified { get; init; }

    /// <summary>File and line it was read from, for error messages.</summary>
    public string Origin { get; init; } = "";
}
