using Microsoft.Extensions.Logging;

namespace BotProtocol.Work;

/// <summary>Work queue events: kinds, attempts and hashed owners; never payloads.</summary>
internal static partial class WorkLog
{
    [LoggerMessage(EventId = LogEvents.Work.Done, Level = LogLevel.Information,
        Message = "Work queue: {Kind} item of conversation {OwnerHash} done on attempt {Attempt}")]
    public static partial void Done(ILogger logger, string kind, string ownerHash, int attempt);

    [LoggerMessage(EventId = LogEvents.Work.WillRetry, Level = LogLevel.Warning,
        Message = "Work queue: {Kind} item of conversation {OwnerHash} not done on attempt {Attempt} ({Reason}); next try in {DelaySeconds:F0} s")]
    public static partial void WillRetry(ILogger logger, string kind, string ownerHash, int attempt, string reason, double delaySeconds);

    [LoggerMessage(EventId = LogEvents.Work.NoHandler, Level = LogLevel.Error,
        Message = "Work queue: no handler for items of kind {Kind}; they wait until one is configured")]
    public static partial void NoHandler(ILogger logger, string kind);

    [LoggerMessage(EventId = LogEvents.Work.LeaseLost, Level = LogLevel.Warning,
        Message = "Work queue: the lease of a {Kind} item ran out before it was settled; another instance has it")]
    public static partial void LeaseLost(ILogger logger, string kind);

    [LoggerMessage(EventId = LogEvents.Work.PollFailed, Level = LogLevel.Warning,
        Message = "Work queue: looking for due items failed ({ExceptionType}); trying again shortly")]
    public static partial void PollFailed(ILogger logger, string exceptionType);
}
