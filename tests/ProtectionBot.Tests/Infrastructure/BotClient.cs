using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BotProtocol.Schema;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// Plays a channel against the real <c>/api/messages</c> endpoint with <c>deliveryMode: "expectReplies"</c>,
/// one conversation, increasing activity ids; remembers the last card so a submit merges its data as
/// Web Chat and Teams do.
/// </summary>
public sealed class BotClient(HttpClient http, string locale = "es-CO", string channelId = "test")
{
    private int _nextId;

    public string ConversationId { get; } = "conv-" + Guid.NewGuid().ToString("N")[..12];

    public string UserId { get; init; } = "user-1";

    /// <summary>The name the channel shows for the person (Teams and Web Chat may give one); none by default.</summary>
    public string? UserName { get; init; }

    /// <summary>Where the bot sends what it says outside an answer (a proactive message): a fake Connector in tests.</summary>
    public string ServiceUrl { get; init; } = "http://127.0.0.1:9/";

    /// <summary>The <c>Authorization</c> header for each activity (a channel's signed token); null sends none.</summary>
    public Func<Activity, string?>? Authorization { get; init; }

    public JsonElement? LastCard { get; private set; }

    public Activity? LastSent { get; private set; }

    public Activity NewActivity(string type) => new()
    {
        Type = type,
        Id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ChannelId = channelId,
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount { Id = ConversationId },
        From = new ChannelAccount { Id = UserId, Name = UserName, Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = "bot", Role = RoleTypes.Bot },
        Locale = locale,
        DeliveryMode = DeliveryModes.ExpectReplies,
    };

    public Task<IReadOnlyList<Activity>> SayAsync(string text) =>
        SendAsync(NewActivity(ActivityTypes.Message) with { Text = text });

    public Task<IReadOnlyList<Activity>> JoinAsync() =>
        SendAsync(NewActivity(ActivityTypes.ConversationUpdate) with
        {
            MembersAdded = [new ChannelAccount { Id = "bot" }, new ChannelAccount { Id = UserId }],
        });

    /// <summary>Submits the last card: its Action.Submit data merged with the given input values.</summary>
    public Task<IReadOnlyList<Activity>> SubmitAsync(JsonElement inputs)
    {
        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (LastCard is { } card && card.TryGetProperty("actions", out var actions))
        {
            foreach (var action in actions.EnumerateArray())
            {
                if (action.GetProperty("type").GetString() == "Action.Submit" && action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in data.EnumerateObject())
                        merged[field.Name] = field.Value.Clone();
                }
            }
        }
        foreach (var field in inputs.EnumerateObject())
            merged[field.Name] = field.Value.Clone();
        return SendAsync(NewActivity(ActivityTypes.Message) with
        {
            Value = JsonSerializer.SerializeToElement(merged, TestJsonContext.Default.DictionaryStringJsonElement),
        });
    }

    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        LastSent = activity;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, ProtocolJsonContext.Default.Activity),
        };
        if (Authorization?.Invoke(activity) is { } authorization)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The bot answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var replies = (await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ExpectedReplies))!.Activities;
        foreach (var reply in replies)
        {
            foreach (var attachment in reply.Attachments ?? [])
            {
                if (attachment.ContentType == AttachmentContentTypes.AdaptiveCard)
                    LastCard = attachment.Content;
            }
        }
        return replies;
    }
}
