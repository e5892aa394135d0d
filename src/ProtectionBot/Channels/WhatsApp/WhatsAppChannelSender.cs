using BotProtocol.Schema;
using BotProtocol.Turns;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// Sends proactive messages (a caseworker's answer, a handoff's news) to a WhatsApp conversation. Outside the
/// 24-hour window WhatsApp refuses free-form messages: the send fails and the work queue keeps the message until the
/// person writes again and the window reopens.
/// </summary>
internal sealed class WhatsAppChannelSender(WhatsAppMessenger messenger) : IChannelSender
{
    public bool Sends(Activity activity) => activity.ChannelId == WhatsAppIdentity.ChannelId;

    public async Task SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Recipient?.Id is { Length: > 0 } waId)
            await messenger.SendAsync(waId, activity, cancellationToken);
    }
}
