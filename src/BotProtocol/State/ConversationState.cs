using System.Text.Json;
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
}

/// <summary>One frame of the dialog stack: which dialog, and its own serialised state.</summary>
public sealed class DialogInstance
{
    public required string Id { get; set; }

    public JsonElement? State { get; set; }
}

/// <summary>An activity already processed, with the replies it produced, so a redelivery gets the same answer.</summary>
public sealed record AnsweredActivity(string Id, List<Activity> Replies, InvokeResponse? InvokeResponse)
{
    /// <summary>
    /// How many of <see cref="Replies"/> reached the channel, when delivery through the Connector stopped part-way;
    /// null when all did (or the channel took them in the HTTP response). A redelivery sends the rest.
    /// </summary>
    public int? Delivered { get; init; }
}
