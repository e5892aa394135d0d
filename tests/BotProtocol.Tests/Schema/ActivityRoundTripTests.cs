using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Schema;

namespace BotProtocol.Tests.Schema;

public sealed class ActivityRoundTripTests
{
    private const string TeamsCardSubmit = """
        {
          "type": "message",
          "id": "1700000000002",
          "timestamp": "2026-11-22T10:00:01.1234567Z",
          "localTimestamp": "2026-11-22T05:00:01.123-05:00",
          "localTimezone": "America/Bogota",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Ana", "aadObjectId": "7faf0000-0000-0000-0000-000000000000", "futureField": 3 },
          "recipient": { "id": "28:bot", "name": "ProtectionBot" },
          "conversation": { "id": "a:1xyz", "conversationType": "personal", "tenantId": "tid", "isGroup": false },
          "replyToId": "1700000000001",
          "value": { "prompt": "needs-1", "needs": "protection,training" },
          "channelData": { "tenant": { "id": "tid" }, "source": { "name": "message" }, "legacy": [1, 2, { "x": null }] },
          "entities": [ { "type": "clientInfo", "locale": "es-CO", "country": "CO", "platform": "Android" } ],
          "attachments": [ { "contentType": "application/vnd.microsoft.card.adaptive", "content": { "type": "AdaptiveCard", "version": "1.5", "body": [] } } ],
          "textHighlights": [ { "text": "x", "occurrence": 1 } ],
          "semanticAction": { "id": "s", "entities": {} },
          "someFieldFromTheFuture": { "nested": true }
        }
        """;

    [Fact]
    public void Unknown_and_open_fields_survive_a_round_trip_unchanged()
    {
        var activity = JsonSerializer.Deserialize(TeamsCardSubmit, ProtocolJsonContext.Default.Activity)!;
        var written = JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TeamsCardSubmit), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Typed_fields_are_readable_after_parsing()
    {
        var activity = JsonSerializer.Deserialize(TeamsCardSubmit, ProtocolJsonContext.Default.Activity)!;

        Assert.True(activity.IsType(ActivityTypes.Message));
        Assert.Equal("msteams", activity.ChannelId);
        Assert.Equal("a:1xyz", activity.Conversation?.Id);
        Assert.Equal("protection,training", activity.Value?.GetProperty("needs").GetString());
        Assert.Equal("2026-11-22T05:00:01.123-05:00", activity.LocalTimestamp);
        Assert.Equal("es-CO", activity.Entities![0].ExtensionData!["locale"].GetString());
    }

    [Fact]
    public void A_reply_is_addressed_back_along_the_conversation_and_omits_empty_fields()
    {
        var incoming = JsonSerializer.Deserialize(TeamsCardSubmit, ProtocolJsonContext.Default.Activity)!;

        var reply = incoming.CreateReply("Gracias");
        var json = JsonNode.Parse(JsonSerializer.Serialize(reply, ProtocolJsonContext.Default.Activity))!.AsObject();

        Assert.Equal("28:bot", json["from"]!["id"]!.GetValue<string>());
        Assert.Equal("29:1abc", json["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("1700000000002", json["replyToId"]!.GetValue<string>());
        Assert.False(json.ContainsKey("attachments"));
        Assert.False(json.ContainsKey("id"));
        Assert.False(json.ContainsKey("timestamp"));
    }
}
