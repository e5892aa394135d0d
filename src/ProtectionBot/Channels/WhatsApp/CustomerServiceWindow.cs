using BotProtocol.State;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// The 24-hour customer service window: free-form messages reach a person only within 24 hours of their last
/// message. Each WhatsApp turn records that moment in the conversation's own state (<see cref="WhatsAppTurnMiddleware"/>),
/// so erasing the conversation erases it too; sends outside a turn read it back here.
/// </summary>
internal sealed class CustomerServiceWindow(IConversationStore store, WhatsAppIdentity identity, TimeProvider time)
{
    private const string Key = "whatsapp.lastInbound";

    /// <summary>True when a message the person sent at <paramref name="lastInbound"/> still opens the window.</summary>
    public bool IsOpen(DateTimeOffset lastInbound) => time.GetUtcNow() - lastInbound < WhatsAppLimits.CustomerServiceWindow;

    /// <summary>True when <paramref name="waId"/> wrote to the bot less than 24 hours ago, so free-form messages reach them.</summary>
    public async Task<bool> IsOpenAsync(string waId, CancellationToken cancellationToken) =>
        await LastInboundAsync(waId, cancellationToken) is { } last && IsOpen(last);

    /// <summary>When <paramref name="waId"/> last wrote to the bot, as their conversation recorded it; null if never (or erased since).</summary>
    public async Task<DateTimeOffset?> LastInboundAsync(string waId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(identity.ConversationKey(waId), cancellationToken);
        // A document that no longer opens says nothing about the window: closed, as for a number never seen.
        if (stored is null || stored.IsUnreadable)
            return null;
        return LastInbound(ConversationState.Parse(stored.Data));
    }

    /// <summary>When the person last wrote, as recorded by their conversation's turns; null if never.</summary>
    public static DateTimeOffset? LastInbound(ConversationState state) =>
        state.Get(Key, CloudApiJsonContext.Default.Int64) is var seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>Records a message the person sent at <paramref name="sent"/>, unless a later one is known.</summary>
    public static void Record(ConversationState state, DateTimeOffset sent)
    {
        if (LastInbound(state) is not { } known || sent > known)
            state.Set(Key, sent.ToUnixTimeSeconds(), CloudApiJsonContext.Default.Int64);
    }
}
