using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Connector;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Work;
using ProtectionBot.Content;
using ProtectionBot.Handoff.WhatsApp;

namespace ProtectionBot.Handoff;

/// <summary>
/// Offers a case to the partner at its offer index, on each desk the partner has: a new thread in its Teams channel
/// carrying the case card (Connector create-conversation with the channel and tenant in channelData), and a message or
/// template to each of its caseworkers' WhatsApp numbers. Once one desk has the case, the clock starts after which the
/// next partner is tried. A desk that refuses for good (the app was removed from the team, no number can be reached)
/// is skipped; a partner none of whose desks can be reached is passed over.
/// </summary>
internal sealed class OfferDelivery(
    IConversationStore store, IWorkQueue queue, CaseStore cases, CaseProgress progress, CaseCard card, PartnerDirectory partners,
    HandoffDialog dialog, ConnectorClient connector, WhatsAppCaseworkers whatsApp, TimeProvider time, ILogger<OfferDelivery> logger) : IWorkHandler
{
    public string Kind => HandoffKinds.Offer;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var order = HandoffMessages.Read(lease.Item, HandoffJsonContext.Default.OfferOrder);
        var handoffCase = await cases.ReadAsync(order.CaseId, cancellationToken);
        if (handoffCase is null && order.NewCase is { } created)
        {
            // Erased while the offer was on its way (the erasure took the queued offer, but not one already leased).
            if (!await IsStillHandedOffAsync(created, cancellationToken))
                return WorkOutcome.Done;
            await cases.CreateAsync(created, cancellationToken);
            handoffCase = await cases.ReadAsync(order.CaseId, cancellationToken);
        }
        if (handoffCase is null || handoffCase.Status != CaseStatuses.Offered || handoffCase.OfferIndex > order.OfferIndex)
            return WorkOutcome.Done; // taken, closed, withdrawn or already passed beyond this offer
        if (handoffCase.OfferIndex < order.OfferIndex)
            return WorkOutcome.Retry(TimeSpan.FromSeconds(5)); // the step that passes the case on has not finished yet

        var partner = partners.Find(handoffCase.CurrentPartnerId);
        var teams = partner?.Teams;
        var numbers = whatsApp.CanNotify(partner);
        if (partner is null || (teams is null && !numbers))
        {
            // The partner left the partners file, or only has a desk this instance cannot reach (WhatsApp turned off).
            await progress.PassOnAsync(handoffCase.Id, order.OfferIndex, OfferOutcomes.Unreachable, cancellationToken);
            return WorkOutcome.Done;
        }

        // Each desk's step is recorded in the case as it is done, so a retry (after an outage, a crash) skips it; an
        // outage of one desk does not hold the other back.
        var teamsLater = teams is not null && handoffCase.Posted is null && handoffCase.UncertainPost?.OfferIndex != order.OfferIndex
            && !await PostToTeamsAsync(handoffCase, partner, teams, order.OfferIndex, cancellationToken);
        var whatsAppLater = numbers ? await whatsApp.NotifyAsync(handoffCase.Id, partner, order.OfferIndex, cancellationToken) : null;
        if (teamsLater || whatsAppLater is not null)
        {
            await StartClockIfReachedAsync(handoffCase.Id, order, partner, cancellationToken);
            return whatsAppLater ?? WorkOutcome.Retry();
        }
        if (!await StartClockIfReachedAsync(handoffCase.Id, order, partner, cancellationToken))
            await progress.PassOnAsync(handoffCase.Id, order.OfferIndex, OfferOutcomes.Unreachable, cancellationToken);
        return WorkOutcome.Done;
    }

    /// <summary>False when Teams cannot take it now (an outage): the offer is tried again later.</summary>
    private async Task<bool> PostToTeamsAsync(HandoffCase handoffCase, Partner partner, TeamsDesk desk, int offerIndex, CancellationToken cancellationToken)
    {
        ConversationResourceResponse posted;
        try
        {
            posted = await connector.CreateConversationAsync(desk.ServiceUrl, ChannelPost(desk, card.Render(handoffCase, "offered")), cancellationToken);
        }
        catch (ConnectorOutcomeUnknownException e)
        {
            // Teams may have opened the thread without saying so: a second post would be a second thread for one case,
            // one of them orphaned. The offer counts as made (its clock runs, a button pressed on the card still works).
            await cases.UpdateAsync(handoffCase.Id, c =>
                c.Status == CaseStatuses.Offered && c.OfferIndex == offerIndex && c.Posted is null ? c with { UncertainPost = new UncertainPost(offerIndex, time.GetUtcNow()) } : null,
                cancellationToken);
            HandoffLog.PostUncertain(logger, handoffCase.Id, partner.Id, offerIndex, e.Reason);
            return true;
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            HandoffLog.DeskUnreachable(logger, partner.Id, handoffCase.Id, e.StatusCode);
            return true;
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException or TimeoutException)
        {
            return false;
        }
        var offer = new PostedOffer(partner.Id, desk.ServiceUrl, posted.Id ?? desk.ChannelId, posted.ActivityId ?? "", time.GetUtcNow());
        var (stored, _) = await cases.UpdateAsync(handoffCase.Id, c =>
            c.Status == CaseStatuses.Offered && c.OfferIndex == offerIndex && c.Posted is null ? c with { Posted = offer } : null, cancellationToken);
        HandoffLog.Posted(logger, handoffCase.Id, partner.Id, offerIndex);
        // The defender erased everything while the card was on its way: the erasure could not mark a card it did not
        // know, so it is marked here.
        if (stored is null)
            await queue.EnqueueAsync(HandoffMessages.Card(handoffCase.Id, offer, "withdrawn", card.Render(handoffCase, "withdrawn"), time.GetUtcNow()), cancellationToken);
        return true;
    }

    /// <summary>
    /// Once a desk of the partner has the case (a card posted, a caseworker told): the accept timeout, and for a case
    /// passed on, the defender's news and why. Both have ids of their own step, so enqueuing them again sends nothing
    /// twice. False when no desk has it.
    /// </summary>
    private async Task<bool> StartClockIfReachedAsync(string caseId, OfferOrder order, Partner partner, CancellationToken cancellationToken)
    {
        var offerIndex = order.OfferIndex;
        var stored = await cases.ReadAsync(caseId, cancellationToken);
        if (stored is null || stored.OfferIndex != offerIndex)
            return true; // gone or moved on: nothing left to start here
        var reached = stored.Posted is not null || stored.UncertainPost?.OfferIndex == offerIndex
            || stored.Notified.Any(n => n.OfferIndex == offerIndex && n.PartnerId == partner.Id && n.Via != WhatsAppNotice.Unreachable);
        if (!reached)
            return stored.Status != CaseStatuses.Offered;
        var now = time.GetUtcNow();
        await queue.EnqueueAsync(HandoffMessages.Timeout(stored, offerIndex, now + progress.AcceptTimeout(stored)), cancellationToken);
        if (offerIndex > 0)
        {
            await queue.EnqueueAsync(HandoffMessages.ToDefender(stored, $"rerouted/{offerIndex}", DefenderEvents.Status, DefenderEvents.Rerouted,
                partner.Name, dialog.Expectation(stored.Answers.Language, partner, now), now, reason: order.BecauseEarlier), cancellationToken);
        }
        return true;
    }

    /// <summary>Whether the defender's conversation still waits for this case (it exists and names it).</summary>
    private async Task<bool> IsStillHandedOffAsync(HandoffCase created, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(created.DefenderKey, cancellationToken);
        if (stored is null)
            return false;
        if (stored.IsUnreadable)
            return true;
        try
        {
            return ConversationState.Parse(stored.Data).Get(DefenderHandoff.Key, HandoffJsonContext.Default.DefenderHandoff)?.CaseId == created.Id;
        }
        catch (JsonException)
        {
            return true;
        }
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
internal sealed class OfferTimeout(CaseProgress progress) : IWorkHandler
{
    public string Kind => HandoffKinds.Timeout;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var order = HandoffMessages.Read(lease.Item, HandoffJsonContext.Default.CaseOnly);
        await progress.PassOnAsync(order.CaseId, order.OfferIndex, OfferOutcomes.Expired, cancellationToken);
        return WorkOutcome.Done;
    }
}

/// <summary>Replaces a posted case card for everyone in the channel (Connector update-activity), so two people never take one case.</summary>
internal sealed class CardUpdateDelivery(ConnectorClient connector) : IWorkHandler
{
    public string Kind => HandoffKinds.Card;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var update = HandoffMessages.Read(lease.Item, HandoffJsonContext.Default.CardUpdate);
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
        return WorkOutcome.Done;
    }
}

/// <summary>
/// Sends a message to a caseworker: into their Teams thread, or to their WhatsApp number (<see cref="WhatsAppCaseworkers"/>).
/// A file goes into Teams by its address: an image shown in the message, anything else as a link under the note.
/// </summary>
internal sealed class CaseworkerDelivery(ConnectorClient connector, WhatsAppCaseworkers whatsApp, FileNotices files) : IWorkHandler
{
    public string Kind => HandoffKinds.ToCaseworker;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var message = HandoffMessages.Read(lease.Item, HandoffJsonContext.Default.CaseworkerMessage);
        if (message.Channel == CaseworkerChannels.WhatsApp)
            return await whatsApp.DeliverAsync(message, lease, cancellationToken);
        try
        {
            await connector.SendToConversationAsync(message.ServiceUrl, message.ThreadId, TeamsMessage(message), cancellationToken);
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            // The thread was deleted, the app removed from the team, or Teams would not take the file; retrying cannot help.
            await files.NotForwardedAsync(message, FileForwarding.Reasons.Refused, cancellationToken);
        }
        return WorkOutcome.Done;
    }

    private static Activity TeamsMessage(CaseworkerMessage message)
    {
        if (message.File is not { Url: { } url } file)
            return new Activity { Type = ActivityTypes.Message, Text = message.Text };
        if (file.Kind == "image")
        {
            return new Activity
            {
                Type = ActivityTypes.Message,
                Text = message.Text,
                Attachments = [new Attachment { ContentType = file.ContentType, ContentUrl = url, Name = file.Name }],
            };
        }
        return new Activity { Type = ActivityTypes.Message, Text = $"{message.Text}\n\n{url}" };
    }
}

/// <summary>
/// Runs a handoff event in the defender's own conversation, as a turn of its own (so their state changes with it and
/// it never interleaves with their messages), and sends its replies to their channel.
/// </summary>
internal sealed class DefenderDelivery(BotProtocol.Turns.ProactiveTurns turns) : IWorkHandler
{
    public string Kind => HandoffKinds.ToDefender;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var notice = HandoffMessages.Read(lease.Item, HandoffJsonContext.Default.DefenderNotice);
        var value = JsonSerializer.SerializeToElement(notice, HandoffJsonContext.Default.DefenderNotice);
        await turns.RunEventAsync(notice.Defender, lease.Item.Id, notice.Event, value, cancellationToken);
        return WorkOutcome.Done;
    }
}
