using System.Text.Json.Serialization;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InterviewState))]
[JsonSerializable(typeof(CountryQuestion))]
[JsonSerializable(typeof(CaseAnswers))]
[JsonSerializable(typeof(PersonRequest))]
internal sealed partial class InterviewJsonContext : JsonSerializerContext;
