using Microsoft.Extensions.Logging;

namespace BotProtocol.Turns;

/// <summary>Turn events. Conversation ids are hashed; message text never appears.</summary>
internal static partial class TurnLog
{
    [LoggerMessage(EventId = LogEvents.Turns.TurnCompleted, Level = LogLevel.Information,
        Message = "Turn done: conversation {ConversationHash} channel {ChannelId} type {ActivityType} route {Route}, {ReplyCount} replies in {ElapsedMs:F1} ms")]
    public static partial void TurnCompleted(ILogger logger, string conversationHash, string? channelId, string? activityType, string? route, int replyCount, double elapsedMs);

    [LoggerMessage(EventId = LogEvents.Turns.Redelivered, Level = LogLevel.Information,
        Message = "Redelivered activity answered from memory: conversation {ConversationHash} channel {ChannelId} type {ActivityType}")]
    public static partial void Redelivered(ILogger logger, string conversationHash, string? channelId, string? activityType);

    [LoggerMessage(EventId = LogEvents.Turns.ConcurrencyRetry, Level = LogLevel.Warning,
        Message = "State of conversation {ConversationHash} changed during the turn; running it again (attempt {Attempt})")]
    public static partial void ConcurrencyRetry(ILogger logger, string conversationHash, int attempt);

    [LoggerMessage(EventId = LogEvents.Turns.TurnFailed, Level = LogLevel.Error,
        Message = "Turn failed and was not saved: conversation {ConversationHash} channel {ChannelId} type {ActivityType}: {ExceptionType} {StackTrace}")]
    public static partial void TurnFailed(ILogger logger, string conversationHash, string? channelId, string? activityType, string? exceptionType, string? stackTrace);

    [LoggerMessage(EventId = LogEvents.Turns.UnreadableState, Level = LogLevel.Error,
        Message = "Stored state of conversation {ConversationHash} cannot be read; the conversation starts afresh")]
    public static partial void UnreadableState(ILogger logger, string conversationHash);
}
