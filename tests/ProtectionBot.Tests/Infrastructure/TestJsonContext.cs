using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProtectionBot.Tests.Infrastructure;

[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
