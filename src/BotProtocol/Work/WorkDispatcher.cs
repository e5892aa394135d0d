using BotProtocol.Turns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.Work;

/// <summary>
/// Works through the work queue on every instance: leases the due items, hands each to the handler of its kind,
/// settles it once done and otherwise puts it back with exponential backoff. An item is only settled after
/// its handler returned, so an instance that dies mid-way leaves it for another to take when the lease ends.
/// </summary>
public sealed class WorkDispatcher : BackgroundService
{
    private readonly IWorkQueue _queue;
    private readonly Dictionary<string, IWorkHandler> _handlers;
    private readonly IOptions<WorkQueueOptions> _options;
    private readonly TimeProvider _time;
    private readonly Pseudonyms _pseudonyms;
    private readonly WorkSignal _signal;
    private readonly ILogger<WorkDispatcher> _logger;

    public WorkDispatcher(
        IWorkQueue queue, IEnumerable<IWorkHandler> handlers, IOptions<WorkQueueOptions> options,
        TimeProvider time, Pseudonyms pseudonyms, WorkSignal signal, ILogger<WorkDispatcher> logger)
    {
        _queue = queue;
        // One handler per kind; a later registration replaces an earlier one (a test or a host substituting its own).
        _handlers = new Dictionary<string, IWorkHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
            _handlers[handler.Kind] = handler;
        _options = options;
        _time = time;
        _pseudonyms = pseudonyms;
        _signal = signal;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Value.DispatchInBackground)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = _signal.WhenWokenAsync();
            var delivered = 0;
            try
            {
                delivered = await RunDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                WorkLog.PollFailed(_logger, exception.GetType().Name);
            }
            // A full batch means more may be due: look again at once.
            if (delivered < _options.Value.BatchSize)
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(wake, Task.Delay(_options.Value.PollInterval, _time, poll.Token));
                await poll.CancelAsync();
            }
        }
    }

    /// <summary>One pass: leases up to a batch of due items and settles each. Returns how many were leased.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var leases = await _queue.LeaseDueAsync(_time.GetUtcNow(), options.LeaseDuration, options.BatchSize, cancellationToken);
        // Items of one owner go in order (a relay must not overtake itself, nor a person's second message their first);
        // different owners go side by side.
        await Task.WhenAll(leases.GroupBy(l => l.Item.Owner).Select(async group =>
        {
            foreach (var lease in group)
                await SettleAsync(lease, options, cancellationToken);
        }));
        return leases.Count;
    }

    private async Task SettleAsync(WorkLease lease, WorkQueueOptions options, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        WorkOutcome outcome;
        string reason;
        if (!_handlers.TryGetValue(item.Kind, out var handler))
        {
            WorkLog.NoHandler(_logger, item.Kind);
            outcome = WorkOutcome.Retry(options.MaxBackoff);
            reason = "no handler";
        }
        else
        {
            try
            {
                outcome = await handler.HandleAsync(lease, cancellationToken);
                reason = "refused";
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The type, never the message: it may quote the payload or a remote answer.
                outcome = WorkOutcome.Retry();
                reason = exception.GetType().Name;
            }
        }

        bool kept;
        if (outcome.IsDone)
        {
            kept = await _queue.CompleteAsync(lease, CancellationToken.None);
            if (kept && _logger.IsEnabled(LogLevel.Information))
                WorkLog.Done(_logger, item.Kind, _pseudonyms.LogId(item.Owner), lease.Attempt);
        }
        else
        {
            var delay = outcome.RetryAfter is { } asked ? Min(asked, options.MaxBackoff) : Backoff(lease.Attempt, options);
            kept = await _queue.RescheduleAsync(lease, _time.GetUtcNow() + delay, CancellationToken.None);
            if (kept && _logger.IsEnabled(LogLevel.Warning))
                WorkLog.WillRetry(_logger, item.Kind, _pseudonyms.LogId(item.Owner), lease.Attempt, reason, delay.TotalSeconds);
        }
        if (!kept)
            WorkLog.LeaseLost(_logger, item.Kind);
    }

    /// <summary>Doubling from the first backoff, capped, less a random jitter of up to a fifth so instances spread out.</summary>
    internal static TimeSpan Backoff(int attempt, WorkQueueOptions options)
    {
        var doubled = options.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 - (Random.Shared.NextDouble() / 5)));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
