using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProtectionBot.Channels.WhatsApp;

// The Cloud API's wire shapes, as Meta documents them (webhooks components, messages reference). Only the fields the
// bot reads are named; names and profile data are never read at all, so they cannot leak from here.

internal sealed record WebhookPayload(string? Object, List<WebhookEntry>? Entry);

internal sealed record WebhookEntry(string? Id, List<WebhookChange>? Changes);

internal sealed record WebhookChange(string? Field, WebhookValue? Value);

/// <summary><c>messages</c> stay raw: each is queued as it came and read only when its turn runs.</summary>
internal sealed record WebhookValue(
    string? MessagingProduct, WebhookMetadata? Metadata, List<JsonElement>? Messages, List<WebhookStatus>? Statuses, List<CloudApiError>? Errors);

internal sealed record WebhookMetadata(string? DisplayPhoneNumber, string? PhoneNumberId);

internal sealed record WebhookStatus(string? Id, string? Status, string? Timestamp, string? RecipientId, List<CloudApiError>? Errors);

/// <summary>An error inside a webhook (<c>statuses[].errors</c>, <c>messages[].errors</c>, <c>value.errors</c>).</summary>
internal sealed record CloudApiError(int? Code, string? Title);

internal sealed record WebhookMessage
{
    public string? From { get; init; }
    public string? Id { get; init; }
    public string? Timestamp { get; init; }
    public string? Type { get; init; }
    public MessageContext? Context { get; init; }
    public TextContent? Text { get; init; }
    public InteractiveReply? Interactive { get; init; }
    public TemplateButtonReply? Button { get; init; }
    public LocationContent? Location { get; init; }
    public MediaContent? Image { get; init; }
    public MediaContent? Audio { get; init; }
    public MediaContent? Video { get; init; }
    public MediaContent? Document { get; init; }
    public MediaContent? Sticker { get; init; }
    public ReactionContent? Reaction { get; init; }
    public List<CloudApiError>? Errors { get; init; }

    public MediaContent? Media => Type switch
    {
        "image" => Image,
        "audio" => Audio,
        "video" => Video,
        "document" => Document,
        "sticker" => Sticker,
        _ => null,
    };
}

internal sealed record MessageContext(string? From, string? Id, bool? Forwarded, bool? FrequentlyForwarded);

internal sealed record TextContent(string? Body);

internal sealed record InteractiveReply(string? Type, ReplyChoice? ButtonReply, ReplyChoice? ListReply);

internal sealed record ReplyChoice(string? Id, string? Title);

internal sealed record TemplateButtonReply(string? Payload, string? Text);

internal sealed record LocationContent(double? Latitude, double? Longitude, string? Name, string? Address);

internal sealed record MediaContent(string? Id, string? MimeType, string? Sha256, string? Caption, string? Filename, bool? Voice, bool? Animated);

internal sealed record ReactionContent(string? MessageId, string? Emoji);

/// <summary>What earlier releases queued for one inbound message; still read for items they left waiting.</summary>
internal sealed record InboundEnvelope(string PhoneNumberId, JsonElement Message, long ReceivedAt);

/// <summary>The answer to a successful send: the outgoing message's wamid.</summary>
internal sealed record SendResponse(List<SentMessage>? Messages);

internal sealed record SentMessage(string? Id);

/// <summary>
/// A Graph API error answer. Only the codes are read: <c>message</c> and <c>error_data.details</c> may quote the
/// request, which holds the number and the text.
/// </summary>
internal sealed record GraphErrorResponse(GraphErrorBody? Error);

internal sealed record GraphErrorBody(int? Code, int? ErrorSubcode, string? Type, string? FbtraceId, bool? IsTransient);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(WebhookMessage))]
[JsonSerializable(typeof(InboundEnvelope))]
[JsonSerializable(typeof(SendResponse))]
[JsonSerializable(typeof(GraphErrorResponse))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(long))]
internal sealed partial class CloudApiJsonContext : JsonSerializerContext;
