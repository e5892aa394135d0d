using BotProtocol.Work;

namespace BotProtocol.State;

/// <summary>
/// Conversation documents: opaque bytes per key with an ETag for optimistic concurrency. A turn reads its
/// conversation's document once and writes it once, together with the work it leaves for later (messages to send,
/// timers), so either both are kept or neither is.
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
    /// As the four-argument write, and in the same transaction adds <paramref name="work"/> to the work queue
    /// (<see cref="IWorkQueue.EnqueueAsync"/>'s rules for ids already there). A conflict adds nothing.
    /// </summary>
    ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the document, and the work items it owns, so that nothing of them can be read back.
    /// Deleting a missing key is not an error.
    /// </summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The retention limit: what the privacy notice promises is erased, and when.</summary>
public interface IRetention
{
    /// <summary>
    /// Removes, as <see cref="IConversationStore.DeleteAsync"/> does, every document last written before
    /// <paramref name="cutoff"/>, and every work item enqueued before it. Documents under <see cref="StoreItem.KeptPrefix"/>
    /// are the bot's own content (answers staff added), not anyone's conversation, and are kept. Returns how many
    /// documents were removed.
    /// </summary>
    ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
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
