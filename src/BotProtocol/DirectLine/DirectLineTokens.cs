using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// Conversation tokens: compact JWTs (RFC 7519) signed with HMAC-SHA256, each naming the one conversation it may read
/// and post to, and optionally the user it speaks for. Nothing is stored: the signature and <c>exp</c> are the token.
/// </summary>
public sealed class DirectLineTokens
{
    internal const string Issuer = "protocol:directline";
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly byte[]? _key;
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;

    public DirectLineTokens(IOptions<DirectLineOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<DirectLineTokens> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value;
        _time = time;
        if (!string.IsNullOrWhiteSpace(_options.TokenSigningKey))
        {
            _key = DirectLineOptionsValidator.DecodeKey(_options.TokenSigningKey);
        }
        else if (environment.IsDevelopment())
        {
            _key = RandomNumberGenerator.GetBytes(DirectLineLimits.MinSigningKeyBytes);
            DirectLineLog.DevelopmentSigningKey(logger);
        }
    }

    /// <summary>False when no signing key is configured outside Development: the local Direct Line is then off.</summary>
    public bool IsEnabled => _key is not null;

    /// <summary>Lifetime of a new token in seconds, as <c>expires_in</c> says it.</summary>
    public int ExpiresIn => (int)_options.TokenLifetime.TotalSeconds;

    /// <summary>
    /// A token for a new conversation, as <c>POST tokens/generate</c> gives one (the conversation starts when the
    /// client first calls <c>POST conversations</c> with it). <paramref name="userId"/> binds the token to that user.
    /// </summary>
    public DirectLineToken Generate(string? userId = null) => Issue(NewConversationId(), userId);

    internal DirectLineToken Issue(string conversationId, string? userId)
    {
        var key = _key ?? throw new InvalidOperationException("The local Direct Line has no signing key (DirectLine:TokenSigningKey).");
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new TokenClaims(Issuer, conversationId, userId, now, now + ExpiresIn);
        var signed = Base64Url(Header) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims, DirectLineJsonContext.Default.TokenClaims));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed));
        return new DirectLineToken(conversationId, signed + "." + Base64Url(signature), ExpiresIn);
    }

    /// <summary>Checks signature, algorithm, issuer and lifetime. Never throws on bad input.</summary>
    internal TokenCheck Check(string token)
    {
        if (_key is null || token.Length > 4096)
            return TokenCheck.Invalid;
        var parts = token.Split('.');
        if (parts.Length != 3)
            return TokenCheck.Invalid;
        try
        {
            var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(token[..(parts[0].Length + 1 + parts[1].Length)]));
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64UrlDecode(parts[2])))
                return TokenCheck.Invalid;
            var header = JsonSerializer.Deserialize(Base64UrlDecode(parts[0]), DirectLineJsonContext.Default.TokenHeader);
            var claims = JsonSerializer.Deserialize(Base64UrlDecode(parts[1]), DirectLineJsonContext.Default.TokenClaims);
            if (header?.Algorithm != "HS256" || claims is null || claims.Issuer != Issuer || string.IsNullOrEmpty(claims.ConversationId))
                return TokenCheck.Invalid;
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            return claims.Expires <= now ? TokenCheck.Expired(claims) : TokenCheck.Valid(claims, (int)(claims.Expires - now));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return TokenCheck.Invalid;
        }
    }

    internal static string NewConversationId() => RandomNumberGenerator.GetString(IdAlphabet, 22);

    /// <summary>A random, single-use credential for a stream URL.</summary>
    internal static string NewStreamNonce() => Base64Url(RandomNumberGenerator.GetBytes(24));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException() };
        return Convert.FromBase64String(padded);
    }
}

/// <summary>A token for one conversation and how many seconds it lives (<c>expires_in</c>).</summary>
public sealed record DirectLineToken(string ConversationId, string Token, int ExpiresIn);

internal readonly record struct TokenCheck(TokenStatus Status, TokenClaims? Claims, int ExpiresIn)
{
    public static readonly TokenCheck Invalid = new(TokenStatus.Invalid, null, 0);

    public static TokenCheck Expired(TokenClaims claims) => new(TokenStatus.Expired, claims, 0);

    public static TokenCheck Valid(TokenClaims claims, int expiresIn) => new(TokenStatus.Valid, claims, expiresIn);
}

internal enum TokenStatus
{
    Invalid,
    Expired,
    Valid,
}
