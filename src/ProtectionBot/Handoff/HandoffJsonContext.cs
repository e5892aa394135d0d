using System.Text.Json.Serialization;

namespace ProtectionBot.Handoff;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HandoffCase))]
[JsonSerializable(typeof(DefenderHandoff))]
[JsonSerializable(typeof(Caseworker))]
[JsonSerializable(typeof(CaseworkerThread))]
[JsonSerializable(typeof(HandoffDialogState))]
[JsonSerializable(typeof(HandoffInitiation))]
[JsonSerializable(typeof(HandoffStatus))]
[JsonSerializable(typeof(OwnCaseQuestion))]
[JsonSerializable(typeof(DefenderFile))]
[JsonSerializable(typeof(CaseAction))]
[JsonSerializable(typeof(OfferOrder))]
[JsonSerializable(typeof(CaseOnly))]
[JsonSerializable(typeof(CardUpdate))]
[JsonSerializable(typeof(CaseworkerMessage))]
[JsonSerializable(typeof(DefenderNotice))]
internal sealed partial class HandoffJsonContext : JsonSerializerContext;
