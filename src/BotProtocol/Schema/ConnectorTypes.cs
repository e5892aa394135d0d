using System.Text.Json;
using System.Text.Json.Serialization;

namespace BotProtocol.Schema;

/// <summary>Connector API v3 <c>ResourceResponse</c>.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>Connector API v3 <c>ConversationResourceResponse</c> (answer to create conversation).</summary>
public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);

/// <summary>Connector API v3 <c>ConversationParameters</c> (body of create conversation).</summary>
public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public List<ChannelAccount>? Members { get; init; }
    public string? TopicName { get; init; }
    public string? TenantId { get; init; }
    public Activity? Activity { get; init; }
    public JsonElement? ChannelData { get; init; }
}

/// <summary>Body returned for <c>deliveryMode: "expectReplies"</c>.</summary>
public sealed record ExpectedReplies(List<Activity> Activities);

/// <summary>The synchronous answer to an <c>invoke</c> activity: HTTP status and JSON body.</summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null);

/// <summary>Connector API v3 <c>ErrorResponse</c>.</summary>
public sealed record ErrorResponse(ErrorDetail Error);

public sealed record ErrorDetail(string Code, string Message);

/// <summary>A Bot Framework <c>.transcript</c> file in its object form.</summary>
public sealed record TranscriptFile(List<Activity> Transcript);
