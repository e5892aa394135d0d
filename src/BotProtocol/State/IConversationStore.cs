namespace BotProtocol.State;

/// <summary>
/// The storage contract: opaque bytes per key with an ETag for optimistic concurrency, and the outbox of messages
/// still to be delivered. A turn reads its conversation's document once and writes it once, together with the
/// messages it decided to send, so either both are kept or neither is.
/// </summary>
public interface IConversationStore
{
    /// <summary>The stored document, or null when the key has never been written (or was deleted).</summary>
    ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="data"/> and returns the new ETag.
    /// <paramref name="expectedETag"/>: null = the key must not exist yet; <see cref="StoreItem.AnyETag"/> = overwrite
    /// unconditionally; any other value = must equal the stored ETag. Otherwise throws <see cref="ETagConflictException"/>.
    /// </summary>
    ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
        WriteAsync(key, data, expectedETag, [], cancellationToken);

    /// <summary>
    /// As the four-argument write, and in the same transaction adds <paramref name="outgoing"/> to the outbox
    /// (a message whose id is already there is left as it is). A conflict adds nothing.
    /// </summary>
    ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<OutboxMessage> outgoing, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the document, and the outbox messages it owns, so that nothing of them can be read back.
    /// Deleting a missing key is not an error.
    /// </summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Removes, as <see cref="DeleteAsync"/> does, every document last written before <paramref name="cutoff"/>:
    /// the retention limit, and every outbox message enqueued before it. Documents under <see cref="StoreItem.KeptPrefix"/>
    /// are the bot's own content (answers staff added), not anyone's conversation, and are kept. Returns how many
    /// documents were removed.
    /// </summary>
    ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Adds a message outside any turn. Returns false when a message with that id is already there.</summary>
    ValueTask<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> messages that are due at <paramref name="now"/> and not leased by anyone
    /// else, earliest first, for <paramref name="leaseFor"/>. Two callers never get the same message at once.
    /// </summary>
    ValueTask<IReadOnlyList<OutboxLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>Removes a delivered message. Returns false when the lease was lost (it ran out and someone else holds it).</summary>
    ValueTask<bool> CompleteAsync(OutboxLease lease, CancellationToken cancellationToken);

    /// <summary>Releases the message to be tried again at <paramref name="dueAt"/>. Returns false when the lease was lost.</summary>
    ValueTask<bool> RescheduleAsync(OutboxLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken);
}

public sealed record StoreItem(ReadOnlyMemory<byte> Data, string ETag)
{
    public const string AnyETag = "*";

    /// <summary>Keys of documents the retention limit does not apply to: content, not a person's data.</summary>
    public const string KeptPrefix = "content/";

    /// <summary>
    /// The store holds a document under <see cref="ETag"/> but cannot give it back: it fails its integrity check
    /// (altered, or sealed with a key no longer configured). <see cref="Data"/> is then empty; writing with the ETag
    /// replaces the document.
    /// </summary>
    public bool IsUnreadable { get; init; }
}

public sealed class ETagConflictException(string message) : Exception(message)
{
    public ETagConflictException() : this("The stored document changed since it was read.") { }

    public ETagConflictException(string message, Exception innerException) : this(message) => _ = innerException;
}
