using System.Collections.Concurrent;
using System.Globalization;

namespace BotProtocol.State;

/// <summary>A process-local store for tests and throwaway runs; same ETag rules as the durable stores.</summary>
public sealed class InMemoryConversationStore(TimeProvider? time = null) : IConversationStore
{
    private readonly ConcurrentDictionary<string, StoreItem> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _version;

    public int Count => _items.Count;

    public ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_items.TryGetValue(key, out var item) ? item : null);

    public ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
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
        return ValueTask.FromResult(etag);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _items.TryRemove(key, out _);
        _written.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (key, written) in _written)
        {
            // Only the write seen here is removed: a turn that wrote since keeps its document.
            if (written < cutoff && _written.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, written)))
            {
                _items.TryRemove(key, out _);
                removed++;
            }
        }
        return ValueTask.FromResult(removed);
    }
}
