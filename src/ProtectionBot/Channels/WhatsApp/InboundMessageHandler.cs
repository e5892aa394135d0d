using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.Turns;
using BotProtocol.Work;
using Microsoft.Extensions.Options;
using ProtectionBot.Content;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// Runs the turn of one inbound WhatsApp message the webhook queued: the message, as the webhook carried it, is read
/// here and only here, then the activity goes through the turn processor and its replies through the Graph API. A send
/// that fails for a while (rate limits, Meta's outages) makes the queue try again later, and the turn processor, which
/// remembers the activity, then sends only the replies still missing. A send that can never succeed (outside the
/// window, not a WhatsApp number) is reported and dropped.
/// </summary>
internal sealed class InboundMessageHandler(
    TurnProcessor processor,
    WhatsAppMessenger messenger,
    WhatsAppIdentity identity,
    CallingCodeLanguage languages,
    IOptions<WhatsAppOptions> options,
    Pseudonyms pseudonyms,
    ILogger<InboundMessageHandler> logger) : IWorkHandler
{
    public const string MessageKind = "whatsapp.inbound";

    public string Kind => MessageKind;

    /// <summary>
    /// The work item id of an inbound message: its wamid, so a webhook delivered twice queues it once. The store keeps
    /// only the id's keyed pseudonym, since the wamid holds the sender's number.
    /// </summary>
    public static string WorkId(string wamid) => $"whatsapp/in/{wamid}";

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (Read(lease.Item.Payload) is not { From: { Length: > 0 } waId, Id: { Length: > 0 } wamid } message)
        {
            WhatsAppLog.EnvelopeUnreadable(logger);
            return WorkOutcome.Done;
        }
        if (lease.Attempt == 1)
        {
            foreach (var error in message.Errors ?? [])
                WhatsAppLog.WebhookError(logger, error.Code, $"{message.Type} message");
        }

        // The webhook queues only messages to the configured number.
        var phoneNumberId = options.Value.PhoneNumberId!.Trim();
        var key = identity.StateKey(phoneNumberId, waId);
        var conversationHash = pseudonyms.LogId(key);
        var activity = InboundTranslator.ToActivity(message, phoneNumberId, identity.ConversationId(phoneNumberId, waId), Language.ToLocale(languages.Guess(waId)));
        if (activity is null)
            return WorkOutcome.Done;
        if (lease.Attempt == 1 && activity.IsType(ActivityTypes.Message))
            await MarkReadAsync(wamid, cancellationToken);

        // Meta stamps every message; without a stamp, the time it was queued (or last put back) stands in.
        var wrote = InboundTranslator.SentAt(message) ?? lease.Item.DueAt;
        WhatsAppLog.InboundTurn(logger, message.Type, conversationHash);
        try
        {
            // The locale is the guess from the number's country; WhatsAppTurnMiddleware puts the chosen language first.
            await processor.ProcessAsync(activity, (reply, ct) => messenger.SendReplyAsync(waId, reply, wrote, ct), cancellationToken);
            return WorkOutcome.Done;
        }
        catch (WhatsAppSendException refused)
        {
            return Settle(refused, conversationHash);
        }
    }

    /// <summary>
    /// The message as the webhook carried it. Items queued by a release that wrapped it in an envelope of its own
    /// (phone number id, message, time received) are read inside it; none are queued so any more.
    /// </summary>
    private static WebhookMessage? Read(ReadOnlyMemory<byte> payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize(payload.Span, CloudApiJsonContext.Default.WebhookMessage);
            if (message is { From: null, Id: null } && JsonSerializer.Deserialize(payload.Span, CloudApiJsonContext.Default.InboundEnvelope) is { } envelope)
                return envelope.Message.Deserialize(CloudApiJsonContext.Default.WebhookMessage);
            return message;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private WorkOutcome Settle(WhatsAppSendException refused, string conversationHash)
    {
        switch (refused.Category)
        {
            case WhatsAppErrorCategory.RateLimited or WhatsAppErrorCategory.Transient:
                WhatsAppLog.SendWillRetry(logger, conversationHash, refused.Category.ToString(), refused.ErrorCode, refused.HttpStatus, refused.FbTraceId);
                return WorkOutcome.Retry(refused.RetryAfter);
            case WhatsAppErrorCategory.AccessDenied:
                // Nothing works until someone renews the token; keep the replies and look again at the work queue's
                // longest backoff. The window bounds the wait: after 24 hours the replies are dropped as below.
                WhatsAppLog.AccessDenied(logger, refused.ErrorCode, refused.ErrorSubcode, refused.FbTraceId);
                return WorkOutcome.Retry(TimeSpan.MaxValue);
            case WhatsAppErrorCategory.ReEngagementRequired:
                WhatsAppLog.WindowClosed(logger, conversationHash);
                return WorkOutcome.Done;
            default:
                WhatsAppLog.SendGivenUp(logger, conversationHash, refused.Category.ToString(), refused.ErrorCode, refused.HttpStatus, refused.FbTraceId);
                return WorkOutcome.Done;
        }
    }

    /// <summary>The two blue ticks: the person sees their message arrived. Worth a try, never worth failing the turn.</summary>
    private async Task MarkReadAsync(string wamid, CancellationToken cancellationToken)
    {
        try
        {
            await messenger.MarkReadAsync(wamid, cancellationToken);
        }
        catch (Exception failure) when (failure is WhatsAppSendException or HttpRequestException or TimeoutException)
        {
            WhatsAppLog.MarkReadFailed(logger, pseudonyms.LogId(wamid), failure.GetType().Name);
        }
    }
}
