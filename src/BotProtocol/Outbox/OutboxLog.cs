using Microsoft.Extensions.Logging;

namespace BotProtocol.Outbox;

/// <summary>Outbox events: kinds, attempts and hashed owners; never payloads.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information,
        Message = "Outbox: {Kind} message of conversation {OwnerHash} delivered on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, string kind, string ownerHash, int attempt);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "Outbox: {Kind} message of conversation {OwnerHash} not delivered on attempt {Attempt} ({Reason}); next try in {DelaySeconds:F0} s")]
    public static partial void WillRetry(ILogger logger, string kind, string ownerHash, int attempt, string reason, double delaySeconds);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error,
        Message = "Outbox: no handler for messages of kind {Kind}; they wait until one is configured")]
    public static partial void NoHandler(ILogger logger, string kind);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning,
        Message = "Outbox: the lease of a {Kind} message ran out before it was settled; another instance has it")]
    public static partial void LeaseLost(ILogger logger, string kind);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning,
        Message = "Outbox: looking for due messages failed ({ExceptionType}); trying again shortly")]
    public static partial void PollFailed(ILogger logger, string exceptionType);
}
