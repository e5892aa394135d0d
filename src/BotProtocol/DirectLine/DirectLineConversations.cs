using System.Collections.Concurrent;
using System.Globalization;
using BotProtocol.Schema;
using BotProtocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// The conversations the local Direct Line knows, in memory: at most <see cref="DirectLineOptions.MaxConversations"/>,
/// each forgotten after <see cref="DirectLineOptions.ConversationIdleTimeout"/> without a post. The bot's own state is
/// in the conversation store; this only holds what clients still have to read.
/// </summary>
internal sealed class DirectLineConversations : IDisposable
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _startGate = new();
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectLineConversations> _logger;
    private readonly ITimer _sweep;

    public DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider time, ILogger<DirectLineConversations> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        var interval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, _options.ConversationIdleTimeout.Ticks / 2));
        _sweep = time.CreateTimer(_ => Sweep(), null, interval, interval);
    }

    public int Count => _conversations.Count;

    /// <summary>The conversation, or null when it was never started or has been forgotten.</summary>
    public DirectLineConversation? Find(string id)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
            return null;
        if (conversation.LastActive >= _time.GetUtcNow() - _options.ConversationIdleTimeout)
            return conversation;
        Forget(conversation);
        return null;
    }

    /// <summary>The conversation with this id, started now if need be; null when the limit is reached.</summary>
    public DirectLineConversation? GetOrStart(string id, out bool started)
    {
        lock (_startGate)
        {
            started = false;
            if (Find(id) is { } existing)
                return existing;
            if (_conversations.Count >= _options.MaxConversations && Sweep() == 0 && _conversations.Count >= _options.MaxConversations)
                return null;
            var conversation = new DirectLineConversation(id, _options.MaxActivitiesPerConversation, _time);
            _conversations[id] = conversation;
            started = true;
            return conversation;
        }
    }

    /// <summary>Forgets every conversation idle for too long; returns how many.</summary>
    public int Sweep()
    {
        var cutoff = _time.GetUtcNow() - _options.ConversationIdleTimeout;
        var forgotten = 0;
        foreach (var conversation in _conversations.Values)
        {
            if (conversation.LastActive < cutoff && Forget(conversation))
                forgotten++;
        }
        if (forgotten > 0)
            DirectLineLog.ConversationsExpired(_logger, forgotten, _conversations.Count);
        return forgotten;
    }

    private bool Forget(DirectLineConversation conversation)
    {
        if (!_conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
            return false;
        conversation.End();
        return true;
    }

    public void Dispose()
    {
        _sweep.Dispose();
        foreach (var conversation in _conversations.Values)
            conversation.End();
        _conversations.Clear();
    }
}

/// <summary>
/// One conversation's activity log as clients read it: every activity gets the next sequence number, its id is
/// <c>{conversationId}|{sequence:D7}</c> and the watermark is the sequence of the last activity a client has.
/// The log keeps the latest <c>max</c> activities.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213:Disposable fields should be disposed", Justification = "No timer: a cancellation source without one holds nothing to release.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "No timer: a cancellation source without one holds nothing to release.")]
internal sealed class DirectLineConversation
{
    private const int MaxPendingStreamUrls = 4;

    private readonly Lock _gate = new();
    private readonly Queue<(long Sequence, Activity Activity)> _log = new();
    private readonly Dictionary<string, DateTimeOffset> _streamNonces = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _ended = new();
    private readonly int _max;
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stream;
    private long _sequence;
    private DateTimeOffset _lastTimestamp;
    private long _lastActiveTicks;

    public DirectLineConversation(string id, int max, TimeProvider time)
    {
        Id = id;
        _max = max;
        _time = time;
        Touch();
    }

    public string Id { get; }

    /// <summary>Hash of the id, for logs.</summary>
    public string LogId => LogIds.Hash(Id);

    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    /// <summary>Cancelled when the conversation is forgotten: streams close, waits end.</summary>
    public CancellationToken Ended => _ended.Token;

    public void Touch() => Interlocked.Exchange(ref _lastActiveTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Adds an activity with the next id and a timestamp later than every earlier one; returns it as stored.</summary>
    public (Activity Activity, long Sequence) Append(Activity activity)
    {
        lock (_gate)
        {
            var sequence = ++_sequence;
            var now = _time.GetUtcNow();
            _lastTimestamp = now > _lastTimestamp ? now : _lastTimestamp.AddTicks(1);
            var stored = activity with
            {
                Id = Id + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture),
                Timestamp = _lastTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            };
            _log.Enqueue((sequence, stored));
            while (_log.Count > _max)
                _log.Dequeue();
            SignalLocked();
            return (stored, sequence);
        }
    }

    /// <summary>
    /// What a client with <paramref name="watermark"/> has not seen yet, and the new watermark. <c>typing</c> is only
    /// for streams (Direct Line 3.0 delivers it on WebSocket only).
    /// </summary>
    public (List<Activity> Activities, long Watermark) ReadAfter(long watermark, bool includeTyping)
    {
        lock (_gate)
        {
            var activities = _log
                .Where(entry => entry.Sequence > watermark && (includeTyping || !entry.Activity.IsType(ActivityTypes.Typing)))
                .Select(entry => entry.Activity)
                .ToList();
            return (activities, Math.Max(watermark, _sequence));
        }
    }

    /// <summary>Completes at the next append or erasure.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
#pragma warning disable VSTHRD003 // A signal completed by whoever appends next, never by a job that could wait on the caller.
                return _changed.Task;
#pragma warning restore VSTHRD003
            }
        }
    }

    /// <summary>Drops every activity before <paramref name="sequence"/>: what was said is gone from memory too.</summary>
    public void EraseBefore(long sequence)
    {
        lock (_gate)
        {
            var kept = _log.Where(entry => entry.Sequence >= sequence).ToList();
            _log.Clear();
            foreach (var entry in kept)
                _log.Enqueue(entry);
            SignalLocked();
        }
    }

    /// <summary>A single-use credential for one stream URL, valid for <see cref="DirectLineLimits.StreamUrlLifetime"/>.</summary>
    public string IssueStreamNonce()
    {
        var now = _time.GetUtcNow();
        var nonce = DirectLineTokens.NewStreamNonce();
        lock (_gate)
        {
            foreach (var (key, expires) in _streamNonces.ToList())
            {
                if (expires <= now)
                    _streamNonces.Remove(key);
            }
            while (_streamNonces.Count >= MaxPendingStreamUrls)
                _streamNonces.Remove(_streamNonces.MinBy(pair => pair.Value).Key);
            _streamNonces[nonce] = now + DirectLineLimits.StreamUrlLifetime;
        }
        return nonce;
    }

    public bool RedeemStreamNonce(string nonce)
    {
        lock (_gate)
            return _streamNonces.Remove(nonce, out var expires) && expires > _time.GetUtcNow();
    }

    /// <summary>
    /// Makes the caller the conversation's one stream: the previous one (if any) is told to close, as Direct Line closes
    /// an extra socket. The token is cancelled when another stream takes over or the conversation ends.
    /// </summary>
    public CancellationToken TakeStream(out CancellationTokenSource owner)
    {
        lock (_gate)
        {
            _stream?.Cancel();
            _stream = owner = CancellationTokenSource.CreateLinkedTokenSource(_ended.Token);
            return owner.Token;
        }
    }

    public void ReleaseStream(CancellationTokenSource owner)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_stream, owner))
                _stream = null;
        }
        owner.Dispose();
    }

    public void End()
    {
        lock (_gate)
        {
            _log.Clear();
            _streamNonces.Clear();
            SignalLocked();
        }
        _ended.Cancel();
    }

    private void SignalLocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
