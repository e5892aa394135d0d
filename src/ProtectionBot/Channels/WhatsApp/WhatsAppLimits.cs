namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// What the WhatsApp Business Cloud API accepts and promises, each written once (Meta's messages reference,
/// "interactive list messages", webhooks and customer service window pages). Lengths count UTF-16 code units, which
/// is never fewer than the characters Meta counts, so a text that fits here fits there.
/// </summary>
internal static class WhatsAppLimits
{
    /// <summary><c>text.body</c> of a text message.</summary>
    public const int TextBody = 4096;

    /// <summary>
    /// <c>body.text</c> of an interactive message. Meta's current list page allows 4096, the interactive-object
    /// reference and older API versions 1024: the smaller works on every version.
    /// </summary>
    public const int InteractiveBody = 1024;

    /// <summary>Reply buttons per interactive button message (at least one).</summary>
    public const int Buttons = 3;

    /// <summary><c>reply.title</c> of a reply button, unique within the message.</summary>
    public const int ButtonTitle = 20;

    /// <summary><c>reply.id</c> of a reply button, unique within the message.</summary>
    public const int ButtonId = 256;

    /// <summary><c>action.button</c>: the label of the button that opens a list.</summary>
    public const int ListButton = 20;

    /// <summary>Sections of a list message.</summary>
    public const int ListSections = 10;

    /// <summary><c>section.title</c>; required when a list has more than one section.</summary>
    public const int SectionTitle = 24;

    /// <summary>Rows of a list message, counted across all its sections.</summary>
    public const int ListRows = 10;

    /// <summary><c>row.title</c>.</summary>
    public const int RowTitle = 24;

    /// <summary><c>row.description</c>.</summary>
    public const int RowDescription = 72;

    /// <summary><c>row.id</c>, unique across the message.</summary>
    public const int RowId = 200;

    /// <summary>
    /// The customer service window: free-form messages may be sent only this long after the person's last message;
    /// after it, only approved templates (error 131047).
    /// </summary>
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    /// <summary><c>caption</c> of an image, video or document message (audio and stickers have none).</summary>
    public const int MediaCaption = 1024;

    /// <summary>How long a media id received in a webhook can be used (to send the same media on); uploaded media lasts 30 days.</summary>
    public static readonly TimeSpan WebhookMediaLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// What WhatsApp sends, by message type and MIME type (Meta's supported media table): JPEG and PNG images, MP4 and
    /// 3GPP videos, AAC, AMR, MP3, M4A and Opus-in-Ogg audio, PDF, Word, Excel, PowerPoint and text documents, WebP
    /// stickers. Sizes (5 MB images, 16 MB video and audio, 100 MB documents, 100/500 KB stickers) are Meta's to check:
    /// the webhook does not give a file's size.
    /// </summary>
    private static readonly Dictionary<string, string[]> OutboundMedia = new(StringComparer.Ordinal)
    {
        ["image"] = ["image/jpeg", "image/png"],
        ["video"] = ["video/mp4", "video/3gpp"],
        ["audio"] = ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
        ["document"] =
        [
            "application/pdf", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "text/plain",
        ],
        ["sticker"] = ["image/webp"],
    };

    /// <summary>
    /// The message type (<c>image</c>, <c>video</c>, <c>audio</c>, <c>document</c>, <c>sticker</c>) media of this kind
    /// and MIME type is sent as, or null when WhatsApp does not send it. A voice note is audio; Ogg only with Opus.
    /// </summary>
    public static string? OutboundMediaType(string kind, string? mimeType)
    {
        var type = kind == "voice" ? "audio" : kind;
        var mime = mimeType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mime is null || !OutboundMedia.TryGetValue(type, out var accepted) || !accepted.Contains(mime))
            return null;
        return mime == "audio/ogg" && !mimeType!.Contains("opus", StringComparison.OrdinalIgnoreCase) ? null : type;
    }

    /// <summary>Whether a message of this media type carries a caption.</summary>
    public static bool HasCaption(string type) => type is "image" or "video" or "document";

    /// <summary>
    /// Largest webhook body read. Meta's payloads are a few KB per event and batches stay far below this
    /// (about 3 MB is the figure quoted, not confirmed); anything larger is refused before it is hashed.
    /// </summary>
    public const int WebhookBody = 3 * 1024 * 1024;
}
