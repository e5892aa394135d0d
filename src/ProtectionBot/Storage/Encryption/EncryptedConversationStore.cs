using System.Buffers.Binary;
using System.Text;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;

namespace ProtectionBot.Storage.Encryption;

/// <summary>
/// Seals what any store keeps (documents and work item payloads, which hold the person's answers and case summaries)
/// before it leaves the process, and opens it on the way back, so neither a copied database file nor a database
/// administrator reads a defender's words. Work item ids are stored as their keyed pseudonym: they are made of
/// whatever identifies the event (a WhatsApp message id, which begins with the sender's phone number; an activity id),
/// and only need to be unique. ETags, document keys, owners and times pass through: the store still needs them.
/// </summary>
/// Every backend is reached through this layer, so it is also where store operations are counted.
internal sealed partial class EncryptedConversationStore(
    IConversationStore inner, IWorkQueue queue, IRetention retention, StorageKeyRing keys, Pseudonyms pseudonyms,
    ILogger<EncryptedConversationStore> logger, StorageMetrics? metrics = null)
    : IConversationStore, IWorkQueue, IRetention, IDisposable, IAsyncDisposable
{
    /// <summary>Over a backend that keeps documents, work and retention together, as each of ours does.</summary>
    public static EncryptedConversationStore Over<TBackend>(
        TBackend backend, StorageKeyRing keys, Pseudonyms pseudonyms, ILogger<EncryptedConversationStore> logger, StorageMetrics? metrics = null)
        where TBackend : IConversationStore, IWorkQueue, IRetention =>
        new(backend, backend, backend, keys, pseudonyms, logger, metrics);

    public async ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        metrics?.DocumentRead();
        var item = await inner.ReadAsync(key, cancellationToken);
        if (item is null || item.IsUnreadable)
            return item;
        var opened = keys.Open(item.Data.Span, DocumentPurpose(key));
        if (opened.Plaintext is { } plaintext)
            return new StoreItem(plaintext, item.ETag);
        LogUnreadableDocument(pseudonyms.LogId(key), opened.Failure!.Value);
        return new StoreItem(ReadOnlyMemory<byte>.Empty, item.ETag) { IsUnreadable = true };
    }

    public ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken)
    {
        metrics?.DocumentWritten();
        if (work.Count > 0)
            metrics?.WorkOperation("enqueue");
        return inner.WriteAsync(key, keys.Seal(data.Span, DocumentPurpose(key)), expectedETag, work.Count == 0 ? [] : [.. work.Select(Seal)], cancellationToken);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        metrics?.DocumentDeleted();
        return inner.DeleteAsync(key, cancellationToken);
    }

    public ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        retention.DeleteWrittenBeforeAsync(cutoff, cancellationToken);

    public ValueTask<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken)
    {
        metrics?.WorkOperation("enqueue");
        return queue.EnqueueAsync(Seal(item), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<WorkLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        metrics?.WorkOperation("lease");
        var leases = await queue.LeaseDueAsync(now, leaseFor, max, cancellationToken);
        var opened = new List<WorkLease>(leases.Count);
        foreach (var lease in leases)
        {
            var item = lease.Item;
            var result = keys.Open(item.Payload.Span, ItemPurpose(item));
            if (result.Plaintext is { } sealedIdAndPayload)
            {
                var idLength = BinaryPrimitives.ReadUInt16BigEndian(sealedIdAndPayload);
                var id = Encoding.UTF8.GetString(sealedIdAndPayload, 2, idLength);
                opened.Add(lease with { Item = item with { Id = id, Payload = sealedIdAndPayload.AsMemory(2 + idLength) } });
                continue;
            }
            // Queued before ids were stored as pseudonyms: the id is in clear and the payload alone was sealed.
            if (keys.Open(item.Payload.Span, LegacyItemPurpose(item)).Plaintext is { } legacyPayload)
            {
                opened.Add(lease with { Item = item with { Payload = legacyPayload } });
                continue;
            }
            // Handing a handler bytes it cannot trust helps no one. The item stays leased, so it comes back only when
            // the lease runs out (a missing previous key may have been restored by then); retention erases it in the end.
            LogUnreadableItem(item.Kind, pseudonyms.LogId(item.Owner), result.Failure!.Value);
        }
        return opened;
    }

    public async ValueTask<bool> CompleteAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        metrics?.WorkOperation("complete");
        return await queue.CompleteAsync(Stored(lease), cancellationToken) || await queue.CompleteAsync(lease, cancellationToken);
    }

    public async ValueTask<bool> RescheduleAsync(WorkLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        metrics?.WorkOperation("reschedule");
        return await queue.RescheduleAsync(Stored(lease), dueAt, cancellationToken) || await queue.RescheduleAsync(lease, dueAt, cancellationToken);
    }

    // The backend is one object behind all three contracts (see Over); a test may give three.
    public void Dispose()
    {
        foreach (var part in new object[] { inner, queue, retention }.Distinct())
            (part as IDisposable)?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var part in new object[] { inner, queue, retention }.Distinct())
            await DisposeAsync(part);
    }

    private static async ValueTask DisposeAsync(object part)
    {
        switch (part)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>The row keeps the id's pseudonym; the id itself travels sealed, ahead of the payload (2-byte length, UTF-8).</summary>
    private WorkItem Seal(WorkItem item)
    {
        var stored = item with { Id = pseudonyms.Of(item.Id) };
        var id = Encoding.UTF8.GetBytes(item.Id);
        if (id.Length > ushort.MaxValue)
            throw new ArgumentException("A work item id is at most 65535 bytes.", nameof(item));
        var plaintext = new byte[2 + id.Length + item.Payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(plaintext, (ushort)id.Length);
        id.CopyTo(plaintext, 2);
        item.Payload.Span.CopyTo(plaintext.AsSpan(2 + id.Length));
        return stored with { Payload = keys.Seal(plaintext, ItemPurpose(stored)) };
    }

    /// <summary>
    /// The lease as the store holds it, under the id's pseudonym. An item queued before pseudonyms has its id in
    /// clear: completing or rescheduling then falls back to the lease as it is.
    /// </summary>
    private WorkLease Stored(WorkLease lease) => lease with { Item = lease.Item with { Id = pseudonyms.Of(lease.Item.Id) } };

    // The row a value belongs to is part of what is authenticated: a document moved under another conversation's key,
    // or a payload moved to another item, kind or owner, no longer opens. "outbox" is the queue's name when these
    // purposes were fixed: items sealed since must keep opening, so it stays.
    private static string DocumentPurpose(string key) => "document\n" + key;

    private static string ItemPurpose(WorkItem item) => $"outbox v2\n{item.Id}\n{item.Kind}\n{item.Owner}";

    private static string LegacyItemPurpose(WorkItem item) => $"outbox\n{item.Id}\n{item.Kind}\n{item.Owner}";

    [LoggerMessage(EventId = LogEvents.Storage.UnreadableDocument, Level = LogLevel.Error,
        Message = "Storage: the document of conversation {ConversationHash} cannot be opened ({Failure}); it reads as unreadable")]
    private partial void LogUnreadableDocument(string conversationHash, OpenFailure failure);

    [LoggerMessage(EventId = LogEvents.Storage.UnreadableItem, Level = LogLevel.Error,
        Message = "Storage: a {Kind} work item of conversation {ConversationHash} cannot be opened ({Failure}); it is not worked on")]
    private partial void LogUnreadableItem(string kind, string conversationHash, OpenFailure failure);
}
