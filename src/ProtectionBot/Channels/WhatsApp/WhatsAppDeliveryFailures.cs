using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>A message the bot sent that WhatsApp reported as not delivered (a <c>failed</c> status).</summary>
/// <param name="MessageId">The wamid the send returned.</param>
/// <param name="ConversationKey">State key of the recipient's conversation (pseudonymous, never the number).</param>
internal sealed record WhatsAppDeliveryFailure(string MessageId, string ConversationKey, int? ErrorCode, WhatsAppErrorCategory Category, DateTimeOffset ReportedAt);

/// <summary>
/// Where failed deliveries are told, by the outgoing wamid: most failures (131047 outside the window, 131026 not on
/// WhatsApp) arrive only later, as a status webhook, not as the send's answer. Whoever sent something that matters
/// (the handoff notifying a caseworker) keeps the wamid <see cref="WhatsAppMessenger"/> returned and either subscribes
/// or looks it up. Kept in memory, for the last <see cref="Remembered"/> failures of this instance.
/// </summary>
internal sealed class WhatsAppDeliveryFailures
{
    public const int Remembered = 1000;

    private readonly ConcurrentDictionary<string, WhatsAppDeliveryFailure> _byMessage = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private ImmutableArray<Action<WhatsAppDeliveryFailure>> _subscribers = [];

    /// <summary>Calls <paramref name="subscriber"/> for each failure reported from now on (once per wamid), until disposed.</summary>
    public IDisposable Subscribe(Action<WhatsAppDeliveryFailure> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscriber));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscriber)));
    }

    public WhatsAppDeliveryFailure? Find(string messageId) => _byMessage.GetValueOrDefault(messageId);

    /// <summary>
    /// Records a failure and tells the subscribers; false for a status delivered again, which is told once.
    /// <paramref name="thrown"/> holds what subscribers threw, to be logged.
    /// </summary>
    internal bool TryRecord(WhatsAppDeliveryFailure failure, out IReadOnlyList<Exception> thrown)
    {
        thrown = [];
        if (!_byMessage.TryAdd(failure.MessageId, failure))
            return false;
        _order.Enqueue(failure.MessageId);
        while (_order.Count > Remembered && _order.TryDequeue(out var oldest))
            _byMessage.TryRemove(oldest, out _);
        var exceptions = new List<Exception>();
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(failure);
            }
            catch (Exception exception)
            {
                exceptions.Add(exception);
            }
        }
        thrown = exceptions;
        return true;
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
