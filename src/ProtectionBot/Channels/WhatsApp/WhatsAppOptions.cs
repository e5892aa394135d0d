using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ProtectionBot.Content;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// The WhatsApp Business Cloud API connection, bound from the <c>WhatsApp</c> section
/// (<c>WhatsApp__PhoneNumberId</c> and so on in environment variables). The channel is on only when
/// <see cref="PhoneNumberId"/> is set; then the three secrets must be set too, which is checked at start-up.
/// </summary>
internal sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    /// <summary>What the deployment template passes for a secret that was not set up yet; treated as empty.</summary>
    public const string Placeholder = "not-configured";

    /// <summary>
    /// The business number's phone number id (digits, from WhatsApp Manager; not the phone number itself). Empty (the
    /// default) turns the channel off: <c>/api/whatsapp</c> then answers 503.
    /// </summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>Bearer token of the Graph API calls: a system user's permanent token. Required when the channel is on.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Meta app's secret: the key of the <c>X-Hub-Signature-256</c> HMAC on every webhook. Required when on.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The string typed into the webhook configuration, echoed back by Meta's verification request. Required when on.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>Graph API version in the request path, <c>v{major}.{minor}</c>. Default <c>v23.0</c>.</summary>
    [Required(ErrorMessage = "WhatsApp:GraphApiVersion must look like v23.0.")]
    [RegularExpression(@"^v\d{1,3}\.\d{1,3}$", ErrorMessage = "WhatsApp:GraphApiVersion must look like v23.0.")]
    public string GraphApiVersion { get; set; } = "v23.0";

    /// <summary>Where the Graph API is: an absolute http(s) URL. Default <c>https://graph.facebook.com</c>; tests point it at a local fake.</summary>
    public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>Limit on one Graph API call, from sending to the answer. Range 1 s to 2 minutes, default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Key of the conversation ids (a keyed hash of the number, so stored keys and logs never hold the number).
    /// Default: derived from <see cref="AppSecret"/>. Set it (any long random string) to keep conversations when the app
    /// secret is rotated; changing it starts every WhatsApp conversation afresh.
    /// </summary>
    public string? ConversationIdKey { get; set; }

    /// <summary>
    /// Approved message templates by purpose and language: <c>WhatsApp:Templates:CaseworkerNotification:es</c> =
    /// the template's name. The language key (es, fr, en) is also the language code sent to Meta. Default none.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Enabled => IsSet(PhoneNumberId);

    internal static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value) && value.Trim() != Placeholder;

    /// <summary>The name of <paramref name="purpose"/>'s template in <paramref name="language"/>, or null when none is configured.</summary>
    public string? TemplateName(string purpose, string language)
    {
        if (!Templates.TryGetValue(purpose, out var byLanguage))
            return null;
        foreach (var (key, name) in byLanguage)
        {
            if (string.Equals(key, language, StringComparison.OrdinalIgnoreCase) && IsSet(name))
                return name.Trim();
        }
        return null;
    }
}

/// <summary>The rules of one setting are the attributes on <see cref="WhatsAppOptions"/>; the rest are written here.</summary>
internal sealed partial class WhatsAppOptionsValidator : IValidateOptions<WhatsAppOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatsAppOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(OptionsKeys.Named(new Attributes().Validate(WhatsAppOptions.Section, options), WhatsAppOptions.Section));
        if (options.Enabled)
        {
            if (!options.PhoneNumberId!.Trim().All(char.IsAsciiDigit))
                result.AddError("WhatsApp:PhoneNumberId must be the digits of the phone number id shown in WhatsApp Manager.");
            foreach (var (key, value) in new[] { ("AppSecret", options.AppSecret), ("AccessToken", options.AccessToken), ("VerifyToken", options.VerifyToken) })
            {
                if (!WhatsAppOptions.IsSet(value))
                    result.AddError($"WhatsApp:{key} must be set when WhatsApp:PhoneNumberId is (the WhatsApp channel is on).");
            }
        }
        if (!Uri.TryCreate(options.GraphApiBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            result.AddError("WhatsApp:GraphApiBaseUrl must be an absolute http(s) URL.");
        foreach (var (purpose, byLanguage) in options.Templates)
        {
            foreach (var language in byLanguage.Keys.Where(l => !Language.All.Contains(l.ToLowerInvariant())))
                result.AddError($"WhatsApp:Templates:{purpose}:{language}: the language must be one of {string.Join(", ", Language.All)}.");
        }
        return result.Build();
    }

    [OptionsValidator]
    private sealed partial class Attributes : IValidateOptions<WhatsAppOptions>;
}
