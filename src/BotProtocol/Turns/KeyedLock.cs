namespace BotProtocol.Turns;

/// <summary>
/// One async lock per key, created on demand and dropped when nobody holds or waits for it,
/// so idle conversations cost no memory.
/// </summary>
internal sealed class KeyedLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int HeldOrAwaited
    {
        get { lock (_entries) return _entries.Count; }
    }

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
                _entries[key] = entry = new Entry();
            entry.References++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(key, entry, wasHeld: false);
            throw;
        }
        return new Releaser(this, key, entry);
    }

    private void Release(string key, Entry entry, bool wasHeld)
    {
        lock (_entries)
        {
            if (--entry.References == 0)
                _entries.Remove(key);
        }
        if (wasHeld)
            entry.Semaphore.Release();
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int References { get; set; }
    }

    private sealed class Releaser(KeyedLock owner, string key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Release(key, entry, wasHeld: true);
        }
    }
}
