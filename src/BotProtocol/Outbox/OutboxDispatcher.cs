using BotProtocol.State;
using BotProtocol.Turns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.Outbox;

/// <summary>
/// Works through the outbox on every instance: leases the due messages, hands each to the handler of its kind,
/// removes it once delivered and otherwise puts it back with exponential backoff. A message is only removed after
/// its handler returned, so an instance that dies mid-delivery leaves it for another to take when the lease ends.
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly IConversationStore _store;
    private readonly Dictionary<string, IOutboxHandler> _handlers;
    private readonly IOptions<OutboxOptions> _options;
    private readonly TimeProvider _time;
    private readonly Pseudonyms _pseudonyms;
    private readonly ILogger<OutboxDispatcher> _logger;
    private TaskCompletionSource _wake = NewWake();

    public OutboxDispatcher(
        IConversationStore store, IEnumerable<IOutboxHandler> handlers, IOptions<OutboxOptions> options,
        TimeProvider time, Pseudonyms pseudonyms, ILogger<OutboxDispatcher> logger)
    {
        _store = store;
        // One handler per kind; a later registration replaces an earlier one (a test or a host substituting its own).
        _handlers = new Dictionary<string, IOutboxHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
            _handlers[handler.Kind] = handler;
        _options = options;
        _time = time;
        _pseudonyms = pseudonyms;
        _logger = logger;
    }

    /// <summary>Looks for due messages now instead of at the next poll (a turn just enqueued some).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Value.DispatchInBackground)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the pass, so a wake-up during it starts the next pass at once instead of being missed.
            var wake = Volatile.Read(ref _wake);
            if (wake.Task.IsCompleted)
                Interlocked.CompareExchange(ref _wake, NewWake(), wake);
            wake = Volatile.Read(ref _wake);
            var delivered = 0;
            try
            {
                delivered = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                OutboxLog.PollFailed(_logger, exception.GetType().Name);
            }
            // A full batch means more may be due: look again at once.
            if (delivered < _options.Value.BatchSize)
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(wake.Task, Task.Delay(_options.Value.PollInterval, _time, poll.Token));
                await poll.CancelAsync();
            }
        }
    }

    /// <summary>One pass: leases up to a batch of due messages and settles each. Returns how many were leased.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var leases = await _store.LeaseDueAsync(_time.GetUtcNow(), options.LeaseDuration, options.BatchSize, cancellationToken);
        // Messages of one owner go in order (a relay must not overtake itself); different owners go side by side.
        await Task.WhenAll(leases.GroupBy(l => l.Message.Owner).Select(async group =>
        {
            foreach (var lease in group)
                await SettleAsync(lease, options, cancellationToken);
        }));
        return leases.Count;
    }

    private async Task SettleAsync(OutboxLease lease, OutboxOptions options, CancellationToken cancellationToken)
    {
        var message = lease.Message;
        OutboxOutcome outcome;
        string reason;
        if (!_handlers.TryGetValue(message.Kind, out var handler))
        {
            OutboxLog.NoHandler(_logger, message.Kind);
            outcome = OutboxOutcome.Retry(options.MaxBackoff);
            reason = "no handler";
        }
        else
        {
            try
            {
                outcome = await handler.DeliverAsync(lease, cancellationToken);
                reason = "refused";
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The type, never the message: it may quote the payload or a remote answer.
                outcome = OutboxOutcome.Retry();
                reason = exception.GetType().Name;
            }
        }

        bool kept;
        if (outcome.IsDone)
        {
            kept = await _store.CompleteAsync(lease, CancellationToken.None);
            if (kept && _logger.IsEnabled(LogLevel.Information))
                OutboxLog.Delivered(_logger, message.Kind, _pseudonyms.LogId(message.Owner), lease.Attempt);
        }
        else
        {
            var delay = outcome.RetryAfter is { } asked ? Min(asked, options.MaxBackoff) : Backoff(lease.Attempt, options);
            kept = await _store.RescheduleAsync(lease, _time.GetUtcNow() + delay, CancellationToken.None);
            if (kept && _logger.IsEnabled(LogLevel.Warning))
                OutboxLog.WillRetry(_logger, message.Kind, _pseudonyms.LogId(message.Owner), lease.Attempt, reason, delay.TotalSeconds);
        }
        if (!kept)
            OutboxLog.LeaseLost(_logger, message.Kind);
    }

    /// <summary>Doubling from the first backoff, capped, less a random jitter of up to a fifth so instances spread out.</summary>
    internal static TimeSpan Backoff(int attempt, OutboxOptions options)
    {
        var doubled = options.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 - (Random.Shared.NextDouble() / 5)));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
