using System.Collections.Concurrent;
using System.Globalization;
using BotProtocol.Schema;
using BotProtocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// The conversations the local Direct Line knows, in memory: at most <see cref="DirectLineOptions.MaxConversations"/>,
/// at most <see cref="DirectLineOptions.MaxConversationsPerClient"/> per client, each forgotten after
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/> without a post (sooner,
/// <see cref="DirectLineOptions.UnusedConversationTimeout"/>, when no client ever posted to it). When every slot is
/// taken a start still gets in by displacing the conversation that matters least, so whoever grabs slots cannot keep a
/// defender out. The bot's own state is in the conversation store; this only holds what clients still have to read.
/// </summary>
internal sealed class DirectLineConversations : IDisposable
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly Lock _startGate = new();
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly Pseudonyms _pseudonyms;
    private readonly ILogger<DirectLineConversations> _logger;
    private readonly ITimer _sweep;

    public DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider time, Pseudonyms pseudonyms, ILogger<DirectLineConversations> logger)
    {
        _pseudonyms = pseudonyms;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var interval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, _options.UnusedConversationTimeout.Ticks / 2));
        _sweep = time.CreateTimer(_ => Sweep(), null, interval, interval);
    }

    public int Count => _conversations.Count;

    /// <summary>The conversation, or null when it was never started or has been forgotten.</summary>
    public DirectLineConversation? Find(string id)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
            return null;
        if (!IsExpired(conversation, _time.GetUtcNow()))
            return conversation;
        Forget(conversation);
        return null;
    }

    /// <summary>
    /// The conversation with this id, started now for <paramref name="client"/> if need be; null (with why) when the
    /// client already holds its share, or every slot is held by clients with one conversation each.
    /// </summary>
    public DirectLineConversation? GetOrStart(string id, string client, out bool started, out string? refusal)
    {
        lock (_startGate)
        {
            started = false;
            refusal = null;
            if (Find(id) is { } existing)
                return existing;
            if (_perClient.GetValueOrDefault(client) >= _options.MaxConversationsPerClient)
            {
                refusal = "this client holds its share of conversations";
                return null;
            }
            if (_conversations.Count >= _options.MaxConversations && Sweep() == 0 && _conversations.Count >= _options.MaxConversations && !MakeRoom())
            {
                refusal = "every slot is held, one per client";
                return null;
            }
            var conversation = new DirectLineConversation(id, _pseudonyms.LogId(id), client, _options.MaxActivitiesPerConversation, _time);
            _conversations[id] = conversation;
            _perClient.AddOrUpdate(client, 1, (_, held) => held + 1);
            started = true;
            return conversation;
        }
    }

    /// <summary>Forgets every conversation idle for too long; returns how many.</summary>
    public int Sweep()
    {
        var now = _time.GetUtcNow();
        var forgotten = 0;
        foreach (var conversation in _conversations.Values)
        {
            if (IsExpired(conversation, now) && Forget(conversation))
                forgotten++;
        }
        if (forgotten > 0)
            DirectLineLog.ConversationsExpired(_logger, forgotten, _conversations.Count);
        return forgotten;
    }

    private bool IsExpired(DirectLineConversation conversation, DateTimeOffset now) =>
        conversation.LastActive < now - _options.ConversationIdleTimeout
        || (!conversation.IsUsed && !conversation.HasStream && conversation.LastActive < now - _options.UnusedConversationTimeout);

    /// <summary>
    /// Every slot is taken: forgets the least recently active conversation nobody posted to; else the least recently
    /// active one of the client holding the most, when that client holds more than one. Called under the start gate.
    /// </summary>
    private bool MakeRoom()
    {
        // A page that shows a stream may be a person reading the greeting: displaced only after those without one.
        var unused = _conversations.Values.Where(c => !c.IsUsed).OrderBy(c => c.HasStream).ThenBy(c => c.LastActive).FirstOrDefault();
        if (unused is not null)
            return Evict(unused, "never used");
        var (heaviest, held) = _perClient.MaxBy(pair => pair.Value);
        if (held < 2)
            return false;
        var oldest = _conversations.Values.Where(c => c.Client == heaviest).MinBy(c => c.LastActive);
        return oldest is not null && Evict(oldest, "its client held the most");
    }

    private bool Evict(DirectLineConversation conversation, string reason)
    {
        if (!Forget(conversation))
            return false;
        DirectLineLog.Evicted(_logger, _options.MaxConversations, conversation.LogId, reason);
        return true;
    }

    private bool Forget(DirectLineConversation conversation)
    {
        if (!_conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
            return false;
        if (_perClient.AddOrUpdate(conversation.Client, 0, (_, held) => held - 1) <= 0)
            _perClient.TryRemove(new KeyValuePair<string, int>(conversation.Client, 0));
        conversation.End();
        return true;
    }

    public void Dispose()
    {
        _sweep.Dispose();
        foreach (var conversation in _conversations.Values)
            conversation.End();
        _conversations.Clear();
        _perClient.Clear();
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
    private bool _used;

    public DirectLineConversation(string id, string logId, string client, int max, TimeProvider time)
    {
        Id = id;
        LogId = logId;
        Client = client;
        _max = max;
        _time = time;
        Touch();
    }

    public string Id { get; }

    /// <summary>Who started it (<see cref="DirectLineStartLimit.ClientOf"/>), for the per-client share. Never logged.</summary>
    public string Client { get; }

    /// <summary>A client has posted an activity: someone is talking here, not just holding a slot.</summary>
    public bool IsUsed => Volatile.Read(ref _used);

    /// <summary>A stream is open: a page is showing the conversation, even if nobody typed yet.</summary>
    public bool HasStream
    {
        get
        {
            lock (_gate)
                return _stream is not null;
        }
    }

    /// <summary>Marks the conversation used and active now.</summary>
    public void PostedByClient()
    {
        Volatile.Write(ref _used, true);
        Touch();
    }

    /// <summary>Pseudonym of the id, for logs.</summary>
    public string LogId { get; }

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
            Touch();
            return owner.Token;
        }
    }

    public void ReleaseStream(CancellationTokenSource owner)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_stream, owner))
                _stream = null;
            // A page that lost its socket reconnects: the unused timeout counts from here, not from the start.
            Touch();
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
