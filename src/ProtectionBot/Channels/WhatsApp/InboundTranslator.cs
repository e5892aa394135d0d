using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Schema;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// A Cloud API inbound message as the Activity the bot understands. Taps become the text the tapped option stands
/// for (the button or row id the bot gave it), as an imBack would in Teams; media stay references (media id, MIME
/// type, hash) for a caseworker and are never downloaded; a reaction is a <c>messageReaction</c>; a type the bot
/// cannot read is a message without text, which the bot answers by saying what it can read.
/// </summary>
internal static class InboundTranslator
{
    /// <summary>Content type of the attachment that points at a WhatsApp media object (its id, not its bytes).</summary>
    public const string MediaReference = "application/vnd.whatsapp.media-reference";

    /// <summary>The activity for <paramref name="message"/>, or null for events that are nobody's words (<c>system</c>).</summary>
    public static Activity? ToActivity(WebhookMessage message, string phoneNumberId, string conversationId, string locale)
    {
        var timestamp = long.TryParse(message.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("o", CultureInfo.InvariantCulture)
            : null;
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = message.Id,
            Timestamp = timestamp,
            ChannelId = WhatsAppIdentity.ChannelId,
            From = new ChannelAccount { Id = message.From, Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = phoneNumberId, Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", IsGroup = false },
            Locale = locale,
            ReplyToId = message.Context?.Id,
        };
        var channelData = new JsonObject { ["type"] = message.Type };
        if (message.Context is { Forwarded: true } or { FrequentlyForwarded: true })
            channelData["forwarded"] = true;

        switch (message.Type)
        {
            case "text":
                activity = activity with { Text = message.Text?.Body };
                break;
            case "interactive" when (message.Interactive?.ButtonReply ?? message.Interactive?.ListReply) is { Id: { Length: > 0 } id }:
                // The id is what the option stands for (see OutboundRenderer): the prompt recognises it as it would an imBack.
                activity = activity with { Text = id };
                channelData["interactive"] = message.Interactive!.Type;
                break;
            case "button" when message.Button is { } button:
                // A quick-reply button of a template: its payload is what the template's sender defined it to mean.
                activity = activity with { Text = string.IsNullOrEmpty(button.Payload) ? button.Text : button.Payload };
                channelData["button"] = new JsonObject { ["payload"] = button.Payload, ["text"] = button.Text };
                break;
            case "location" when message.Location is { Latitude: { } latitude, Longitude: { } longitude } location:
                activity = activity with { Entities = [Place(latitude, longitude, location.Name, location.Address)] };
                break;
            case "image" or "audio" or "video" or "document" or "sticker" when message.Media is { Id: { Length: > 0 } } media:
                activity = activity with { Attachments = [Reference(message.Type, media)] };
                break;
            case "reaction" when message.Reaction is { } reaction:
                activity = activity with { Type = ActivityTypes.MessageReaction, ReplyToId = reaction.MessageId };
                activity.ExtensionData = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
                {
                    // An empty emoji is a reaction taken back; which one it was, the webhook does not say.
                    [string.IsNullOrEmpty(reaction.Emoji) ? "reactionsRemoved" : "reactionsAdded"] =
                        Json(new JsonArray(new JsonObject { ["type"] = reaction.Emoji ?? "" })),
                };
                break;
            case "request_welcome":
                // The person opened the chat for the first time: as a channel announcing a new member.
                activity = activity with { Type = ActivityTypes.ConversationUpdate, MembersAdded = [activity.From!] };
                break;
            case "system":
                return null;
            default:
                // contacts, order, unsupported, a type newer than this code: nothing the bot can read.
                if (message.Errors is { Count: > 0 } errors)
                    channelData["errors"] = new JsonArray([.. errors.Select(e => JsonValue.Create(e.Code))]);
                break;
        }
        return activity with { ChannelData = Json(channelData) };
    }

    public static DateTimeOffset? SentAt(WebhookMessage message) =>
        long.TryParse(message.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Schema.org's Place with its GeoCoordinates, as Bot Framework channels send a shared location.</summary>
    private static Entity Place(double latitude, double longitude, string? name, string? address) =>
        Json(new JsonObject
        {
            ["type"] = "Place",
            ["geo"] = new JsonObject { ["type"] = "GeoCoordinates", ["latitude"] = latitude, ["longitude"] = longitude },
            ["name"] = name,
            ["address"] = address,
        }).Deserialize(ProtocolJsonContext.Default.Entity)!;

    private static Attachment Reference(string type, MediaContent media) => new()
    {
        ContentType = MediaReference,
        Name = media.Filename,
        Content = Json(new JsonObject
        {
            ["kind"] = type == "audio" && media.Voice == true ? "voice" : type,
            ["mediaId"] = media.Id,
            ["mimeType"] = media.MimeType,
            ["sha256"] = media.Sha256,
            ["caption"] = media.Caption,
            ["animated"] = media.Animated,
        }),
    };

    private static JsonElement Json(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                obj.Remove(key);
        }
        return JsonSerializer.SerializeToElement(node, CloudApiJsonContext.Default.JsonNode);
    }
}
