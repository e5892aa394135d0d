using System.Globalization;
using BotProtocol.State;
using BotProtocol.Turns;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// The 24-hour customer service window: free-form messages reach a person only within 24 hours of their last
/// message. Each WhatsApp turn records that moment in the conversation's own state (so erasing the conversation
/// erases it too), where sending checks it.
/// </summary>
internal sealed class CustomerServiceWindow : ITurnMiddleware
{
    private const string Key = "whatsapp.lastInbound";

    public static bool IsOpen(DateTimeOffset lastInbound, DateTimeOffset now) => now - lastInbound < WhatsAppLimits.CustomerServiceWindow;

    /// <summary>When the person last wrote, as recorded by their conversation's turns; null if never.</summary>
    public static DateTimeOffset? LastInbound(ConversationState state) =>
        state.Get(Key, CloudApiJsonContext.Default.Int64) is var seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public Task OnTurnAsync(TurnContext turn, Func<Task> continueTurn, CancellationToken cancellationToken)
    {
        if (turn.Activity.ChannelId == WhatsAppIdentity.ChannelId
            && DateTimeOffset.TryParse(turn.Activity.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
            && (LastInbound(turn.State) is not { } known || sent > known))
        {
            turn.State.Set(Key, sent.ToUnixTimeSeconds(), CloudApiJsonContext.Default.Int64);
        }
        return continueTurn();
    }
}
