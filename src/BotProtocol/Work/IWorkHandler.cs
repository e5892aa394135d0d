namespace BotProtocol.Work;

/// <summary>Does the work items of one <see cref="Kind"/>: run a received WhatsApp message's turn, post a card to Teams, fire a timer.</summary>
public interface IWorkHandler
{
    string Kind { get; }

    /// <summary>
    /// Does the leased item. An exception counts as a failed attempt and the item is retried with backoff;
    /// a handler that will never succeed (the recipient is gone) returns <see cref="WorkOutcome.Done"/> after
    /// doing whatever telling someone takes.
    /// </summary>
    Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken);
}

/// <summary>What became of one attempt.</summary>
public readonly record struct WorkOutcome(bool IsDone, TimeSpan? RetryAfter)
{
    /// <summary>Done, or settled otherwise: the item leaves the queue.</summary>
    public static WorkOutcome Done => new(true, null);

    /// <summary>Try again later: after <paramref name="delay"/> when the other side said so (Retry-After), else with backoff.</summary>
    public static WorkOutcome Retry(TimeSpan? delay = null) => new(false, delay);
}
