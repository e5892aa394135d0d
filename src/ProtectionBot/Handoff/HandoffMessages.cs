using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Work;

namespace ProtectionBot.Handoff;

/// <summary>Work item kinds of the handoff.</summary>
internal static class HandoffKinds
{
    /// <summary>Post the case to the partner at an offer index.</summary>
    public const string Offer = "handoff.offer";

    /// <summary>The partner did not accept in time: try the next one.</summary>
    public const string Timeout = "handoff.timeout";

    /// <summary>Update a posted case card (taken, closed, passed on…) for everyone in the channel.</summary>
    public const string Card = "handoff.card";

    /// <summary>A message to a caseworker: into their Teams thread, or to their WhatsApp number.</summary>
    public const string ToCaseworker = "handoff.to-caseworker";

    /// <summary>An event into the defender's conversation (accepted, a caseworker's message, closed…), run as a turn there.</summary>
    public const string ToDefender = "handoff.to-defender";
}

internal sealed record OfferOrder(string CaseId, int OfferIndex, HandoffCase? NewCase)
{
    /// <summary>Why the previous offer ended (<see cref="OfferOutcomes"/>), for what the defender is told; null for the first offer.</summary>
    public string? BecauseEarlier { get; init; }
}

internal sealed record CaseOnly(string CaseId, int OfferIndex);

internal sealed record CardUpdate(string ServiceUrl, string ThreadId, string ActivityId, JsonElement Card);

/// <summary>A message for a caseworker: into a Teams thread, or to a WhatsApp number (<see cref="ThreadId"/>, with <see cref="Channel"/> whatsapp).</summary>
internal sealed record CaseworkerMessage(string ServiceUrl, string ThreadId, string Text)
{
    public string Channel { get; init; } = CaseworkerChannels.Teams;

    /// <summary>The case it is about, for the reminder a WhatsApp caseworker gets outside their window.</summary>
    public string? CaseId { get; init; }

    /// <summary>The case's language, for a reminder template.</summary>
    public string Language { get; init; } = ProtectionBot.Content.Language.Default;

    /// <summary>Worth sending only while the caseworker's window is open (a colleague took the case): never waits, never reminds.</summary>
    public bool OnlyInWindow { get; init; }

    /// <summary>A file the defender agreed to pass on, sent with <see cref="Text"/> (which may be empty).</summary>
    public DefenderFile? File { get; init; }
}

/// <summary>What the defender's conversation is told: <see cref="Event"/> is <c>handoff.status</c> or <c>handoff.message</c>.</summary>
internal sealed record DefenderNotice(ConversationReference Defender, string CaseId, string Event, string? State, string? From, string? Text)
{
    /// <summary>Why it happened, where the defender is told a reason (<see cref="OfferOutcomes"/> for a case passed on).</summary>
    public string? Reason { get; init; }
}

/// <summary>
/// The handoff's work items. Ids are derived from the case and the step, so a step retried after a crash or a
/// conflict enqueues nothing twice; owners decide what erasing the defender's conversation takes with it.
/// </summary>
internal static class HandoffMessages
{
    public static WorkItem Offer(HandoffCase handoffCase, int offerIndex, HandoffCase? newCase, DateTimeOffset now, string? becauseEarlier = null) =>
        new($"handoff/{handoffCase.Id}/offer/{offerIndex}", HandoffKinds.Offer, handoffCase.DefenderKey,
            Bytes(new OfferOrder(handoffCase.Id, offerIndex, newCase) { BecauseEarlier = becauseEarlier }, HandoffJsonContext.Default.OfferOrder), now);

    public static WorkItem Timeout(HandoffCase handoffCase, int offerIndex, DateTimeOffset due) =>
        new($"handoff/{handoffCase.Id}/timeout/{offerIndex}", HandoffKinds.Timeout, handoffCase.DefenderKey,
            Bytes(new CaseOnly(handoffCase.Id, offerIndex), HandoffJsonContext.Default.CaseOnly), due);

    /// <summary>
    /// The owner of notices about a case that must outlive both the defender's conversation and the case itself (a card
    /// saying "withdrawn" after the defender erased everything): a key no document ever has, so only the retention
    /// limit removes them.
    /// </summary>
    public static string NoticeOwner(string caseId) => $"handoff/notices/{caseId}";

    public static WorkItem Card(string caseId, PostedOffer posted, string outcome, Attachment card, DateTimeOffset now) =>
        new($"handoff/{caseId}/card/{posted.ActivityId}/{outcome}", HandoffKinds.Card, NoticeOwner(caseId),
            Bytes(new CardUpdate(posted.ServiceUrl, posted.ThreadId, posted.ActivityId, card.Content ?? default), HandoffJsonContext.Default.CardUpdate), now);

    /// <param name="step">Names the step uniquely within the case (an activity id, "ended"…).</param>
    /// <param name="owner">The defender's key for their own words (erasure takes them back), <see cref="NoticeOwner"/> for notices about them.</param>
    public static WorkItem ToCaseworker(
        string caseId, string step, string owner, Caseworker caseworker, string language, string text, DateTimeOffset now, DefenderFile? file = null) =>
        new($"handoff/{caseId}/to-caseworker/{step}", HandoffKinds.ToCaseworker, owner,
            Bytes(new CaseworkerMessage(caseworker.ServiceUrl, caseworker.ThreadId, text) { Channel = caseworker.Channel, CaseId = caseId, Language = language, File = file },
                HandoffJsonContext.Default.CaseworkerMessage), now);

    /// <summary>A note to a WhatsApp caseworker who is not (or not yet) the case's owner, e.g. that a colleague took it.</summary>
    public static WorkItem ToCaseworkerNumber(string caseId, string step, string number, string language, string text, DateTimeOffset now) =>
        new($"handoff/{caseId}/to-caseworker/{step}", HandoffKinds.ToCaseworker, NoticeOwner(caseId),
            Bytes(new CaseworkerMessage("", number, text) { Channel = CaseworkerChannels.WhatsApp, CaseId = caseId, Language = language, OnlyInWindow = true },
                HandoffJsonContext.Default.CaseworkerMessage), now);

    public static WorkItem ToDefender(
        HandoffCase handoffCase, string step, string eventName, string? state, string? from, string? text, DateTimeOffset now, string? reason = null) =>
        new($"handoff/{handoffCase.Id}/to-defender/{step}", HandoffKinds.ToDefender, handoffCase.DefenderKey,
            Bytes(new DefenderNotice(handoffCase.Defender, handoffCase.Id, eventName, state, from, text) { Reason = reason }, HandoffJsonContext.Default.DefenderNotice), now);

    public static T Read<T>(WorkItem message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(message.Payload.Span, type) ?? throw new JsonException($"Empty {message.Kind} payload.");

    private static byte[] Bytes<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToUtf8Bytes(value, type);
}
