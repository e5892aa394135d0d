using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProtectionBot.Content;

[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(string))]
internal sealed partial class ContentJsonContext : JsonSerializerContext;
