using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Extensions.Logging;

namespace BotProtocol.Turns;

/// <summary>
/// Runs one turn: serialise on the conversation, load its state once, answer a redelivered activity from memory,
/// run middleware and the bot, save the state once (ETag-checked), then deliver the replies while still holding
/// the conversation so they go out in order.
/// </summary>
public sealed class TurnProcessor
{
    /// <summary>How many answered activity ids a conversation remembers for redelivery (Teams resends after ~15 s).</summary>
    public const int AnsweredActivitiesKept = 4;

    private const int MaxConcurrencyRetries = 5;

    private readonly IConversationStore _store;
    private readonly ITurnMiddleware[] _middleware;
    private readonly IBot _bot;
    private readonly WorkSignal _signal;
    private readonly TimeProvider _time;
    private readonly Pseudonyms _pseudonyms;
    private readonly ILogger<TurnProcessor> _logger;
    private readonly KeyedLock _conversationLocks = new();

    public TurnProcessor(
        IConversationStore store,
        IEnumerable<ITurnMiddleware> middleware,
        IBot bot,
        TimeProvider time,
        Pseudonyms pseudonyms,
        WorkSignal signal,
        ILogger<TurnProcessor> logger)
    {
        _store = store;
        _middleware = middleware.ToArray();
        _bot = bot;
        _time = time;
        _pseudonyms = pseudonyms;
        _signal = signal;
        _logger = logger;
    }

    /// <summary>Conversations with a turn running or waiting right now.</summary>
    public int ActiveConversations => _conversationLocks.HeldOrAwaited;

    public static string StateKey(Activity activity) =>
        $"conversation/{activity.ChannelId}/{activity.Conversation?.Id}";

    public async Task<TurnResult> ProcessAsync(
        Activity activity,
        Func<Activity, CancellationToken, Task>? deliver,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var key = StateKey(activity);
        var started = _time.GetTimestamp();
        using var held = await _conversationLocks.AcquireAsync(key, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            var stored = await _store.ReadAsync(key, cancellationToken);
            var state = LoadState(key, stored);

            if (activity.Id is { } id && state.Answered.Find(a => a.Id == id) is { } answered)
            {
                if (_logger.IsEnabled(LogLevel.Information))
                    TurnLog.Redelivered(_logger, _pseudonyms.LogId(key), activity.ChannelId, activity.Type);
                // The channel retries when it did not hear back; replies it never got go out now, the others not again.
                if (deliver is not null && answered.Delivered is { } sent)
                    await DeliverAsync(key, id, answered.Replies, sent, resuming: true, deliver, cancellationToken);
                return new TurnResult(answered.Replies, answered.InvokeResponse, IsRedelivery: true);
            }

            var turn = new TurnContext(activity, state);
            try
            {
                await RunPipelineAsync(turn, 0, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The apology speaks as the turn did, with what middleware learnt of it (the locale).
                return await FailAsync(key, turn.Activity, stored, exception, deliver, cancellationToken);
            }

            try
            {
                await SaveAsync(key, turn, stored?.ETag, cancellationToken);
            }
            catch (ETagConflictException) when (attempt < MaxConcurrencyRetries)
            {
                // Nothing was delivered yet, so the turn can simply run again on the fresh state.
                if (_logger.IsEnabled(LogLevel.Warning))
                    TurnLog.ConcurrencyRetry(_logger, _pseudonyms.LogId(key), attempt);
                continue;
            }

            if (deliver is not null && turn.Replies.Count > 0)
                await DeliverAsync(key, activity.Id, turn.Replies, 0, resuming: false, deliver, cancellationToken);

            if (_logger.IsEnabled(LogLevel.Information))
            {
                TurnLog.TurnCompleted(
                    _logger, _pseudonyms.LogId(key), activity.ChannelId, activity.Type,
                    turn.TurnItems.TryGetValue(TurnRouter.RouteKey, out var route) ? route as string : null,
                    turn.Replies.Count, _time.GetElapsedTime(started).TotalMilliseconds);
            }
            return new TurnResult(turn.Replies, turn.InvokeResponse, IsRedelivery: false) { ConversationErased = turn.ConversationErased };
        }
    }

    private ConversationState LoadState(string key, StoreItem? stored)
    {
        if (stored is null)
            return new ConversationState();
        if (stored.IsUnreadable)
        {
            if (_logger.IsEnabled(LogLevel.Error))
                TurnLog.UnreadableState(_logger, _pseudonyms.LogId(key));
            return new ConversationState();
        }
        try
        {
            return ConversationState.Parse(stored.Data);
        }
        catch (JsonException)
        {
            // A document no release can read would fail every turn of the conversation forever; starting afresh
            // (the write still checks the ETag) lets the person go on.
            if (_logger.IsEnabled(LogLevel.Error))
                TurnLog.UnreadableState(_logger, _pseudonyms.LogId(key));
            return new ConversationState();
        }
    }

    /// <summary>
    /// A bug must not leave the person without an answer nor save a half-done turn: the state stays as it was before
    /// the turn, and the bot's error replies (an apology) are delivered instead. The log names the exception type and
    /// where it was thrown, never its message, which may quote what the person typed.
    /// </summary>
    private async Task<TurnResult> FailAsync(
        string key, Activity activity, StoreItem? stored, Exception exception,
        Func<Activity, CancellationToken, Task>? deliver, CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Error))
            TurnLog.TurnFailed(_logger, _pseudonyms.LogId(key), activity.ChannelId, activity.Type, exception.GetType().FullName, exception.StackTrace);

        var apology = new TurnContext(activity, LoadState(key, stored));
        try
        {
            await _bot.OnTurnErrorAsync(apology, exception, cancellationToken);
        }
        catch (Exception handlerException) when (!cancellationToken.IsCancellationRequested)
        {
            apology.ClearReplies();
            if (_logger.IsEnabled(LogLevel.Error))
                TurnLog.TurnFailed(_logger, _pseudonyms.LogId(key), activity.ChannelId, activity.Type, handlerException.GetType().FullName, handlerException.StackTrace);
        }
        var invokeResponse = apology.InvokeResponse
            ?? (activity.IsType(ActivityTypes.Invoke) ? new InvokeResponse(500, null) : null);
        if (deliver is not null)
        {
            foreach (var reply in apology.Replies)
                await deliver(reply, cancellationToken);
        }
        return new TurnResult(apology.Replies, invokeResponse, IsRedelivery: false) { Failure = exception };
    }

    /// <summary>
    /// Sends <paramref name="replies"/> from <paramref name="from"/> on, in order. The state already says they were all
    /// delivered (so the usual turn costs one write); only when sending stops part-way, or a redelivery finishes the
    /// job, is the count corrected, so the channel's retry sends exactly the replies that are missing.
    /// </summary>
    private async Task DeliverAsync(
        string key, string? activityId, IReadOnlyList<Activity> replies, int from, bool resuming,
        Func<Activity, CancellationToken, Task> deliver, CancellationToken cancellationToken)
    {
        var sent = from;
        try
        {
            for (; sent < replies.Count; sent++)
                await deliver(replies[sent], cancellationToken);
        }
        catch when (activityId is not null)
        {
            await RecordDeliveredAsync(key, activityId, sent);
            throw;
        }
        if (resuming)
            await RecordDeliveredAsync(key, activityId!, sent);
    }

    private async Task RecordDeliveredAsync(string key, string activityId, int sent)
    {
        // Runs after the request may have been cancelled: the record must still be corrected.
        for (var attempt = 1; attempt <= MaxConcurrencyRetries; attempt++)
        {
            var stored = await _store.ReadAsync(key, CancellationToken.None);
            if (stored is null)
                return;
            var state = LoadState(key, stored);
            var index = state.Answered.FindIndex(a => a.Id == activityId);
            if (index < 0)
                return;
            var answered = state.Answered[index];
            state.Answered[index] = answered with { Delivered = sent >= answered.Replies.Count ? null : sent };
            try
            {
                await _store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, ProtocolJsonContext.Default.ConversationState), stored.ETag, CancellationToken.None);
                return;
            }
            catch (ETagConflictException) when (attempt < MaxConcurrencyRetries)
            {
            }
        }
    }

    private Task RunPipelineAsync(TurnContext turn, int index, CancellationToken cancellationToken) =>
        index < _middleware.Length
            ? _middleware[index].OnTurnAsync(turn, () => RunPipelineAsync(turn, index + 1, cancellationToken), cancellationToken)
            : _bot.OnTurnAsync(turn, cancellationToken);

    private async Task SaveAsync(string key, TurnContext turn, string? etag, CancellationToken cancellationToken)
    {
        if (turn.ConversationErased)
        {
            await _store.DeleteAsync(key, cancellationToken);
            return;
        }
        if (turn.Activity.Id is { } id)
        {
            var answered = turn.State.Answered;
            // A retry is almost always of the last activity: older ones keep their id (so they are still answered once)
            // but not their replies, which the channel already has, unless some of them never reached it. Keeping every
            // reply of the last four made each turn read and write the results card long after it was shown.
            for (var i = 0; i < answered.Count; i++)
            {
                if (answered[i] is { Delivered: null, HasReplies: true } older)
                    answered[i] = older.WithoutReplies();
            }
            answered.Add(new AnsweredActivity(id, [.. turn.Replies], turn.InvokeResponse));
            if (answered.Count > AnsweredActivitiesKept)
                answered.RemoveRange(0, answered.Count - AnsweredActivitiesKept);
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(turn.State, ProtocolJsonContext.Default.ConversationState);
        await _store.WriteAsync(key, bytes, etag, turn.Outgoing, cancellationToken);
        if (turn.Outgoing.Count > 0)
            _signal.Wake();
    }
}

/// <summary>What a turn produced. A redelivery carries the replies recorded the first time.</summary>
public sealed record TurnResult(IReadOnlyList<Activity> Replies, InvokeResponse? InvokeResponse, bool IsRedelivery)
{
    /// <summary>What the turn threw, when it failed; the replies are then the bot's apology.</summary>
    public Exception? Failure { get; init; }

    /// <summary>The turn erased the conversation's state; a channel that keeps a copy of what was said drops it too.</summary>
    public bool ConversationErased { get; init; }
}
