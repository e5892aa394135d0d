using System.Collections.Concurrent;
using System.Globalization;
using BotProtocol.Work;

namespace BotProtocol.State;

/// <summary>A process-local store and work queue for tests and throwaway runs; same rules as the durable stores.</summary>
public sealed class InMemoryConversationStore(TimeProvider? time = null) : IConversationStore, IWorkQueue, IRetention
{
    private readonly ConcurrentDictionary<string, StoreItem> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, QueueEntry> _queue = new(StringComparer.Ordinal);
    private readonly Lock _queueLock = new();
    private long _version;

    public int Count => _items.Count;

    /// <summary>Work items not yet done.</summary>
    public int PendingWork
    {
        get
        {
            lock (_queueLock)
                return _queue.Values.Count(e => !e.Done);
        }
    }

    public ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_items.TryGetValue(key, out var item) ? item : null);

    public ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken)
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
        foreach (var workItem in work)
            Add(workItem);
        return ValueTask.FromResult(etag);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _items.TryRemove(key, out _);
        _written.TryRemove(key, out _);
        lock (_queueLock)
        {
            foreach (var id in _queue.Where(e => e.Value.Item.Owner == key).Select(e => e.Key).ToList())
                _queue.Remove(id);
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
        lock (_queueLock)
        {
            foreach (var id in _queue.Where(e => e.Value.EnqueuedAt < cutoff).Select(e => e.Key).ToList())
                _queue.Remove(id);
        }
        return ValueTask.FromResult(removed);
    }

    public ValueTask<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Add(item));

    public ValueTask<IReadOnlyList<WorkLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var leases = new List<WorkLease>();
        lock (_queueLock)
        {
            var due = _queue.Values
                .Where(e => !e.Done && e.Item.DueAt <= now && (e.Lease is null || e.Lease.LeasedUntil <= now))
                .OrderBy(e => e.Item.DueAt)
                .Take(max)
                .ToList();
            foreach (var entry in due)
            {
                var lease = new WorkLease(entry.Item, entry.Attempts + 1, token, now + leaseFor);
                _queue[entry.Item.Id] = entry with { Attempts = lease.Attempt, Lease = lease };
                leases.Add(lease);
            }
        }
        return ValueTask.FromResult<IReadOnlyList<WorkLease>>(leases);
    }

    public ValueTask<bool> CompleteAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        lock (_queueLock)
        {
            if (!Holds(lease))
                return ValueTask.FromResult(false);
            var entry = _queue[lease.Item.Id];
            if (entry.Item.Inbound)
                _queue[lease.Item.Id] = entry with { Item = entry.Item with { Payload = ReadOnlyMemory<byte>.Empty }, Lease = null, Done = true };
            else
                _queue.Remove(lease.Item.Id);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> RescheduleAsync(WorkLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        lock (_queueLock)
        {
            if (!Holds(lease))
                return ValueTask.FromResult(false);
            var entry = _queue[lease.Item.Id];
            _queue[lease.Item.Id] = entry with { Item = entry.Item with { DueAt = dueAt }, Lease = null };
            return ValueTask.FromResult(true);
        }
    }

    private bool Add(WorkItem item)
    {
        lock (_queueLock)
            return _queue.TryAdd(item.Id, new QueueEntry(item with { Payload = item.Payload.ToArray() }, 0, null, _time.GetUtcNow(), Done: false));
    }

    private bool Holds(WorkLease lease) =>
        _queue.TryGetValue(lease.Item.Id, out var entry) && !entry.Done && entry.Lease?.Token == lease.Token;

    private sealed record QueueEntry(WorkItem Item, int Attempts, WorkLease? Lease, DateTimeOffset EnqueuedAt, bool Done);
}
