using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BotProtocol.Schema;

namespace BotProtocol.State;

/// <summary>
/// Everything a turn needs, in one document per conversation so that a turn is one read and one write:
/// the dialog stack, the application's typed properties, and the last few activities answered (for dedupe).
/// </summary>
public sealed class ConversationState
{
    public List<DialogInstance> DialogStack { get; set; } = [];

    public Dictionary<string, JsonElement> Properties { get; set; } = new(StringComparer.Ordinal);

    public List<AnsweredActivity> Answered { get; set; } = [];

    public T? Get<T>(string key, JsonTypeInfo<T> typeInfo) =>
        Properties.TryGetValue(key, out var element) ? element.Deserialize(typeInfo) : default;

    public void Set<T>(string key, T value, JsonTypeInfo<T> typeInfo) =>
        Properties[key] = JsonSerializer.SerializeToElement(value, typeInfo);

    public void Remove(string key) => Properties.Remove(key);

    /// <summary>
    /// Reads a stored document in one pass. Every element of the state (dialog frames, properties, the replies kept
    /// for redelivery) stays a view into <paramref name="utf8Json"/>, which must not change afterwards, instead of a
    /// copy of its own per element as the serializer makes. Throws <see cref="JsonException"/> on a malformed document.
    /// </summary>
    public static ConversationState Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return Read(JsonDocument.Parse(utf8Json).RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            // A member of the wrong type (a number where an id belongs…) is as malformed as broken JSON.
            throw new JsonException("A conversation's state has a member of the wrong type.", e);
        }
    }

    private static ConversationState Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException("A conversation's state is a JSON object.");
        var state = new ConversationState();
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "dialogStack" when member.Value.ValueKind == JsonValueKind.Array:
                    foreach (var frame in member.Value.EnumerateArray())
                    {
                        state.DialogStack.Add(new DialogInstance
                        {
                            Id = frame.GetProperty("id").GetString() ?? throw new JsonException("A dialog frame has no id."),
                            State = frame.TryGetProperty("state", out var frameState) && frameState.ValueKind != JsonValueKind.Null ? frameState : null,
                        });
                    }
                    break;
                case "properties" when member.Value.ValueKind == JsonValueKind.Object:
                    foreach (var property in member.Value.EnumerateObject())
                        state.Properties[property.Name] = property.Value;
                    break;
                case "answered" when member.Value.ValueKind == JsonValueKind.Array:
                    foreach (var answered in member.Value.EnumerateArray())
                        state.Answered.Add(AnsweredActivity.FromElement(answered));
                    break;
                case "dialogStack" or "properties" or "answered":
                    if (member.Value.ValueKind != JsonValueKind.Null)
                        throw new JsonException($"The state's '{member.Name}' has the wrong type.");
                    break;
            }
        }
        return state;
    }
}

/// <summary>One frame of the dialog stack: which dialog, and its own serialised state.</summary>
public sealed class DialogInstance
{
    public required string Id { get; set; }

    public JsonElement? State { get; set; }
}

/// <summary>
/// An activity already processed, so that a redelivery is answered once. The last one answered keeps the replies it
/// produced, so its redelivery gets the same answer; older ones keep them only while some never reached the channel.
/// Read back from storage, the replies stay the JSON they were stored as until someone asks for them: a turn only looks
/// at the ids and writes the replies back unchanged, and turning them into activities (cards and all) every turn was
/// most of the cost of loading a conversation.
/// </summary>
[JsonConverter(typeof(AnsweredActivityConverter))]
public sealed record AnsweredActivity
{
    private List<Activity>? _replies;
    private readonly JsonElement _storedReplies;

    public AnsweredActivity(string id, List<Activity> replies, InvokeResponse? invokeResponse)
    {
        Id = id;
        _replies = replies;
        InvokeResponse = invokeResponse;
    }

    /// <summary>As read from storage: <paramref name="storedReplies"/> is the JSON array of the replies.</summary>
    internal AnsweredActivity(string id, JsonElement storedReplies, InvokeResponse? invokeResponse)
    {
        Id = id;
        _storedReplies = storedReplies;
        InvokeResponse = invokeResponse;
    }

    public string Id { get; init; }

    internal static AnsweredActivity FromElement(JsonElement element)
    {
        var id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var replies = element.TryGetProperty("replies", out var repliesElement) ? repliesElement : default;
        var invokeResponse = element.TryGetProperty("invokeResponse", out var invoke) && invoke.ValueKind != JsonValueKind.Null
            ? invoke.Deserialize(ProtocolJsonContext.Default.InvokeResponse)
            : null;
        int? delivered = null;
        if (element.TryGetProperty("delivered", out var deliveredElement) && deliveredElement.ValueKind != JsonValueKind.Null)
        {
            delivered = deliveredElement.ValueKind == JsonValueKind.Number && deliveredElement.TryGetInt32(out var count)
                ? count
                : throw new JsonException("An answered activity's delivered count is not a number.");
        }
        return new AnsweredActivity(id ?? throw new JsonException("An answered activity has no id."), replies, invokeResponse) { Delivered = delivered };
    }

    public List<Activity> Replies => _replies ??= _storedReplies.ValueKind == JsonValueKind.Array
        ? _storedReplies.Deserialize(ProtocolJsonContext.Default.ListActivity) ?? []
        : [];

    public InvokeResponse? InvokeResponse { get; init; }

    /// <summary>Whether any reply is recorded, without turning stored replies into activities.</summary>
    public bool HasReplies => _replies is { Count: > 0 } || _storedReplies is { ValueKind: JsonValueKind.Array } stored && stored.GetArrayLength() > 0;

    /// <summary>The same answered activity, remembered only so that a redelivery of it is recognised.</summary>
    public AnsweredActivity WithoutReplies() => new(Id, [], InvokeResponse) { Delivered = Delivered };

    /// <summary>
    /// How many of <see cref="Replies"/> reached the channel, when delivery through the Connector stopped part-way;
    /// null when all did (or the channel took them in the HTTP response). A redelivery sends the rest.
    /// </summary>
    public int? Delivered { get; init; }

    /// <summary>The replies as stored, while nobody has asked for them as activities.</summary>
    internal JsonElement? StoredReplies => _replies is null && _storedReplies.ValueKind == JsonValueKind.Array ? _storedReplies : null;
}

/// <summary>The stored shape of <see cref="AnsweredActivity"/>: <c>{"id", "replies", "invokeResponse", "delivered"}</c>, camelCase, nulls left out.</summary>
internal sealed class AnsweredActivityConverter : JsonConverter<AnsweredActivity>
{
    public override AnsweredActivity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("An answered activity is a JSON object.");
        return AnsweredActivity.FromElement(JsonElement.ParseValue(ref reader));
    }

    public override void Write(Utf8JsonWriter writer, AnsweredActivity value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", value.Id);
        writer.WritePropertyName("replies");
        if (value.StoredReplies is { } stored)
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(stored), skipInputValidation: true);
        else
            JsonSerializer.Serialize(writer, value.Replies, ProtocolJsonContext.Default.ListActivity);
        if (value.InvokeResponse is { } invokeResponse)
        {
            writer.WritePropertyName("invokeResponse");
            JsonSerializer.Serialize(writer, invokeResponse, ProtocolJsonContext.Default.InvokeResponse);
        }
        if (value.Delivered is { } delivered)
            writer.WriteNumber("delivered", delivered);
        writer.WriteEndObject();
    }
}
