using System.ComponentModel.DataAnnotations;

namespace ProtectionBot.Channels.WebChat;

/// <summary>
/// The chat page at <c>/</c>, bound from the <c>WebChat</c> section. By default the page talks to this app's own
/// Direct Line (<c>/v3/directline</c>); with <see cref="DirectLineDomain"/> it talks to an Azure Bot's instead.
/// </summary>
internal sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>
    /// Base URL of the Direct Line the page uses, with <c>/v3/directline</c>, e.g.
    /// <c>https://directline.botframework.com/v3/directline</c> (or a regional one such as
    /// <c>https://europe.directline.botframework.com/v3/directline</c>). Empty (default): this app's local Direct Line.
    /// </summary>
    [Url]
    public string? DirectLineDomain { get; set; }

    /// <summary>
    /// The Azure Bot's Direct Line secret, used only by this server to get a token for each visitor from
    /// <see cref="DirectLineDomain"/>; it never reaches the browser. Needed with <see cref="DirectLineDomain"/> unless
    /// <see cref="TokenUrl"/> points at another token service.
    /// </summary>
    public string? DirectLineSecret { get; set; }

    /// <summary>
    /// Where the page gets a visitor's token (POST, answer <c>{"token","conversationId"?,"userId"?}</c>). Empty (default):
    /// this app's <c>/webchat/token</c>.
    /// </summary>
    [Url]
    public string? TokenUrl { get; set; }

    /// <summary>
    /// The neutral page the quick-exit button opens in place of the chat (the chat leaves no entry in the browser's
    /// history). An absolute http(s) URL; default <c>https://www.google.com/</c>.
    /// </summary>
    [Required]
    public string QuickExitUrl { get; set; } = "https://www.google.com/";

    /// <summary>
    /// The bot's WhatsApp number, in international form (<c>+57 300 123 4567</c>). The page offers it as a
    /// <c>https://wa.me/</c> link while the chat loads, for a visitor on a line too slow for it. Empty (default): no
    /// link.
    /// </summary>
    public string? WhatsAppNumber { get; set; }

    internal static IEnumerable<string> Problems(WebChatOptions options)
    {
        if (!IsHttpUrl(options.QuickExitUrl))
            yield return "WebChat:QuickExitUrl must be an absolute http(s) URL.";
        if (!string.IsNullOrWhiteSpace(options.WhatsAppNumber) && !Knowledge.PhoneNumber.IsInternational(options.WhatsAppNumber))
            yield return "WebChat:WhatsAppNumber must be + and the country code, then digits in groups separated by single spaces, e.g. +57 300 123 4567.";
        if (!string.IsNullOrWhiteSpace(options.DirectLineDomain))
        {
            if (!IsHttpUrl(options.DirectLineDomain))
                yield return "WebChat:DirectLineDomain must be an absolute http(s) URL ending in /v3/directline.";
            if (string.IsNullOrWhiteSpace(options.TokenUrl) && string.IsNullOrWhiteSpace(options.DirectLineSecret))
                yield return "WebChat:DirectLineSecret is required with WebChat:DirectLineDomain, unless WebChat:TokenUrl names another token service.";
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
