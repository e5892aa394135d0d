using Microsoft.Extensions.Logging;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// WhatsApp channel events. Conversations appear as hashes of their pseudonymous state key, messages by the keyed hash
/// of their wamid (a wamid is base64 of a record that begins with the phone number), errors by Meta's code and trace
/// id; never a phone number, a wamid, a name, a text, a token or a raw body.
/// </summary>
internal static partial class WhatsAppLog
{
    [LoggerMessage(EventId = LogEvents.WhatsApp.ChannelOff, Level = LogLevel.Information,
        Message = "WhatsApp channel off: WhatsApp:PhoneNumberId is not set, so the webhook answers 503")]
    public static partial void ChannelOff(ILogger logger);

    [LoggerMessage(EventId = LogEvents.WhatsApp.WebhookRefused, Level = LogLevel.Warning, Message = "WhatsApp webhook refused with {Status}: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = LogEvents.WhatsApp.Verification, Level = LogLevel.Information, Message = "WhatsApp webhook verification {Outcome}")]
    public static partial void Verification(ILogger logger, string outcome);

    [LoggerMessage(EventId = LogEvents.WhatsApp.WebhookAccepted, Level = LogLevel.Debug,
        Message = "WhatsApp webhook accepted: {Messages} message(s) queued, {Duplicates} already queued, {Statuses} status(es)")]
    public static partial void WebhookAccepted(ILogger logger, int messages, int duplicates, int statuses);

    [LoggerMessage(EventId = LogEvents.WhatsApp.OtherNumber, Level = LogLevel.Warning,
        Message = "WhatsApp webhook: {Count} event(s) for another business number (id {PhoneNumberId}) ignored")]
    public static partial void OtherNumber(ILogger logger, int count, string? phoneNumberId);

    [LoggerMessage(EventId = LogEvents.WhatsApp.MessageIncomplete, Level = LogLevel.Warning, Message = "WhatsApp webhook: an inbound message without {Missing} ignored")]
    public static partial void MessageIncomplete(ILogger logger, string missing);

    [LoggerMessage(EventId = LogEvents.WhatsApp.StatusReceived, Level = LogLevel.Debug, Message = "WhatsApp message {MessageHash} is {Status}")]
    public static partial void StatusReceived(ILogger logger, string messageHash, string? status);

    [LoggerMessage(EventId = LogEvents.WhatsApp.DeliveryFailed, Level = LogLevel.Warning,
        Message = "WhatsApp could not deliver message {MessageHash} to conversation {ConversationHash}: error {ErrorCode} ({Category})")]
    public static partial void DeliveryFailed(ILogger logger, string messageHash, string conversationHash, int? errorCode, string category);

    [LoggerMessage(EventId = LogEvents.WhatsApp.AccessDenied, Level = LogLevel.Error,
        Message = "WhatsApp refused the bot's access token or permissions (error {ErrorCode}, subcode {ErrorSubcode}, trace {FbTraceId}): renew WhatsApp:AccessToken; replies wait and are tried again")]
    public static partial void AccessDenied(ILogger logger, int? errorCode, int? errorSubcode, string? fbTraceId);

    [LoggerMessage(EventId = LogEvents.WhatsApp.SendWillRetry, Level = LogLevel.Warning,
        Message = "WhatsApp send to conversation {ConversationHash} will be retried: {Category} (error {ErrorCode}, HTTP {HttpStatus}, trace {FbTraceId})")]
    public static partial void SendWillRetry(ILogger logger, string conversationHash, string category, int? errorCode, int? httpStatus, string? fbTraceId);

    [LoggerMessage(EventId = LogEvents.WhatsApp.SendGivenUp, Level = LogLevel.Error,
        Message = "WhatsApp send to conversation {ConversationHash} given up: {Category} (error {ErrorCode}, HTTP {HttpStatus}, trace {FbTraceId})")]
    public static partial void SendGivenUp(ILogger logger, string conversationHash, string category, int? errorCode, int? httpStatus, string? fbTraceId);

    [LoggerMessage(EventId = LogEvents.WhatsApp.WindowClosed, Level = LogLevel.Warning,
        Message = "WhatsApp replies to conversation {ConversationHash} not sent: the 24-hour customer service window closed; only an approved template can reach the person now")]
    public static partial void WindowClosed(ILogger logger, string conversationHash);

    [LoggerMessage(EventId = LogEvents.WhatsApp.MarkReadFailed, Level = LogLevel.Debug, Message = "WhatsApp: marking message {MessageHash} read failed ({Failure}); the turn goes on")]
    public static partial void MarkReadFailed(ILogger logger, string messageHash, string failure);

    [LoggerMessage(EventId = LogEvents.WhatsApp.WebhookError, Level = LogLevel.Warning, Message = "WhatsApp webhook reported error {ErrorCode} ({Where})")]
    public static partial void WebhookError(ILogger logger, int? errorCode, string where);

    [LoggerMessage(EventId = LogEvents.WhatsApp.EnqueueFailed, Level = LogLevel.Error,
        Message = "WhatsApp webhook answered 503: queueing its messages failed ({Failure}); Meta delivers them again")]
    public static partial void EnqueueFailed(ILogger logger, string failure);

    [LoggerMessage(EventId = LogEvents.WhatsApp.InboundTurn, Level = LogLevel.Debug, Message = "WhatsApp inbound {MessageType} message of conversation {ConversationHash} handed to the bot")]
    public static partial void InboundTurn(ILogger logger, string? messageType, string conversationHash);

    [LoggerMessage(EventId = LogEvents.WhatsApp.EnvelopeUnreadable, Level = LogLevel.Warning, Message = "WhatsApp: a queued inbound message could not be read and was dropped")]
    public static partial void EnvelopeUnreadable(ILogger logger);

    [LoggerMessage(EventId = LogEvents.WhatsApp.SubscriberFailed, Level = LogLevel.Warning, Message = "WhatsApp: a delivery-failure subscriber threw {ExceptionType}")]
    public static partial void SubscriberFailed(ILogger logger, string exceptionType);
}
