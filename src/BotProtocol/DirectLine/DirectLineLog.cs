using Microsoft.Extensions.Logging;

namespace BotProtocol.DirectLine;

/// <summary>Direct Line events. Conversation ids are hashed; tokens, user ids and message text never appear.</summary>
internal static partial class DirectLineLog
{
    [LoggerMessage(EventId = LogEvents.DirectLine.DevelopmentSigningKey, Level = LogLevel.Warning,
        Message = "DirectLine:TokenSigningKey is not set: Development made a random key; tokens end with the process")]
    public static partial void DevelopmentSigningKey(ILogger logger);

    [LoggerMessage(EventId = LogEvents.DirectLine.Disabled, Level = LogLevel.Warning,
        Message = "DirectLine:TokenSigningKey is not set: the local Direct Line endpoint is off")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = LogEvents.DirectLine.ConversationStarted, Level = LogLevel.Information,
        Message = "Direct Line conversation {ConversationHash} started ({Count} open)")]
    public static partial void ConversationStarted(ILogger logger, string conversationHash, int count);

    [LoggerMessage(EventId = LogEvents.DirectLine.Refused, Level = LogLevel.Information, Message = "Direct Line {Operation} refused with {Status} {Code}")]
    public static partial void Refused(ILogger logger, string operation, int status, string code);

    [LoggerMessage(EventId = LogEvents.DirectLine.Full, Level = LogLevel.Warning,
        Message = "Direct Line: a new conversation was refused with 429: {Reason} ({Count} open)")]
    public static partial void Full(ILogger logger, string reason, int count);

    [LoggerMessage(EventId = LogEvents.DirectLine.BotFailed, Level = LogLevel.Error,
        Message = "Direct Line conversation {ConversationHash}: the bot failed ({ExceptionType}); the client was answered 502")]
    public static partial void BotFailed(ILogger logger, string conversationHash, string exceptionType);

    [LoggerMessage(EventId = LogEvents.DirectLine.Erased, Level = LogLevel.Information,
        Message = "Direct Line conversation {ConversationHash} was erased by the bot; its activities are dropped")]
    public static partial void Erased(ILogger logger, string conversationHash);

    [LoggerMessage(EventId = LogEvents.DirectLine.ConversationsExpired, Level = LogLevel.Information,
        Message = "Direct Line: forgot {Forgotten} idle conversations ({Count} open)")]
    public static partial void ConversationsExpired(ILogger logger, int forgotten, int count);

    [LoggerMessage(EventId = LogEvents.DirectLine.Stream, Level = LogLevel.Debug,
        Message = "Direct Line conversation {ConversationHash}: stream {Event}")]
    public static partial void Stream(ILogger logger, string conversationHash, string @event);

    [LoggerMessage(EventId = LogEvents.DirectLine.StartRateLimited, Level = LogLevel.Warning,
        Message = "Direct Line: a token request or conversation start was refused with 429: the {Scope} start budget is spent")]
    public static partial void StartRateLimited(ILogger logger, string scope);

    [LoggerMessage(EventId = LogEvents.DirectLine.Evicted, Level = LogLevel.Warning,
        Message = "Direct Line: all {Count} conversation slots were taken; conversation {ConversationHash} ({Reason}) was forgotten to let a new one start")]
    public static partial void Evicted(ILogger logger, int count, string conversationHash, string reason);

    [LoggerMessage(EventId = LogEvents.DirectLine.ForeignOrigin, Level = LogLevel.Information,
        Message = "Direct Line: a {Method} request from a page of another site ({Origin}) was refused with 403; list the site in DirectLine:AllowedOrigins if it may use the chat")]
    public static partial void ForeignOrigin(ILogger logger, string method, string origin);

    [LoggerMessage(EventId = LogEvents.DirectLine.ActivityRateLimited, Level = LogLevel.Warning,
        Message = "Direct Line: an activity was refused with 429: its conversation posted more than DirectLine:ActivitiesPerConversationPerMinute")]
    public static partial void ActivityRateLimited(ILogger logger);
}
