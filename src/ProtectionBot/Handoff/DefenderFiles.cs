using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.Work;
using ProtectionBot.Channels.WhatsApp;

namespace ProtectionBot.Handoff;

/// <summary>
/// A file a defender sent while a caseworker has their case, as a reference only (the bot never downloads it): a
/// WhatsApp media id, or a web address on the defender's channel. <see cref="Kind"/> is image, video, audio, voice,
/// document or sticker.
/// </summary>
/// <param name="Step">The message it came in and its place there, so forwarding it twice sends it once.</param>
internal sealed record DefenderFile(string Step, string Kind, DateTimeOffset ReceivedAt)
{
    public string? Name { get; init; }

    /// <summary>The https address it can be opened at (Teams, Web Chat).</summary>
    public string? Url { get; init; }

    public string? ContentType { get; init; }

    /// <summary>WhatsApp's id for it, valid for <see cref="WhatsAppLimits.WebhookMediaLifetime"/> after it arrived.</summary>
    public string? MediaId { get; init; }

    public string? MimeType { get; init; }

    /// <summary>What the defender wrote with it (a WhatsApp caption): their words, passed on with the file.</summary>
    public string? Caption { get; init; }
}

/// <summary>
/// Which files a caseworker's desk can receive. Nothing is downloaded or stored, so a file travels only as a reference
/// the desk's channel can use itself: a Teams desk gets an https address (shown as an image, or as a link); a WhatsApp
/// desk gets the media id, for a file of a type WhatsApp sends (its supported media table), from a defender on
/// WhatsApp, which is the same business number. Anything else is not forwarded, and <see cref="Assess"/> says why.
/// </summary>
internal static class FileForwarding
{
    /// <summary>Why a file was not forwarded: the suffixes of <c>handoff.file.reasons.*</c>.</summary>
    public static class Reasons
    {
        public const string WhatsAppToTeams = "whatsapp_to_teams";
        public const string ToWhatsApp = "to_whatsapp";
        public const string NoAddress = "no_address";
        public const string Format = "format";
        public const string Expired = "expired";
        public const string Refused = "refused";
    }

    /// <summary>The file an attachment refers to, and null with the reason it cannot reach <paramref name="owner"/>'s desk, or the reason null when it can.</summary>
    public static (DefenderFile File, string? Reason) Assess(Attachment attachment, string step, Caseworker owner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(owner);
        if (attachment.ContentType == InboundTranslator.MediaReference && attachment.Content is { ValueKind: JsonValueKind.Object } media)
        {
            var file = new DefenderFile(step, Text(media, "kind") ?? "document", now)
            {
                Name = attachment.Name,
                MediaId = Text(media, "mediaId"),
                MimeType = Text(media, "mimeType"),
                Caption = Text(media, "caption"),
            };
            if (!owner.IsOnWhatsApp)
                return (file, Reasons.WhatsAppToTeams);
            return (file, WhatsAppLimits.OutboundMediaType(file.Kind, file.MimeType) is null || file.MediaId is null ? Reasons.Format : null);
        }

        var url = HttpsUrl(attachment.ContentUrl) ?? DownloadUrl(attachment);
        var other = new DefenderFile(step, KindOf(attachment.ContentType), now) { Name = attachment.Name, Url = url, ContentType = attachment.ContentType };
        if (owner.IsOnWhatsApp)
            return (other, Reasons.ToWhatsApp);
        return (other, url is null ? Reasons.NoAddress : null);
    }

    private static string KindOf(string? contentType) => contentType switch
    {
        { } t when t.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => "image",
        { } t when t.StartsWith("video/", StringComparison.OrdinalIgnoreCase) => "video",
        { } t when t.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) => "audio",
        _ => "document",
    };

    /// <summary>A file a Teams user attached: its pre-authorised <c>downloadUrl</c> (Teams' file download info).</summary>
    private static string? DownloadUrl(Attachment attachment) =>
        attachment.ContentType == "application/vnd.microsoft.teams.file.download.info"
        && attachment.Content is { ValueKind: JsonValueKind.Object } content
            ? HttpsUrl(Text(content, "downloadUrl"))
            : null;

    private static string? HttpsUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri.AbsoluteUri : null;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Tells the defender that a file they agreed to pass on did not reach the caseworker after all, and why.</summary>
internal sealed class FileNotices(CaseStore cases, IWorkQueue queue, TimeProvider time, ILogger<FileNotices> logger)
{
    public async Task NotForwardedAsync(CaseworkerMessage message, string reason, CancellationToken cancellationToken)
    {
        if (message.File is not { } file || message.CaseId is not { } caseId)
            return;
        HandoffLog.FileNotForwarded(logger, caseId, file.Kind, reason);
        if (await cases.ReadAsync(caseId, cancellationToken) is not { } handoffCase)
            return; // closed meanwhile: nobody is waiting for that file any more
        await queue.EnqueueAsync(HandoffMessages.ToDefender(handoffCase, $"file/{file.Step}/{reason}", DefenderEvents.File, null, file.Kind, file.Name,
            time.GetUtcNow(), reason), cancellationToken);
    }
}
