using System.Text.Json;
using System.Text.Json.Serialization;
using BotProtocol.Schema;

namespace BotProtocol.DirectLine;

/// <summary>Answer to token generate/refresh, start and reconnect (Direct Line 3.0 <c>Conversation</c>).</summary>
internal sealed record ConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);

/// <summary>What clients read: activities after a watermark, and the watermark to send next time.</summary>
internal sealed record ActivitySet(List<Activity> Activities, string? Watermark);

/// <summary>The optional body of token generate and start conversation; unknown fields are ignored.</summary>
internal sealed record DirectLineRequestBody
{
    public ChannelAccount? User { get; init; }
    public string? Locale { get; init; }
}

/// <summary>The claims of a conversation token.</summary>
internal sealed record TokenClaims(
    [property: JsonPropertyName("iss")] string Issuer,
    [property: JsonPropertyName("conv")] string ConversationId,
    [property: JsonPropertyName("user")] string? UserId,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("exp")] long Expires);

internal sealed record TokenHeader(
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("typ")] string? Type);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(DirectLineRequestBody))]
[JsonSerializable(typeof(TokenClaims))]
[JsonSerializable(typeof(TokenHeader))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class DirectLineJsonContext : JsonSerializerContext;
