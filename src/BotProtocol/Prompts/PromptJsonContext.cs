using System.Text.Json.Serialization;

namespace BotProtocol.Prompts;

/// <summary>Source-generated serialisation of the prompt options kept in a prompt's frame; same shape rules as the wire types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PromptOptions))]
internal sealed partial class PromptJsonContext : JsonSerializerContext;
