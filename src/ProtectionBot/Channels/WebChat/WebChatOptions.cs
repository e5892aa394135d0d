using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

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
    [Url(ErrorMessage = "WebChat:DirectLineDomain must be an absolute http(s) URL ending in /v3/directline.")]
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
    [Url(ErrorMessage = "WebChat:TokenUrl must be an absolute http(s) URL.")]
    public string? TokenUrl { get; set; }

    /// <summary>
    /// The neutral page the quick-exit button opens in place of the chat (the chat leaves no entry in the browser's
    /// history). An absolute http(s) URL; default <c>https://www.google.com/</c>.
    /// </summary>
    [Required(ErrorMessage = "WebChat:QuickExitUrl must be an absolute http(s) URL.")]
    public string QuickExitUrl { get; set; } = "https://www.google.com/";

    /// <summary>
    /// The bot's WhatsApp number, in international form (<c>+57 300 123 4567</c>). The page offers it as a
    /// <c>https://wa.me/</c> link while the chat loads, for a visitor on a line too slow for it. Empty (default): no
    /// link.
    /// </summary>
    public string? WhatsAppNumber { get; set; }

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>The rules of one setting are the attributes on <see cref="WebChatOptions"/>; the rest are written here.</summary>
internal sealed partial class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(OptionsKeys.Named(new Attributes().Validate(WebChatOptions.Section, options), WebChatOptions.Section));
        if (!string.IsNullOrWhiteSpace(options.QuickExitUrl) && !WebChatOptions.IsHttpUrl(options.QuickExitUrl))
            result.AddError("WebChat:QuickExitUrl must be an absolute http(s) URL.");
        if (!string.IsNullOrWhiteSpace(options.WhatsAppNumber) && !Knowledge.PhoneNumber.IsInternational(options.WhatsAppNumber))
            result.AddError("WebChat:WhatsAppNumber must be + and the country code, then digits in groups separated by single spaces, e.g. +57 300 123 4567.");
        if (!string.IsNullOrWhiteSpace(options.DirectLineDomain))
        {
            if (!WebChatOptions.IsHttpUrl(options.DirectLineDomain))
                result.AddError("WebChat:DirectLineDomain must be an absolute http(s) URL ending in /v3/directline.");
            if (string.IsNullOrWhiteSpace(options.TokenUrl) && string.IsNullOrWhiteSpace(options.DirectLineSecret))
                result.AddError("WebChat:DirectLineSecret is required with WebChat:DirectLineDomain, unless WebChat:TokenUrl names another token service.");
        }
        return result.Build();
    }

    [OptionsValidator]
    private sealed partial class Attributes : IValidateOptions<WebChatOptions>;
}
