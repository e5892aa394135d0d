using BotProtocol.Schema;
using BotProtocol.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>Runs the bot's turn for an activity of a Direct Line conversation; the bot's replies go into the conversation's log.</summary>
internal sealed class DirectLineTurns(IOptions<DirectLineOptions> options, TurnProcessor processor, DirectLineAccess access)
{
    /// <summary>How long a turn may take before the client is told the bot timed out (Azure's Direct Line waits 15 s).</summary>
    private static readonly TimeSpan BotTimeout = TimeSpan.FromSeconds(15);

    private readonly DirectLineOptions _options = options.Value;

    public ChannelAccount Bot => new() { Id = _options.BotId, Name = _options.BotName, Role = RoleTypes.Bot };

    /// <summary>Null when the turn ran; the 502 to answer when the bot failed or timed out.</summary>
    public async Task<DirectLineError?> RunAsync(DirectLineConversation conversation, Activity activity, long? echoSequence, string operation)
    {
        // Not the request's token: a client that goes away mid-turn must not leave the turn half done.
        using var timeout = new CancellationTokenSource(BotTimeout);
        try
        {
            var result = await processor.ProcessAsync(activity, (reply, _) =>
            {
                if (!reply.IsType(ActivityTypes.Trace))
                {
                    conversation.Append(reply with
                    {
                        ChannelId = DirectLineEndpoints.ChannelId,
                        ServiceUrl = null,
                        Conversation = new ConversationAccount { Id = conversation.Id },
                        From = Bot,
                        Recipient = activity.From,
                        ReplyToId = echoSequence is null ? null : activity.Id,
                    });
                }
                return Task.CompletedTask;
            }, timeout.Token);
            if (result.ConversationErased && echoSequence is { } sequence)
            {
                // The bot erased its state; what was said must not stay readable here either. The erasing activity's
                // echo and the bot's answer to it stay, so the client sees the confirmation and its send succeed.
                conversation.EraseBefore(sequence);
                DirectLineLog.Erased(access.Logger, conversation.LogId);
            }
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            DirectLineLog.BotFailed(access.Logger, conversation.LogId, e.GetType().Name);
            var message = timeout.IsCancellationRequested ? "Failed to send activity: bot timed out" : "Failed to send activity: bot returned an error";
            return access.Refuse(operation, StatusCodes.Status502BadGateway, "BotError", message);
        }
    }
}
