using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Work;

namespace BotProtocol.Turns;

/// <summary>
/// One turn: the incoming activity, the conversation's state (already loaded), and the replies the turn produces.
/// Replies are buffered and delivered only after the state was saved, so a turn that must be re-run after an
/// ETag conflict has sent nothing yet.
/// </summary>
public sealed class TurnContext
{
    private readonly List<Activity> _replies = [];
    private readonly List<WorkItem> _outgoing = [];

    public TurnContext(Activity activity, ConversationState state)
    {
        Activity = activity;
        State = state;
    }

    public Activity Activity { get; private set; }

    public ConversationState State { get; }

    /// <summary>
    /// The turn's locale, as Bot Framework's <c>TurnContext.Locale</c>: middleware that knows better than the channel (a
    /// language the person chose earlier in the conversation) sets it before the bot runs, and replies carry it.
    /// </summary>
    public string? Locale
    {
        get => Activity.Locale;
        set => Activity = Activity with { Locale = value };
    }

    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>Work for the queue, saved in the same write as the state (nothing is kept if the turn fails).</summary>
    public IReadOnlyList<WorkItem> Outgoing => _outgoing;

    /// <summary>The synchronous answer to an invoke activity; null means nobody handled it (HTTP 501).</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>True once <see cref="EraseConversation"/> was called: the state is deleted instead of saved.</summary>
    public bool ConversationErased { get; private set; }

    /// <summary>Per-turn values shared between middleware and handlers; never persisted.</summary>
    public Dictionary<string, object> TurnItems { get; } = new(StringComparer.Ordinal);

    /// <summary>Queues a reply. Fields the reply leaves empty are filled from the incoming activity's reference.</summary>
    public void Send(Activity reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var template = Activity.CreateReply();
        _replies.Add(reply with
        {
            Type = reply.Type ?? ActivityTypes.Message,
            From = reply.From ?? template.From,
            Recipient = reply.Recipient ?? template.Recipient,
            Conversation = reply.Conversation ?? template.Conversation,
            ChannelId = reply.ChannelId ?? template.ChannelId,
            ServiceUrl = reply.ServiceUrl ?? template.ServiceUrl,
            Locale = reply.Locale ?? template.Locale,
            ReplyToId = reply.ReplyToId ?? template.ReplyToId,
        });
    }

    public void SendText(string text, string? inputHint = null) =>
        Send(new Activity { Type = ActivityTypes.Message, Text = text, InputHint = inputHint });

    /// <summary>Queues work outside this turn (a message for someone else, a timer); it is only kept if the turn's state is saved.</summary>
    public void Enqueue(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _outgoing.Add(item);
    }

    /// <summary>Drops every queued reply (used by a quick exit, which must leave nothing behind but its confirmation).</summary>
    public void ClearReplies() => _replies.Clear();

    /// <summary>Deletes the conversation's stored state at the end of this turn instead of saving it.</summary>
    public void EraseConversation()
    {
        ConversationErased = true;
        _outgoing.Clear();
        State.DialogStack.Clear();
        State.Properties.Clear();
        State.Answered.Clear();
    }
}
