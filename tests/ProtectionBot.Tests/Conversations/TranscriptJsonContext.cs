using System.Text.Json.Serialization;
using BotProtocol.Schema;

namespace ProtectionBot.Tests.Conversations;

/// <summary>Transcripts are written indented so a reviewer can read a conversation change in a diff.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(SuggestedActions))]
internal sealed partial class TranscriptJsonContext : JsonSerializerContext;
