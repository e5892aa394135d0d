namespace BotProtocol.State;

/// <summary>
/// The storage contract: opaque bytes per key with an ETag for optimistic concurrency.
/// A turn reads its conversation's document once and writes it once.
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
    ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Removes the document so that nothing of it can be read back. Deleting a missing key is not an error.</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Removes, as <see cref="DeleteAsync"/> does, every document last written before <paramref name="cutoff"/>:
    /// the retention limit. Returns how many were removed.
    /// </summary>
    ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

public sealed record StoreItem(ReadOnlyMemory<byte> Data, string ETag)
{
    public const string AnyETag = "*";
}

public sealed class ETagConflictException(string message) : Exception(message)
{
    public ETagConflictException() : this("The stored document changed since it was read.") { }

    public ETagConflictException(string message, Exception innerException) : this(message) => _ = innerException;
}
