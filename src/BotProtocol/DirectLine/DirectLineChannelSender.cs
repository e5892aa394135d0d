using BotProtocol.Schema;
using BotProtocol.Turns;

namespace BotProtocol.DirectLine;

/// <summary>
/// Proactive messages to a conversation of the local Direct Line go into its activity log, where its client reads
/// them (stream or polling). A conversation it does not hold (an Azure Bot's Direct Line, or one forgotten after
/// being idle) is left to the next sender.
/// </summary>
internal sealed class DirectLineChannelSender(DirectLineConversations conversations) : IChannelSender
{
    public bool Sends(Activity activity) =>
        activity.ChannelId == DirectLineEndpoints.ChannelId
        && activity.Conversation?.Id is { } id && conversations.Find(id) is not null;

    public Task SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (conversations.Find(activity.Conversation!.Id!) is { } conversation)
            conversation.Append(activity with { ServiceUrl = null, ReplyToId = null });
        return Task.CompletedTask;
    }
}
