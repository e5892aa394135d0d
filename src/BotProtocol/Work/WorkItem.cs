namespace BotProtocol.Work;

/// <summary>
/// Work the bot does outside the request that brought it: a message received from a channel whose turn runs after the
/// channel was answered, a card into a caseworker's channel, a proactive message, a timer. Kept in the same store as
/// the conversation until it is done.
/// </summary>
/// <param name="Id">Unique key: enqueuing an id already waiting keeps the first, which makes redeliveries harmless.</param>
/// <param name="Kind">Selects the <see cref="IWorkHandler"/> that does it.</param>
/// <param name="Owner">
/// The state key of the conversation it belongs to: erasing that conversation erases what it has not yet done.
/// </param>
/// <param name="Payload">Opaque to the store; may hold personal data, so stores encrypt it as they do documents.</param>
/// <param name="DueAt">Not done before this instant (a timer is an item due later).</param>
public sealed record WorkItem(string Id, string Kind, string Owner, ReadOnlyMemory<byte> Payload, DateTimeOffset DueAt)
{
    /// <summary>
    /// Received from outside (a channel's webhook), where the sender redelivers what it thinks was lost: once done,
    /// the id is still known (the payload is not) until the retention limit, so a late redelivery is refused instead of
    /// worked again. Work the bot gives itself is forgotten once done, since a later step may enqueue the same id anew
    /// (a case card updated to the same outcome twice). Default false.
    /// </summary>
    public bool Inbound { get; init; }
}

/// <summary>
/// An item handed to one worker until <see cref="LeasedUntil"/>. If that worker dies, the lease runs out and
/// another instance takes the item again; <see cref="Token"/> stops the late one from completing it twice.
/// </summary>
/// <param name="Attempt">1 for the first attempt, counting attempts whose worker died.</param>
public sealed record WorkLease(WorkItem Item, int Attempt, string Token, DateTimeOffset LeasedUntil);

/// <summary>
/// The work queue every instance works through: items enqueued by turns (with their document, see
/// <see cref="State.IConversationStore"/>) or on their own, leased by one worker at a time, done or tried again later.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A durable queue of work, not a collection type.")]
public interface IWorkQueue
{
    /// <summary>
    /// Adds an item outside any turn. Returns false when an item with that id is waiting already, or is an
    /// <see cref="WorkItem.Inbound"/> item done within the retention limit.
    /// </summary>
    ValueTask<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> items that are due at <paramref name="now"/> and not leased by anyone
    /// else, earliest first, for <paramref name="leaseFor"/>. Two callers never get the same item at once.
    /// </summary>
    ValueTask<IReadOnlyList<WorkLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>Marks a leased item done. Returns false when the lease was lost (it ran out and someone else holds it).</summary>
    ValueTask<bool> CompleteAsync(WorkLease lease, CancellationToken cancellationToken);

    /// <summary>Releases the item to be tried again at <paramref name="dueAt"/>. Returns false when the lease was lost.</summary>
    ValueTask<bool> RescheduleAsync(WorkLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken);
}
