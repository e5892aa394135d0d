using System.Buffers.Binary;
using System.Text;
using BotProtocol.State;
using BotProtocol.Turns;

namespace ProtectionBot.Storage.Encryption;

/// <summary>
/// Seals what any store keeps (documents and outbox payloads, which hold the person's answers and case summaries)
/// before it leaves the process, and opens it on the way back, so neither a copied database file nor a database
/// administrator reads a defender's words. Outbox message ids are stored as their keyed pseudonym: they are made of
/// whatever identifies the event (a WhatsApp message id, which begins with the sender's phone number; an activity id),
/// and only need to be unique. ETags, document keys, owners and times pass through: the store still needs them.
/// </summary>
/// Every backend is reached through this layer, so it is also where store operations are counted.
internal sealed partial class EncryptedConversationStore(
    IConversationStore inner, StorageKeyRing keys, Pseudonyms pseudonyms, ILogger<EncryptedConversationStore> logger, StorageMetrics? metrics = null)
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
        LogUnreadableDocument(pseudonyms.LogId(key), opened.Failure!.Value);
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
            if (result.Plaintext is { } sealedIdAndPayload)
            {
                var idLength = BinaryPrimitives.ReadUInt16BigEndian(sealedIdAndPayload);
                var id = Encoding.UTF8.GetString(sealedIdAndPayload, 2, idLength);
                opened.Add(lease with { Message = message with { Id = id, Payload = sealedIdAndPayload.AsMemory(2 + idLength) } });
                continue;
            }
            // Queued before ids were stored as pseudonyms: the id is in clear and the payload alone was sealed.
            if (keys.Open(message.Payload.Span, LegacyOutboxPurpose(message)).Plaintext is { } legacyPayload)
            {
                opened.Add(lease with { Message = message with { Payload = legacyPayload } });
                continue;
            }
            // Handing a handler bytes it cannot trust helps no one. The message stays leased, so it comes back only when
            // the lease runs out (a missing previous key may have been restored by then); retention erases it in the end.
            LogUnreadableMessage(message.Kind, pseudonyms.LogId(message.Owner), result.Failure!.Value);
        }
        return opened;
    }

    public async ValueTask<bool> CompleteAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        metrics?.OutboxOperation("complete");
        return await inner.CompleteAsync(Stored(lease), cancellationToken) || await inner.CompleteAsync(lease, cancellationToken);
    }

    public async ValueTask<bool> RescheduleAsync(OutboxLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        metrics?.OutboxOperation("reschedule");
        return await inner.RescheduleAsync(Stored(lease), dueAt, cancellationToken) || await inner.RescheduleAsync(lease, dueAt, cancellationToken);
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

    /// <summary>The row keeps the id's pseudonym; the id itself travels sealed, ahead of the payload (2-byte length, UTF-8).</summary>
    private OutboxMessage Seal(OutboxMessage message)
    {
        var stored = message with { Id = pseudonyms.Of(message.Id) };
        var id = Encoding.UTF8.GetBytes(message.Id);
        if (id.Length > ushort.MaxValue)
            throw new ArgumentException("An outbox message id is at most 65535 bytes.", nameof(message));
        var plaintext = new byte[2 + id.Length + message.Payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(plaintext, (ushort)id.Length);
        id.CopyTo(plaintext, 2);
        message.Payload.Span.CopyTo(plaintext.AsSpan(2 + id.Length));
        return stored with { Payload = keys.Seal(plaintext, OutboxPurpose(stored)) };
    }

    /// <summary>
    /// The lease as the store holds it, under the id's pseudonym. A message queued before pseudonyms has its id in
    /// clear: completing or rescheduling then falls back to the lease as it is.
    /// </summary>
    private OutboxLease Stored(OutboxLease lease) => lease with { Message = lease.Message with { Id = pseudonyms.Of(lease.Message.Id) } };

    // The row a value belongs to is part of what is authenticated: a document moved under another conversation's key,
    // or a payload moved to another message, kind or owner, no longer opens.
    private static string DocumentPurpose(string key) => "document\n" + key;

    private static string OutboxPurpose(OutboxMessage message) => $"outbox v2\n{message.Id}\n{message.Kind}\n{message.Owner}";

    private static string LegacyOutboxPurpose(OutboxMessage message) => $"outbox\n{message.Id}\n{message.Kind}\n{message.Owner}";

    [LoggerMessage(EventId = 1500, Level = LogLevel.Error,
        Message = "Storage: the document of conversation {ConversationHash} cannot be opened ({Failure}); it reads as unreadable")]
    private partial void LogUnreadableDocument(string conversationHash, OpenFailure failure);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error,
        Message = "Storage: a {Kind} outbox message of conversation {ConversationHash} cannot be opened ({Failure}); it is not delivered")]
    private partial void LogUnreadableMessage(string kind, string conversationHash, OpenFailure failure);
}
