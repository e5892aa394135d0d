using Microsoft.Extensions.Logging;

namespace BotProtocol.Connector;

/// <summary>Connector call events. Conversation ids are hashed; tokens, URLs and activity text never appear.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = LogEvents.Connector.RetryingStatus, Level = LogLevel.Warning,
        Message = "Connector {Operation} for conversation {ConversationHash} answered {StatusCode} (operation id {CorrelatingOperationId}); attempt {Attempt} of {MaxAttempts}, next in {DelayMs:F0} ms")]
    public static partial void RetryingStatus(ILogger logger, string operation, string conversationHash, int statusCode, string? correlatingOperationId, int attempt, int maxAttempts, double delayMs);

    [LoggerMessage(EventId = LogEvents.Connector.RetryingTransport, Level = LogLevel.Warning,
        Message = "Connector {Operation} for conversation {ConversationHash} got no answer ({Failure}); attempt {Attempt} of {MaxAttempts}, next in {DelayMs:F0} ms")]
    public static partial void RetryingTransport(ILogger logger, string operation, string conversationHash, string failure, int attempt, int maxAttempts, double delayMs);

    [LoggerMessage(EventId = LogEvents.Connector.TokenRefused, Level = LogLevel.Information,
        Message = "Connector {Operation} for conversation {ConversationHash} refused the token (operation id {CorrelatingOperationId}); renewing it and trying once more")]
    public static partial void TokenRefused(ILogger logger, string operation, string conversationHash, string? correlatingOperationId);

    [LoggerMessage(EventId = LogEvents.Connector.CallFailed, Level = LogLevel.Warning,
        Message = "Connector {Operation} for conversation {ConversationHash} failed with {StatusCode} {ErrorCode} (operation id {CorrelatingOperationId})")]
    public static partial void CallFailed(ILogger logger, string operation, string conversationHash, int statusCode, string? errorCode, string? correlatingOperationId);

    [LoggerMessage(EventId = LogEvents.Connector.OutcomeUnknown, Level = LogLevel.Warning,
        Message = "Connector {Operation} for conversation {ConversationHash} may have taken effect but gave no answer ({Failure}, attempt {Attempt}); it is not sent again")]
    public static partial void OutcomeUnknown(ILogger logger, string operation, string conversationHash, string failure, int attempt);
}
