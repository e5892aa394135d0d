using ProtectionBot.Content;
namespace ProtectionBot.Knowledge;

/// <summary>
/// A body, instrument or organisation the catalogue names that is not a route of its own (the UN Declaration on
/// defenders, a partner institute), from <c>knowledge/references.yaml</c>: background for caseworkers.
/// </summary>
internal sealed record Reference
{
    public required string Id { get; init; }

    public required LocalizedText Name { get; init; }

    public required LocalizedText Description { get; init; }

    public IReadOnlyList<Uri> Links { get; init; } = [];

    public required IReadOnlyList<string> Sources { get; init; }

    public required DateOnly LastVerified { get; init; }

    public string Origin { get; init; } = "";
}
