using ProtectionBot.Content;
namespace ProtectionBot.Knowledge;

/// <summary>A country from <c>knowledge/countries.yaml</c>: names people type, its region, and what it has accepted.</summary>
internal sealed record Country
{
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Code { get; init; }

    public required LocalizedText Name { get; init; }

    /// <summary>Other names people write (short forms, old names, without accents is never needed).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// What its people are called ("guinéen", "venezolana", "Sudanese"): a nationality names where a person comes from,
    /// which is where it happens unless another country is named as here.
    /// </summary>
    public IReadOnlyList<string> Demonyms { get; init; } = [];

    /// <summary>One of <see cref="KnowledgeCodes.Regions"/>.</summary>
    public required string Region { get; init; }

    /// <summary>Codes from <see cref="KnowledgeCodes.Memberships"/>.</summary>
    public IReadOnlySet<string> Memberships { get; init; } = new HashSet<string>();

    /// <summary>International telephone calling code without '+', to guess the language of a WhatsApp number.</summary>
    public string? CallingCode { get; init; }

    /// <summary>
    /// The bot's language (es or fr) most people there write in, as a first guess for a WhatsApp number from there;
    /// null for English and for countries where another language is usual.
    /// </summary>
    public string? Language { get; init; }

    public bool IsIn(string membershipOrRegion) =>
        Memberships.Contains(membershipOrRegion) || Region == membershipOrRegion || Code == membershipOrRegion;
}
