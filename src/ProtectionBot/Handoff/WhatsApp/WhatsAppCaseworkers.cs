using System.Globalization;
using System.Text.RegularExpressions;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Extensions.Options;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Content;

namespace ProtectionBot.Handoff.WhatsApp;

/// <summary>
/// What a WhatsApp caseworker's button stands for: <c>handoff:{action}:{case}:{offer}</c>, as a reply button's id or a
/// template quick reply's payload. It names a case and an offer, never a person; who may act on it is decided by the
/// number that sent it.
/// </summary>
internal sealed partial record CasePayload(string Action, string CaseId, int OfferIndex)
{
    /// <summary>The reminder template's button: the caseworker reopens the chat, so the waiting messages can reach them.</summary>
    public const string Open = "open";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"handoff:{Action}:{CaseId}:{OfferIndex}");

    public static CasePayload? Parse(string? text) =>
        text is not null && Pattern().Match(text.Trim()) is { Success: true } match
            ? new CasePayload(match.Groups[1].Value, match.Groups[2].Value, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
            : null;

    /// <summary>A short reference to a case (its id's first characters), safe in a template: it means nothing outside the bot.</summary>
    public static string Reference(string caseId) => caseId[..Math.Min(6, caseId.Length)].ToUpperInvariant();

    [GeneratedRegex("^handoff:(accept|decline|close|open):([0-9a-f]{1,64}):([0-9]{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// Everything the handoff sends to caseworkers' WhatsApp numbers. An offer reaches each registered number of the
/// partner: inside the number's 24-hour window as the case summary with Accept / Decline buttons, outside it as the
/// approved <c>CaseworkerNotification</c> template (urgency and case reference only, never personal data) whose
/// quick replies are Accept / Decline. Each number told is written into the case before the next is tried, so a
/// retried delivery tells nobody twice. Messages for a caseworker who has a case go inside their window; outside it
/// they wait in the work queue, and one <c>CaseworkerReminder</c> template (the case reference only) asks the caseworker to
/// reopen the chat.
/// </summary>
internal sealed class WhatsAppCaseworkers(
    WhatsAppMessenger messenger, CustomerServiceWindow window, IOptions<WhatsAppOptions> options, CaseStore cases, CaseSummary summary, TextCatalog texts,
    FileNotices files, TimeProvider time, ILogger<WhatsAppCaseworkers> logger)
{
    public const string NotificationTemplate = "CaseworkerNotification";
    public const string ReminderTemplate = "CaseworkerReminder";

    /// <summary>
    /// How often a message waiting for a caseworker to reopen the chat looks again. Fixed (no growing backoff, no
    /// jitter) so waiting messages keep their order and follow within a minute of the caseworker's return.
    /// </summary>
    public static readonly TimeSpan WindowCheck = TimeSpan.FromMinutes(1);

    /// <summary>Whether this partner's caseworkers can be told of a case on WhatsApp (it has numbers, and the channel is on).</summary>
    public bool CanNotify(Partner? partner) => partner?.WhatsApp is not null && options.Value.Enabled;

    /// <summary>
    /// Tells every registered number of <paramref name="partner"/> not yet told of this offer. Returns null once every
    /// number was tried (or the case moved on meanwhile), or the outcome to retry with when WhatsApp cannot take
    /// messages now (rate limits, an outage, a token being renewed).
    /// </summary>
    public async Task<WorkOutcome?> NotifyAsync(string caseId, Partner partner, int offerIndex, CancellationToken cancellationToken)
    {
        var numbers = partner.WhatsApp!.Numbers;
        for (var index = 0; index < numbers.Count; index++)
        {
            var number = numbers[index];
            var current = await cases.ReadAsync(caseId, cancellationToken);
            if (current is null || current.Status != CaseStatuses.Offered || current.OfferIndex != offerIndex)
                return null; // taken, closed or passed on while the others were being told
            if (current.Notified.Any(n => Same(n, offerIndex, partner.Id, number)))
                continue;

            string via;
            try
            {
                via = await NotifyOneAsync(current, number, cancellationToken);
            }
            catch (WhatsAppSendException e) when (e.IsRetryable)
            {
                HandoffLog.WhatsAppWillRetry(logger, caseId, partner.Id, index, e.Category.ToString(), e.ErrorCode);
                return WorkOutcome.Retry(e.RetryAfter);
            }
            catch (WhatsAppSendException e) when (e.Category == WhatsAppErrorCategory.AccessDenied)
            {
                // Nothing reaches anyone until the token is renewed: look again at the work queue's longest wait.
                HandoffLog.WhatsAppWillRetry(logger, caseId, partner.Id, index, e.Category.ToString(), e.ErrorCode);
                return WorkOutcome.Retry(TimeSpan.MaxValue);
            }
            catch (WhatsAppSendException e)
            {
                HandoffLog.WhatsAppUnreachable(logger, caseId, partner.Id, index, e.Category.ToString(), e.ErrorCode);
                via = WhatsAppNotice.Unreachable;
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException)
            {
                HandoffLog.WhatsAppWillRetry(logger, caseId, partner.Id, index, e.GetType().Name, null);
                return WorkOutcome.Retry();
            }

            var notice = new WhatsAppNotice(offerIndex, partner.Id, number, via);
            await cases.UpdateAsync(caseId, c => c.Notified.Any(n => Same(n, offerIndex, partner.Id, number)) ? null : c with { Notified = [.. c.Notified, notice] }, cancellationToken);
            if (via != WhatsAppNotice.Unreachable)
                HandoffLog.WhatsAppNotified(logger, caseId, partner.Id, index, via, offerIndex);
        }
        return null;
    }

    /// <summary>
    /// Sends a message to a caseworker's number: inside their window at once; outside it, the message waits in the
    /// work queue (looking again every <see cref="WindowCheck"/>) and the caseworker gets one reminder since they last wrote.
    /// </summary>
    public async Task<WorkOutcome> DeliverAsync(CaseworkerMessage message, WorkLease lease, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return WorkOutcome.Done; // the channel was turned off: nothing can reach the number any more
        var number = message.ThreadId;
        if (message.File is { } file && time.GetUtcNow() - file.ReceivedAt >= WhatsAppLimits.WebhookMediaLifetime)
        {
            await files.NotForwardedAsync(message, FileForwarding.Reasons.Expired, cancellationToken);
            return WorkOutcome.Done;
        }
        try
        {
            if (await window.IsOpenAsync(number, cancellationToken))
            {
                if (message.File is { MediaId: { } mediaId } media)
                    await messenger.SendMediaAsync(number, media.Kind, media.MimeType, mediaId, media.Caption, media.Name, cancellationToken);
                else
                    await messenger.SendAsync(number, new Activity { Type = ActivityTypes.Message, Text = message.Text, Locale = Language.ToLocale(message.Language) }, cancellationToken);
                return WorkOutcome.Done;
            }
        }
        catch (WhatsAppSendException e) when (e.Category == WhatsAppErrorCategory.ReEngagementRequired)
        {
            // The window closed between the check and the send.
        }
        catch (WhatsAppSendException e) when (e.IsRetryable)
        {
            return WorkOutcome.Retry(e.RetryAfter);
        }
        catch (WhatsAppSendException e) when (e.Category == WhatsAppErrorCategory.AccessDenied)
        {
            return WorkOutcome.Retry(TimeSpan.MaxValue);
        }
        catch (WhatsAppSendException e)
        {
            HandoffLog.WhatsAppUnreachable(logger, message.CaseId ?? "-", "-", -1, e.Category.ToString(), e.ErrorCode);
            await files.NotForwardedAsync(message, FileForwarding.Reasons.Refused, cancellationToken);
            return WorkOutcome.Done;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            return WorkOutcome.Retry();
        }

        if (message.OnlyInWindow)
            return WorkOutcome.Done;
        var reminded = await RemindAsync(message, number, lease.Attempt, cancellationToken);
        HandoffLog.WhatsAppWaiting(logger, message.CaseId ?? "-", reminded);
        return WorkOutcome.Retry(WindowCheck);
    }

    /// <summary>The case as a caseworker reads it on WhatsApp: the card's title, reference, summary lines and contact.</summary>
    public string Summary(HandoffCase handoffCase)
    {
        var language = handoffCase.Answers.Language;
        var lines = new List<string>
        {
            $"*{texts.Get(language, handoffCase.Urgent ? "handoff.card.title_urgent" : "handoff.card.title")}* · {texts.Get(language, "handoff.whatsapp.reference", CasePayload.Reference(handoffCase.Id))}",
        };
        lines.AddRange(summary.Lines(handoffCase.Answers, handoffCase.Mechanisms, language, SummaryReader.Caseworker));
        var contact = summary.ContactLines(handoffCase.Contact, language);
        lines.AddRange(contact.Count > 0 ? contact : [texts.Get(language, "handoff.whatsapp.anonymous")]);
        return string.Join("\n", lines);
    }

    private async Task<string> NotifyOneAsync(HandoffCase handoffCase, string number, CancellationToken cancellationToken)
    {
        var language = handoffCase.Answers.Language;
        if (await window.IsOpenAsync(number, cancellationToken))
        {
            try
            {
                await messenger.SendAsync(number, Offer(handoffCase), cancellationToken);
                return WhatsAppNotice.Message;
            }
            catch (WhatsAppSendException e) when (e.Category == WhatsAppErrorCategory.ReEngagementRequired)
            {
                // Closed meanwhile (or Meta counts differently): the template reaches them all the same.
            }
        }
        if (!messenger.HasTemplate(NotificationTemplate, language))
        {
            HandoffLog.TemplateMissing(logger, NotificationTemplate, language);
            return WhatsAppNotice.Unreachable;
        }
        var urgency = handoffCase.Urgent ? "immediate" : handoffCase.Answers.Urgency;
        await messenger.SendTemplateAsync(number, NotificationTemplate, language,
            [texts.Get(language, $"handoff.whatsapp.urgency.{(texts.Has($"handoff.whatsapp.urgency.{urgency}") ? urgency : "urgent")}"), CasePayload.Reference(handoffCase.Id)],
            [Payload(CaseCard.Accept, handoffCase), Payload(CaseCard.Decline, handoffCase)], cancellationToken);
        return WhatsAppNotice.Template;
    }

    private Activity Offer(HandoffCase handoffCase)
    {
        var language = handoffCase.Answers.Language;
        return new Activity
        {
            Type = ActivityTypes.Message,
            Locale = Language.ToLocale(language),
            Text = Summary(handoffCase) + "\n\n" + texts.Get(language, "handoff.whatsapp.offer_ask"),
            SuggestedActions = new SuggestedActions
            {
                Actions =
                [
                    CardAction.ImBack(texts.Get(language, "handoff.card.accept"), Payload(CaseCard.Accept, handoffCase)),
                    CardAction.ImBack(texts.Get(language, "handoff.card.decline"), Payload(CaseCard.Decline, handoffCase)),
                ],
            },
        };
    }

    /// <summary>One reminder template since the caseworker last wrote: kept in the case, or for a case already gone, on the message's first attempt.</summary>
    private async Task<bool> RemindAsync(CaseworkerMessage message, string number, int attempt, CancellationToken cancellationToken)
    {
        var language = message.Language;
        var caseId = message.CaseId ?? "";
        var handoffCase = caseId.Length > 0 ? await cases.ReadAsync(caseId, cancellationToken) : null;
        var owner = handoffCase?.Owner is { IsOnWhatsApp: true } o && o.UserId == number ? o : null;
        if (owner is not null)
        {
            var lastWrote = await window.LastInboundAsync(number, cancellationToken);
            if (owner.RemindedAt is { } reminded && (lastWrote is null || reminded > lastWrote))
                return false;
        }
        else if (attempt > 1)
        {
            return false;
        }
        if (!messenger.HasTemplate(ReminderTemplate, language))
        {
            HandoffLog.TemplateMissing(logger, ReminderTemplate, language);
            return false;
        }
        try
        {
            await messenger.SendTemplateAsync(number, ReminderTemplate, language, [CasePayload.Reference(caseId)],
                [new CasePayload(CasePayload.Open, caseId, handoffCase?.OfferIndex ?? 0).ToString()], cancellationToken);
        }
        catch (Exception e) when (e is WhatsAppSendException or HttpRequestException or TimeoutException)
        {
            return false; // the next attempt reminds again
        }
        if (owner is not null)
        {
            var now = time.GetUtcNow();
            await cases.UpdateAsync(caseId, c => c.Owner is { } current && current.UserId == number ? c with { Owner = current with { RemindedAt = now } } : null, cancellationToken);
        }
        return true;
    }

    private static string Payload(string action, HandoffCase handoffCase) => new CasePayload(action, handoffCase.Id, handoffCase.OfferIndex).ToString();

    private static bool Same(WhatsAppNotice notice, int offerIndex, string partnerId, string number) =>
        notice.OfferIndex == offerIndex && notice.PartnerId == partnerId && notice.Number == number;
}
