using System.Text.Json;
using System.Text.Json.Serialization;

namespace BotProtocol.Schema;

/// <summary>
/// Source-generated serialisation for every wire type: camelCase names and no nulls written,
/// since senders should omit empty fields (A2004).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    Converters = [typeof(RawJsonElementConverter)])]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(TranscriptFile))]
[JsonSerializable(typeof(BotProtocol.State.ConversationState))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
