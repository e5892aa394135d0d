using BotProtocol.State;

namespace BotProtocol.Outbox;

/// <summary>Delivers the outbox messages of one <see cref="Kind"/>: a card to Teams, a WhatsApp message, a timer.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    /// <summary>
    /// Delivers the leased message. An exception counts as a failed attempt and the message is retried with backoff;
    /// a handler that will never succeed (the recipient is gone) returns <see cref="OutboxOutcome.Done"/> after
    /// doing whatever telling someone takes.
    /// </summary>
    Task<OutboxOutcome> DeliverAsync(OutboxLease lease, CancellationToken cancellationToken);
}

/// <summary>What became of one delivery attempt.</summary>
public readonly record struct OutboxOutcome(bool IsDone, TimeSpan? RetryAfter)
{
    /// <summary>Delivered, or settled otherwise: the message leaves the outbox.</summary>
    public static OutboxOutcome Done => new(true, null);

    /// <summary>Try again later: after <paramref name="delay"/> when the recipient said so (Retry-After), else with backoff.</summary>
    public static OutboxOutcome Retry(TimeSpan? delay = null) => new(false, delay);
}
