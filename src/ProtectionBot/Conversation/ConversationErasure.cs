using BotProtocol.Turns;
using ProtectionBot.Privacy;

namespace ProtectionBot.Conversation;

/// <summary>
/// The one way a person's data is erased, whatever asked for it: the quick-exit word, "delete my data", a channel's
/// <c>deleteUserData</c> or the app's removal. First every <see cref="IPersonalDataHolder"/> erases what it keeps and
/// tells whoever was waiting; then the conversation's document, the messages it queued and the replies kept for
/// redelivery go with the turn (<see cref="TurnContext.EraseConversation"/>), and a channel that keeps a copy of what
/// was said (the local Direct Line) drops it too.
/// </summary>
internal sealed partial class ConversationErasure(IEnumerable<IPersonalDataHolder> holders, Pseudonyms pseudonyms, ILogger<ConversationErasure> logger)
{
    private readonly IPersonalDataHolder[] _holders = [.. holders];

    public async Task EraseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        foreach (var holder in _holders)
            await holder.EraseAsync(turn, cancellationToken);
        turn.EraseConversation();
        LogErased(pseudonyms.LogId(TurnProcessor.StateKey(turn.Activity)), turn.Activity.ChannelId, _holders.Length);
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information,
        Message = "Conversation {ConversationHash} on {ChannelId} erased, with what {Holders} holders kept about the person")]
    private partial void LogErased(string conversationHash, string? channelId, int holders);
}
