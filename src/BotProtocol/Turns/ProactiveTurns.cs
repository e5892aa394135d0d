using System.Text.Json;
using BotProtocol.Connector;
using BotProtocol.Schema;

namespace BotProtocol.Turns;

/// <summary>
/// Sends to a conversation on its channel when no request from it is waiting for an answer: through the channel's
/// own sender when one is registered (WhatsApp, the local Direct Line), otherwise through the Bot Framework Connector
/// at the stored <c>serviceUrl</c>.
/// </summary>
public interface IChannelSender
{
    /// <summary>Whether this sender delivers to the activity's conversation (its channel, and for some its id).</summary>
    bool Sends(Activity activity);

    Task SendAsync(Activity activity, CancellationToken cancellationToken);
}

/// <summary>
/// Runs a turn that nobody on the channel started: an event activity into a stored conversation, through the same
/// pipeline (one state read and write, serialised with the conversation's other turns), its replies sent
/// proactively. The event's id makes a retried delivery an ordinary redelivery: replies already sent are not sent again.
/// </summary>
public sealed class ProactiveTurns(TurnProcessor processor, IEnumerable<IChannelSender> senders, ConnectorClient connector)
{
    /// <summary>
    /// The <c>callerId</c> of these turns. Activities from the wire never carry it (authentication sets callerId), so a
    /// route can tell the bot's own events from anything a client sent.
    /// </summary>
    public const string CallerId = "urn:botprotocol:proactive";

    private readonly IChannelSender[] _senders = senders.ToArray();

    public static bool IsProactive(TurnContext turn) => turn.Activity.CallerId == CallerId;

    public Task<TurnResult> RunEventAsync(
        ConversationReference reference, string id, string name, JsonElement? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Id = id,
            Name = name,
            Value = value,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
            CallerId = CallerId,
        };
        return processor.ProcessAsync(activity, SendAsync, cancellationToken);
    }

    /// <summary>Sends one activity to its conversation; a proactive message answers nothing, so it is never a reply.</summary>
    public Task SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var message = activity with { ReplyToId = null };
        foreach (var sender in _senders)
        {
            if (sender.Sends(message))
                return sender.SendAsync(message, cancellationToken);
        }
        return connector.SendAsync(message, cancellationToken);
    }
}
