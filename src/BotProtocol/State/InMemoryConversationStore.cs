using System.Collections.Concurrent;
using System.Globalization;

namespace BotProtocol.State;

/// <summary>A process-local store for tests and throwaway runs; same ETag rules as the durable stores.</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<string, StoreItem> _items = new(StringComparer.Ordinal);
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
        return ValueTask.FromResult(etag);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _items.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}
