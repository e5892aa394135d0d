using BotProtocol.State;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Storage;

/// <summary>
/// Erases conversations nobody has written to for <see cref="StorageOptions.RetentionPeriod"/>, once at start and then
/// every <see cref="StorageOptions.RetentionSweepInterval"/>: the privacy notice promises it, and data that no longer
/// exists cannot be seized.
/// </summary>
internal sealed partial class RetentionSweep(
    IRetention retention, IOptions<StorageOptions> options, TimeProvider time, ILogger<RetentionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next sweep tries again; the exception's message could quote stored data, so only its type is logged.
                LogSweepFailed(e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var erased = await retention.DeleteWrittenBeforeAsync(time.GetUtcNow() - options.Value.RetentionPeriod, cancellationToken);
        if (erased > 0)
            LogErased(erased);
        return erased;
    }

    [LoggerMessage(EventId = LogEvents.Retention.Erased, Level = LogLevel.Information, Message = "Retention: erased {Count} conversations past the retention period")]
    private partial void LogErased(int count);

    [LoggerMessage(EventId = LogEvents.Retention.SweepFailed, Level = LogLevel.Warning, Message = "Retention sweep failed ({ExceptionType}); it runs again at the next interval")]
    private partial void LogSweepFailed(string exceptionType);
}
