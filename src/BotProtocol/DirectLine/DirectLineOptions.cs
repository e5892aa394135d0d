using System.ComponentModel.DataAnnotations;
using BotProtocol.Hosting;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

// A TimeSpan range names its type, which the trimming analyser flags for DataAnnotations' own TypeConverter path; the
// generated validator compares with its own copy of the attribute and never takes that path.
#pragma warning disable IL2026
/// <summary>
/// The local Direct Line 3.0 endpoint (protocol reference §5), bound from the <c>DirectLine</c> section.
/// Memory is bounded by <see cref="MaxConversations"/> × <see cref="MaxActivitiesPerConversation"/> activities of at
/// most <see cref="DirectLineLimits.MaxActivityBytes"/> each, and idle conversations are forgotten.
/// </summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// Key that signs the conversation tokens (HMAC-SHA256), base64, at least 32 bytes. Empty: in Development a random
    /// key is made at start (tokens die with the process); elsewhere the local Direct Line stays off.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>
    /// The Direct Line secret accepted by <c>tokens/generate</c> and <c>conversations</c> (as Azure's channel secret is).
    /// Empty: only tokens the application mints itself (its Web Chat page) can start conversations.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Lifetime of a token, sent as <c>expires_in</c>. Range 1 minute to 1 day, default 30 minutes as Azure's.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A conversation nobody posted to for this long is forgotten (404 afterwards). Range 1 minute to 7 days, default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A conversation no client has posted to (only started, as a script that grabs slots leaves it) is forgotten after
    /// this long without activity, unless a stream is open on it. Range 1 minute to
    /// <see cref="ConversationIdleTimeout"/>, default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan UnusedConversationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Conversations kept at once. When they are all taken, a start makes room by forgetting the least recently active
    /// conversation nobody posted to, else the least recently active one of the client holding the most; only when every
    /// client holds a single conversation is the start answered 429. Range 1 to 1,000,000, default 2,000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 2_000;

    /// <summary>
    /// Conversations one client (an IPv4 address, or an IPv6 /64 network) may hold at once; its next start is answered
    /// 429. Range 1 to 1,000,000 (more than <see cref="MaxConversations"/> means no share), default 20 (an office
    /// behind one address has room).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConversationsPerClient { get; set; } = 20;

    /// <summary>
    /// Token requests and conversation starts one client may make per minute (a page load makes one of each), as a token
    /// bucket that holds a minute's worth; beyond it, 429 with <c>Retry-After</c>. Requests with the Direct Line secret
    /// (a partner's server) are not counted. Range 1 to 10,000, default 20.
    /// </summary>
    [Range(1, 10_000)]
    public int StartsPerClientPerMinute { get; set; } = 20;

    /// <summary>
    /// The same, for all clients together: what a crowd of addresses can take. Range 1 to 1,000,000, default 1,200.
    /// </summary>
    [Range(1, 1_000_000)]
    public int StartsPerMinute { get; set; } = 1_200;

    /// <summary>
    /// Activities one conversation may post per minute (each is a turn of the bot), as a token bucket that holds a
    /// minute's worth; beyond it, 429 with <c>Retry-After</c>. Reading is not counted. Range 1 to 10,000, default 60
    /// (a person types far fewer; a script gets one turn a second).
    /// </summary>
    [Range(1, 10_000)]
    public int ActivitiesPerConversationPerMinute { get; set; } = 60;

    /// <summary>
    /// Activities kept per conversation for clients to read; older ones are dropped (a client that polls keeps up).
    /// Range 10 to 10,000, default 200 (an interview is about 40).
    /// </summary>
    [Range(10, 10_000)]
    public int MaxActivitiesPerConversation { get; set; } = 200;

    /// <summary>
    /// Origins of other sites allowed to call the endpoint from a browser (CORS), e.g. <c>https://partner.example</c>;
    /// <c>*</c> allows any. Empty (default): only pages of this origin. A request whose <c>Origin</c> is neither this
    /// site nor listed is refused with 403, preflight included.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The bot's account id on the conversation. Default <c>bot</c>.</summary>
    [Required(ErrorMessage = "DirectLine:BotId must not be empty.")]
    public string BotId { get; set; } = "bot";

    /// <summary>The bot's display name on its activities. Default none.</summary>
    public string? BotName { get; set; }
}

#pragma warning restore IL2026

/// <summary>Fixed limits of the local Direct Line.</summary>
public static class DirectLineLimits
{
    /// <summary>Largest activity a client may post. Web Chat's messages and card submits are a few kilobytes.</summary>
    public const int MaxActivityBytes = 64 * 1024;

    /// <summary>Largest body of a token request or a conversation start (a user id and a locale).</summary>
    internal const int MaxStartBodyBytes = 4 * 1024;

    /// <summary>A stream URL must be opened within this time of being handed out (Direct Line 3.0: 60 s), and only once.</summary>
    public static readonly TimeSpan StreamUrlLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Smallest accepted signing key.</summary>
    public const int MinSigningKeyBytes = 32;
}

/// <summary>
/// The ranges are the attributes on <see cref="DirectLineOptions"/>; the signing key, the origins and the rule between the
/// two timeouts are written here.
/// </summary>
internal sealed partial class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(OptionsKeys.Named(new Attributes().Validate(DirectLineOptions.SectionName, options), DirectLineOptions.SectionName));
        if (!string.IsNullOrWhiteSpace(options.TokenSigningKey) && DecodeKey(options.TokenSigningKey) is null)
            result.AddError($"DirectLine:TokenSigningKey must be base64 of at least {DirectLineLimits.MinSigningKeyBytes} bytes.");
        if (options.UnusedConversationTimeout > options.ConversationIdleTimeout && options.UnusedConversationTimeout <= TimeSpan.FromDays(7))
            result.AddError("DirectLine:UnusedConversationTimeout must be between 1 minute and DirectLine:ConversationIdleTimeout.");
        foreach (var origin in options.AllowedOrigins)
        {
            if (origin != "*" && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && origin.TrimEnd('/') == uri.GetLeftPart(UriPartial.Authority)))
                result.AddError($"DirectLine:AllowedOrigins: '{origin}' is not an origin such as https://partner.example (scheme, host and port only) or *.");
        }
        return result.Build();
    }

    internal static byte[]? DecodeKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written >= DirectLineLimits.MinSigningKeyBytes
            ? buffer[..written]
            : null;
    }

    [OptionsValidator]
    private sealed partial class Attributes : IValidateOptions<DirectLineOptions>;
}
