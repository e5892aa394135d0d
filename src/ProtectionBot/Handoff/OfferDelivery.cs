using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Connector;
using BotProtocol.Outbox;
using BotProtocol.Schema;
using BotProtocol.State;
using ProtectionBot.Content;

namespace ProtectionBot.Handoff;

/// <summary>
/// Posts a case to the partner at its offer index: a new thread in the partner's Teams channel carrying the case
/// card (Connector create-conversation with the channel and tenant in channelData), then starts the clock after
/// which the next partner is tried. A desk that refuses for good (the app was removed from the team) is skipped.
/// </summary>
internal sealed class OfferDelivery(
    IConversationStore store, CaseStore cases, CaseProgress progress, CaseCard card, PartnerDirectory partners,
    HandoffDialog dialog, ConnectorClient connector, TimeProvider time, ILogger<OfferDelivery> logger) : IOutboxHandler
{
    public string Kind => HandoffKinds.Offer;

    public async Task<OutboxOutcome> DeliverAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        var order = HandoffMessages.Read(lease.Message, HandoffJsonContext.Default.OfferOrder);
        var handoffCase = await cases.ReadAsync(order.CaseId, cancellationToken);
        if (handoffCase is null && order.NewCase is { } created)
        {
            await cases.CreateAsync(created, cancellationToken);
            handoffCase = await cases.ReadAsync(order.CaseId, cancellationToken);
        }
        if (handoffCase is null || handoffCase.Status != CaseStatuses.Offered || handoffCase.OfferIndex > order.OfferIndex)
            return OutboxOutcome.Done; // taken, closed, withdrawn or already passed beyond this offer
        if (handoffCase.OfferIndex < order.OfferIndex)
            return OutboxOutcome.Retry(TimeSpan.FromSeconds(5)); // the step that passes the case on has not finished yet
        if (handoffCase.Posted is not null)
            return OutboxOutcome.Done;

        var partner = partners.Find(handoffCase.CurrentPartnerId);
        if (partner?.Teams is not { } desk)
        {
            // The partner left the partners file, or only has a desk this version cannot post to.
            await progress.PassOnAsync(handoffCase.Id, order.OfferIndex, "passed_on", cancellationToken);
            return OutboxOutcome.Done;
        }

        ConversationResourceResponse posted;
        try
        {
            posted = await connector.CreateConversationAsync(desk.ServiceUrl, ChannelPost(desk, card.Render(handoffCase, "offered")), cancellationToken);
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            HandoffLog.DeskUnreachable(logger, partner.Id, handoffCase.Id, e.StatusCode);
            await progress.PassOnAsync(handoffCase.Id, order.OfferIndex, "passed_on", cancellationToken);
            return OutboxOutcome.Done;
        }

        var now = time.GetUtcNow();
        var offer = new PostedOffer(partner.Id, desk.ServiceUrl, posted.Id ?? desk.ChannelId, posted.ActivityId ?? "", now);
        var (stored, _) = await cases.UpdateAsync(handoffCase.Id, c =>
            c.Status == CaseStatuses.Offered && c.OfferIndex == order.OfferIndex && c.Posted is null ? c with { Posted = offer } : null, cancellationToken);
        HandoffLog.Posted(logger, handoffCase.Id, partner.Id, order.OfferIndex);
        await store.EnqueueAsync(HandoffMessages.Timeout(handoffCase, order.OfferIndex, now + progress.AcceptTimeout(handoffCase)), cancellationToken);
        if (order.OfferIndex > 0 && stored is not null)
        {
            await store.EnqueueAsync(HandoffMessages.ToDefender(stored, $"rerouted/{order.OfferIndex}", DefenderEvents.Status, DefenderEvents.Rerouted,
                partner.Name, dialog.Expectation(stored.Answers.Language, partner, now), now), cancellationToken);
        }
        return OutboxOutcome.Done;
    }

    /// <summary>A new post in the channel: no members, the channel and tenant in channelData (Teams proactive pattern).</summary>
    private static ConversationParameters ChannelPost(TeamsDesk desk, Attachment caseCard)
    {
        var channelData = new JsonObject
        {
            ["channel"] = new JsonObject { ["id"] = desk.ChannelId },
            ["tenant"] = new JsonObject { ["id"] = desk.TenantId },
            ["notification"] = new JsonObject { ["alert"] = true },
        };
        return new ConversationParameters
        {
            IsGroup = true,
            TenantId = desk.TenantId,
            ChannelData = JsonSerializer.SerializeToElement(channelData, ContentJsonContext.Default.JsonNode),
            Activity = new Activity { Type = ActivityTypes.Message, Attachments = [caseCard] },
        };
    }
}

/// <summary>The partner let the time run out: the next partner is tried (or the defender told there is none).</summary>
internal sealed class OfferTimeout(CaseProgress progress) : IOutboxHandler
{
    public string Kind => HandoffKinds.Timeout;

    public async Task<OutboxOutcome> DeliverAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        var order = HandoffMessages.Read(lease.Message, HandoffJsonContext.Default.CaseOnly);
        await progress.PassOnAsync(order.CaseId, order.OfferIndex, "passed_on", cancellationToken);
        return OutboxOutcome.Done;
    }
}

/// <summary>Replaces a posted case card for everyone in the channel (Connector update-activity), so two people never take one case.</summary>
internal sealed class CardUpdateDelivery(ConnectorClient connector) : IOutboxHandler
{
    public string Kind => HandoffKinds.Card;

    public async Task<OutboxOutcome> DeliverAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        var update = HandoffMessages.Read(lease.Message, HandoffJsonContext.Default.CardUpdate);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = update.ActivityId,
            Attachments = [new Attachment { ContentType = AttachmentContentTypes.AdaptiveCard, Content = update.Card }],
        };
        try
        {
            await connector.UpdateActivityAsync(update.ServiceUrl, update.ThreadId, update.ActivityId, activity, cancellationToken);
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            // The card or the channel is gone: nothing left to mark.
        }
        return OutboxOutcome.Done;
    }
}

/// <summary>Posts a message into the caseworker's Teams thread.</summary>
internal sealed class CaseworkerDelivery(ConnectorClient connector) : IOutboxHandler
{
    public string Kind => HandoffKinds.ToCaseworker;

    public async Task<OutboxOutcome> DeliverAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        var message = HandoffMessages.Read(lease.Message, HandoffJsonContext.Default.CaseworkerMessage);
        try
        {
            await connector.SendToConversationAsync(message.ServiceUrl, message.ThreadId, new Activity { Type = ActivityTypes.Message, Text = message.Text }, cancellationToken);
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            // The thread was deleted or the app removed from the team; retrying cannot help.
        }
        return OutboxOutcome.Done;
    }
}

/// <summary>
/// Runs a handoff event in the defender's own conversation, as a turn of its own (so their state changes with it and
/// it never interleaves with their messages), and sends its replies to their channel.
/// </summary>
internal sealed class DefenderDelivery(BotProtocol.Turns.ProactiveTurns turns) : IOutboxHandler
{
    public string Kind => HandoffKinds.ToDefender;

    public async Task<OutboxOutcome> DeliverAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        var notice = HandoffMessages.Read(lease.Message, HandoffJsonContext.Default.DefenderNotice);
        var value = JsonSerializer.SerializeToElement(notice, HandoffJsonContext.Default.DefenderNotice);
        await turns.RunEventAsync(notice.Defender, lease.Message.Id, notice.Event, value, cancellationToken);
        return OutboxOutcome.Done;
    }
}
