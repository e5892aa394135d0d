using Microsoft.Extensions.Logging;

namespace BotProtocol.Connector;

/// <summary>Connector call events. Conversation ids are hashed; tokens, URLs and activity text never appear.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning,
        Message = "Connector {Operation} for conversation {ConversationHash} answered {StatusCode} (operation id {CorrelatingOperationId}); attempt {Attempt} of {MaxAttempts}, next in {DelayMs:F0} ms")]
    public static partial void RetryingStatus(ILogger logger, string operation, string conversationHash, int statusCode, string? correlatingOperationId, int attempt, int maxAttempts, double delayMs);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "Connector {Operation} for conversation {ConversationHash} got no answer ({Failure}); attempt {Attempt} of {MaxAttempts}, next in {DelayMs:F0} ms")]
    public static partial void RetryingTransport(ILogger logger, string operation, string conversationHash, string failure, int attempt, int maxAttempts, double delayMs);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information,
        Message = "Connector {Operation} for conversation {ConversationHash} refused the token (operation id {CorrelatingOperationId}); renewing it and trying once more")]
    public static partial void TokenRefused(ILogger logger, string operation, string conversationHash, string? correlatingOperationId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning,
        Message = "Connector {Operation} for conversation {ConversationHash} failed with {StatusCode} {ErrorCode} (operation id {CorrelatingOperationId})")]
    public static partial void CallFailed(ILogger logger, string operation, string conversationHash, int statusCode, string? errorCode, string? correlatingOperationId);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning,
        Message = "Connector {Operation} for conversation {ConversationHash} may have taken effect but gave no answer ({Failure}, attempt {Attempt}); it is not sent again")]
    public static partial void OutcomeUnknown(ILogger logger, string operation, string conversationHash, string failure, int attempt);
}
