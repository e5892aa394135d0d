using System.Text.Json.Serialization;

namespace BotProtocol.Tests.Dialogs;

internal sealed record ProfileState
{
    public string? Name { get; init; }
    public string? Country { get; init; }
    public IReadOnlyList<string>? Needs { get; init; }
    public bool? Consent { get; init; }
    public string? Note { get; init; }
}

internal sealed record AddressState
{
    public string? City { get; init; }
    public string? Street { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProfileState))]
[JsonSerializable(typeof(AddressState))]
internal sealed partial class TestStateJsonContext : JsonSerializerContext;
