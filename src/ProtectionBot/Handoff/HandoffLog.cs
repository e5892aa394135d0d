namespace ProtectionBot.Handoff;

/// <summary>Handoff events: case ids (random, meaningless outside the bot), partner ids, steps; never people or words.</summary>
internal static partial class HandoffLog
{
    [LoggerMessage(EventId = LogEvents.Handoff.Posted, Level = LogLevel.Information, Message = "Handoff: case {CaseId} posted to partner {PartnerId} (offer {OfferIndex})")]
    public static partial void Posted(ILogger logger, string caseId, string partnerId, int offerIndex);

    [LoggerMessage(EventId = LogEvents.Handoff.Accepted, Level = LogLevel.Information, Message = "Handoff: case {CaseId} accepted by partner {PartnerId}")]
    public static partial void Accepted(ILogger logger, string caseId, string partnerId);

    [LoggerMessage(EventId = LogEvents.Handoff.PassedOn, Level = LogLevel.Information, Message = "Handoff: case {CaseId} passed on from offer {OfferIndex} ({Outcome})")]
    public static partial void PassedOn(ILogger logger, string caseId, int offerIndex, string outcome);

    [LoggerMessage(EventId = LogEvents.Handoff.Unrouted, Level = LogLevel.Warning, Message = "Handoff: case {CaseId} found no partner in time")]
    public static partial void Unrouted(ILogger logger, string caseId);

    [LoggerMessage(EventId = LogEvents.Handoff.Closed, Level = LogLevel.Information, Message = "Handoff: case {CaseId} closed by the {Side}")]
    public static partial void Closed(ILogger logger, string caseId, string side);

    [LoggerMessage(EventId = LogEvents.Handoff.Refused, Level = LogLevel.Warning,
        Message = "Handoff: refused a '{Action}' from conversation {ConversationHash} on channel {ChannelId}: {Reason}")]
    public static partial void Refused(ILogger logger, string action, string conversationHash, string? channelId, string reason);

    [LoggerMessage(EventId = LogEvents.Handoff.DeskUnreachable, Level = LogLevel.Warning,
        Message = "Handoff: partner {PartnerId}'s desk refused case {CaseId} permanently (HTTP {Status}); trying the next partner")]
    public static partial void DeskUnreachable(ILogger logger, string partnerId, string caseId, int? status);

    [LoggerMessage(EventId = LogEvents.Handoff.ExamplePartners, Level = LogLevel.Warning,
        Message = "Handoff: {Count} partners in the partners file are examples; replace them with real registrations before going live")]
    public static partial void ExamplePartners(ILogger logger, int count);

    // WhatsApp caseworkers are named by their position in the partner's list of numbers, never by the number.
    [LoggerMessage(EventId = LogEvents.Handoff.WhatsAppNotified, Level = LogLevel.Information,
        Message = "Handoff: case {CaseId} offered to partner {PartnerId}'s WhatsApp caseworker {NumberIndex} as a {Via} (offer {OfferIndex})")]
    public static partial void WhatsAppNotified(ILogger logger, string caseId, string partnerId, int numberIndex, string via, int offerIndex);

    [LoggerMessage(EventId = LogEvents.Handoff.WhatsAppUnreachable, Level = LogLevel.Warning,
        Message = "Handoff: partner {PartnerId}'s WhatsApp caseworker {NumberIndex} cannot be reached about case {CaseId}: {Category} (error {ErrorCode})")]
    public static partial void WhatsAppUnreachable(ILogger logger, string caseId, string partnerId, int numberIndex, string category, int? errorCode);

    [LoggerMessage(EventId = LogEvents.Handoff.WhatsAppWillRetry, Level = LogLevel.Warning,
        Message = "Handoff: partner {PartnerId}'s WhatsApp caseworker {NumberIndex} not told of case {CaseId} yet, will retry: {Reason} (error {ErrorCode})")]
    public static partial void WhatsAppWillRetry(ILogger logger, string caseId, string partnerId, int numberIndex, string reason, int? errorCode);

    [LoggerMessage(EventId = LogEvents.Handoff.WhatsAppWaiting, Level = LogLevel.Information,
        Message = "Handoff: a message about case {CaseId} waits for its WhatsApp caseworker to reopen the chat (reminded now: {Reminded})")]
    public static partial void WhatsAppWaiting(ILogger logger, string caseId, bool reminded);

    [LoggerMessage(EventId = LogEvents.Handoff.TemplateMissing, Level = LogLevel.Warning,
        Message = "Handoff: no WhatsApp template is configured at WhatsApp:Templates:{Purpose}:{Language} (nor in English)")]
    public static partial void TemplateMissing(ILogger logger, string purpose, string language);

    [LoggerMessage(EventId = LogEvents.Handoff.HubStatus, Level = LogLevel.Information,
        Message = "Handoff: the channel's agent hub reported '{State}' in conversation {ConversationHash}: {Effect}")]
    public static partial void HubStatus(ILogger logger, string conversationHash, string state, string effect);

    [LoggerMessage(EventId = LogEvents.Handoff.ContactShared, Level = LogLevel.Information, Message = "Handoff: the person shared how to reach them with case {CaseId}")]
    public static partial void ContactShared(ILogger logger, string caseId);

    [LoggerMessage(EventId = LogEvents.Handoff.FileForwarded, Level = LogLevel.Information, Message = "Handoff: the person agreed to pass a {Kind} on to the caseworker of case {CaseId}")]
    public static partial void FileForwarded(ILogger logger, string caseId, string kind);

    [LoggerMessage(EventId = LogEvents.Handoff.FileNotForwarded, Level = LogLevel.Warning, Message = "Handoff: a {Kind} for the caseworker of case {CaseId} was not forwarded: {Reason}")]
    public static partial void FileNotForwarded(ILogger logger, string caseId, string kind, string reason);

    [LoggerMessage(EventId = LogEvents.Handoff.PostUncertain, Level = LogLevel.Warning,
        Message = "Handoff: the card of case {CaseId} may or may not be in partner {PartnerId}'s channel ({Reason}, offer {OfferIndex}); it is not posted again, the offer's clock runs")]
    public static partial void PostUncertain(ILogger logger, string caseId, string partnerId, int offerIndex, string reason);

    [LoggerMessage(EventId = LogEvents.Handoff.PostLearnt, Level = LogLevel.Information,
        Message = "Handoff: the thread of case {CaseId}, posted without an answer, is known from a caseworker's button")]
    public static partial void PostLearnt(ILogger logger, string caseId);
}
