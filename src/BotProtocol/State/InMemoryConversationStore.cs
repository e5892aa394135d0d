using System.Collections.Concurrent;
using System.Globalization;

namespace BotProtocol.State;

/// <summary>A process-local store for tests and throwaway runs; same ETag rules as the durable stores.</summary>
public sealed class InMemoryConversationStore(TimeProvider? time = null) : IConversationStore
{
    private readonly ConcurrentDictionary<string, StoreItem> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, OutboxEntry> _outbox = new(StringComparer.Ordinal);
    private readonly Lock _outboxLock = new();
    private long _version;

    public int Count => _items.Count;

    /// <summary>Messages not yet delivered.</summary>
    public int OutboxCount
    {
        get
        {
            lock (_outboxLock)
                return _outbox.Count;
        }
    }

    public ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_items.TryGetValue(key, out var item) ? item : null);

    public ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<OutboxMessage> outgoing, CancellationToken cancellationToken)
    {
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        var item = new StoreItem(data.ToArray(), etag);
        if (expectedETag is null)
        {
            if (!_items.TryAdd(key, item))
                throw new ETagConflictException();
        }
        else if (expectedETag == StoreItem.AnyETag)
        {
            _items[key] = item;
        }
        else if (!_items.TryGetValue(key, out var current) || current.ETag != expectedETag || !_items.TryUpdate(key, item, current))
        {
            throw new ETagConflictException();
        }
        _written[key] = _time.GetUtcNow();
        // Not atomic with the document as the durable stores are; this store is for tests and throwaway runs.
        foreach (var message in outgoing)
            Add(message);
        return ValueTask.FromResult(etag);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _items.TryRemove(key, out _);
        _written.TryRemove(key, out _);
        lock (_outboxLock)
        {
            foreach (var id in _outbox.Where(e => e.Value.Message.Owner == key).Select(e => e.Key).ToList())
                _outbox.Remove(id);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (key, written) in _written)
        {
            // Only the write seen here is removed: a turn that wrote since keeps its document.
            if (written < cutoff && !key.StartsWith(StoreItem.KeptPrefix, StringComparison.Ordinal)
                && _written.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, written)))
            {
                _items.TryRemove(key, out _);
                removed++;
            }
        }
        lock (_outboxLock)
        {
            foreach (var id in _outbox.Where(e => e.Value.EnqueuedAt < cutoff).Select(e => e.Key).ToList())
                _outbox.Remove(id);
        }
        return ValueTask.FromResult(removed);
    }

    public ValueTask<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Add(message));

    public ValueTask<IReadOnlyList<OutboxLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var leases = new List<OutboxLease>();
        lock (_outboxLock)
        {
            var due = _outbox.Values
                .Where(e => e.Message.DueAt <= now && (e.Lease is null || e.Lease.LeasedUntil <= now))
                .OrderBy(e => e.Message.DueAt)
                .Take(max)
                .ToList();
            foreach (var entry in due)
            {
                var lease = new OutboxLease(entry.Message, entry.Attempts + 1, token, now + leaseFor);
                _outbox[entry.Message.Id] = entry with { Attempts = lease.Attempt, Lease = lease };
                leases.Add(lease);
            }
        }
        return ValueTask.FromResult<IReadOnlyList<OutboxLease>>(leases);
    }

    public ValueTask<bool> CompleteAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        lock (_outboxLock)
        {
            if (!Holds(lease))
                return ValueTask.FromResult(false);
            _outbox.Remove(lease.Message.Id);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> RescheduleAsync(OutboxLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        lock (_outboxLock)
        {
            if (!Holds(lease))
                return ValueTask.FromResult(false);
            var entry = _outbox[lease.Message.Id];
            _outbox[lease.Message.Id] = entry with { Message = entry.Message with { DueAt = dueAt }, Lease = null };
            return ValueTask.FromResult(true);
        }
    }

    private bool Add(OutboxMessage message)
    {
        lock (_outboxLock)
            return _outbox.TryAdd(message.Id, new OutboxEntry(message with { Payload = message.Payload.ToArray() }, 0, null, _time.GetUtcNow()));
    }

    private bool Holds(OutboxLease lease) =>
        _outbox.TryGetValue(lease.Message.Id, out var entry) && entry.Lease?.Token == lease.Token;

    private sealed record OutboxEntry(OutboxMessage Message, int Attempts, OutboxLease? Lease, DateTimeOffset EnqueuedAt);
}
