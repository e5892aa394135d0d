using BotProtocol.State;
using BotProtocol.Turns;

namespace ProtectionBot.Storage.Encryption;

/// <summary>
/// Seals what any store keeps (documents and outbox payloads, which hold the person's answers and case summaries)
/// before it leaves the process, and opens it on the way back, so neither a copied database file nor a database
/// administrator reads a defender's words. ETags, keys, owners and times pass through: the store still needs them.
/// </summary>
/// Every backend is reached through this layer, so it is also where store operations are counted.
internal sealed partial class EncryptedConversationStore(
    IConversationStore inner, StorageKeyRing keys, ILogger<EncryptedConversationStore> logger, StorageMetrics? metrics = null)
    : IConversationStore, IDisposable, IAsyncDisposable
{
    public async ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        metrics?.DocumentRead();
        var item = await inner.ReadAsync(key, cancellationToken);
        if (item is null || item.IsUnreadable)
            return item;
        var opened = keys.Open(item.Data.Span, DocumentPurpose(key));
        if (opened.Plaintext is { } plaintext)
            return new StoreItem(plaintext, item.ETag);
        LogUnreadableDocument(LogIds.Hash(key), opened.Failure!.Value);
        return new StoreItem(ReadOnlyMemory<byte>.Empty, item.ETag) { IsUnreadable = true };
    }

    public ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<OutboxMessage> outgoing, CancellationToken cancellationToken)
    {
        metrics?.DocumentWritten();
        if (outgoing.Count > 0)
            metrics?.OutboxOperation("enqueue");
        return inner.WriteAsync(key, keys.Seal(data.Span, DocumentPurpose(key)), expectedETag, outgoing.Count == 0 ? [] : [.. outgoing.Select(Seal)], cancellationToken);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        metrics?.DocumentDeleted();
        return inner.DeleteAsync(key, cancellationToken);
    }

    public ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        inner.DeleteWrittenBeforeAsync(cutoff, cancellationToken);

    public ValueTask<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        metrics?.OutboxOperation("enqueue");
        return inner.EnqueueAsync(Seal(message), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<OutboxLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        metrics?.OutboxOperation("lease");
        var leases = await inner.LeaseDueAsync(now, leaseFor, max, cancellationToken);
        var opened = new List<OutboxLease>(leases.Count);
        foreach (var lease in leases)
        {
            var message = lease.Message;
            var result = keys.Open(message.Payload.Span, OutboxPurpose(message));
            if (result.Plaintext is { } payload)
            {
                opened.Add(lease with { Message = message with { Payload = payload } });
                continue;
            }
            // Handing a handler bytes it cannot trust helps no one. The message stays leased, so it comes back only when
            // the lease runs out (a missing previous key may have been restored by then); retention erases it in the end.
            LogUnreadableMessage(message.Kind, LogIds.Hash(message.Owner), result.Failure!.Value);
        }
        return opened;
    }

    public ValueTask<bool> CompleteAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        metrics?.OutboxOperation("complete");
        return inner.CompleteAsync(lease, cancellationToken);
    }

    public ValueTask<bool> RescheduleAsync(OutboxLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        metrics?.OutboxOperation("reschedule");
        return inner.RescheduleAsync(lease, dueAt, cancellationToken);
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    public async ValueTask DisposeAsync()
    {
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private OutboxMessage Seal(OutboxMessage message) => message with { Payload = keys.Seal(message.Payload.Span, OutboxPurpose(message)) };

    // The row a value belongs to is part of what is authenticated: a document moved under another conversation's key,
    // or a payload moved to another message, kind or owner, no longer opens.
    private static string DocumentPurpose(string key) => "document\n" + key;

    private static string OutboxPurpose(OutboxMessage message) => $"outbox\n{message.Id}\n{message.Kind}\n{message.Owner}";

    [LoggerMessage(EventId = 1500, Level = LogLevel.Error,
        Message = "Storage: the document of conversation {ConversationHash} cannot be opened ({Failure}); it reads as unreadable")]
    private partial void LogUnreadableDocument(string conversationHash, OpenFailure failure);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error,
        Message = "Storage: a {Kind} outbox message of conversation {ConversationHash} cannot be opened ({Failure}); it is not delivered")]
    private partial void LogUnreadableMessage(string kind, string conversationHash, OpenFailure failure);
}
