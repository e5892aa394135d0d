using System.Collections.Frozen;
using BotProtocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BotProtocol.Auth;

/// <summary>
/// Decides whether a <c>POST /api/messages</c> really comes from a Bot Framework channel, the Emulator or an allowed
/// skill caller. Sources, cited by these short names below: "Bot Connector authentication" (the Azure Bot Service
/// article "Authenticate requests with the Bot Connector API", section "Connector to bot"), and the SDKs' code,
/// botbuilder-dotnet <c>Microsoft.Bot.Connector.Authentication</c> and the npm package <c>botframework-connector</c>.
/// </summary>
public sealed class RequestAuthenticator
{
    private const string BearerScheme = "Bearer ";
    private const string AzureCallerId = CallerIdConstants.PublicAzureChannel;
    private const string SkillCallerIdPrefix = CallerIdConstants.BotToBotPrefix;

    // Bot Connector authentication and both SDKs: RS256/384/512 only. Checked on the raw header before any key work,
    // so "none" and HS* (including HMAC keyed with the public key) never reach a validator.
    private static readonly FrozenSet<string> Algorithms = FrozenSet.ToFrozenSet(
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512], StringComparer.Ordinal);

    private static readonly Task<AuthenticationResult> AnonymousResult =
        Task.FromResult(new AuthenticationResult(AuthenticationStatus.Anonymous, null, null, null, null));

    private static readonly AuthenticationResult ChannelResult =
        new(AuthenticationStatus.Authenticated, null, null, AzureCallerId, null);

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _clockSkew;
    private readonly ILogger _logger;
    private readonly string? _appId;
    private readonly string _channelIssuer;
    private readonly FrozenSet<string> _entraIssuers;
    private readonly FrozenSet<string> _allowedCallers;
    private readonly bool _anyCallerAllowed;
    private readonly OpenIdKeySource _channelKeys;
    private readonly OpenIdKeySource _entraKeys;
    private readonly TokenValidationParameters _channelParameters;
    private readonly TokenValidationParameters _entraParameters;

    internal RequestAuthenticator(BotFrameworkOptions options, SigningKeyCache keys, TimeProvider timeProvider, ILogger<RequestAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _clockSkew = options.ClockSkew;
        _logger = logger;
        IsAuthenticationDisabled = options.IsAuthenticationDisabled;
        _appId = options.MicrosoftAppId?.Trim();
        _channelIssuer = options.ToBotFromChannelTokenIssuer;
        _entraIssuers = EntraIssuers.For(options.MicrosoftAppTenantId);
        _allowedCallers = options.AllowedCallers.Select(c => c.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _anyCallerAllowed = _allowedCallers.Contains("*");
        _channelKeys = keys.For(options.ToBotFromChannelOpenIdMetadataUrl);
        _entraKeys = keys.For(options.ToBotFromEmulatorOpenIdMetadataUrl);
        _channelParameters = CreateParameters(options, [_channelIssuer], _channelKeys);
        _entraParameters = CreateParameters(options, _entraIssuers, _entraKeys);
    }

    /// <summary>True when no <c>MicrosoftAppId</c> is configured: every request is anonymous (local development).</summary>
    public bool IsAuthenticationDisabled { get; }

    public Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // The JS SDK's behaviour (isAuthenticationDisabled): any header is ignored. .NET would still validate one that
        // is present and fail it, there being no app id to check its audience against.
        return IsAuthenticationDisabled
            ? AnonymousResult
            : AuthenticateCoreAsync(authorizationHeader, activity, cancellationToken);
    }

    private async Task<AuthenticationResult> AuthenticateCoreAsync(string? header, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(header))
            return Refuse(TokenPath.None, FailureReasons.MissingHeader, activity);
        // Both SDKs: exactly two space-separated parts, the first "Bearer" (JwtTokenExtractor).
        if (!header.StartsWith(BearerScheme, StringComparison.Ordinal)
            || header.Length == BearerScheme.Length
            || header.AsSpan(BearerScheme.Length).Contains(' '))
        {
            return Refuse(TokenPath.None, FailureReasons.NotBearer, activity);
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(header.AsMemory(BearerScheme.Length));
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenMalformedException)
        {
            return Refuse(TokenPath.None, FailureReasons.Malformed, activity);
        }

        if (token.IsEncrypted || token.Alg is not { Length: > 0 } algorithm || !Algorithms.Contains(algorithm))
            return Refuse(TokenPath.None, FailureReasons.AlgorithmNotAllowed, activity);

        var path = Route(token);
        var issuer = token.Issuer ?? "";
        var issuerAccepted = path == TokenPath.Channel
            ? string.Equals(issuer, _channelIssuer, StringComparison.Ordinal)
            : _entraIssuers.Contains(issuer);
        // As the SDKs do: an issuer not allowed on the chosen path is refused before any key is fetched, so junk tokens
        // cannot make the bot call out.
        if (!issuerAccepted)
            return Refuse(path, FailureReasons.IssuerNotAccepted, activity);
        if (string.IsNullOrEmpty(token.Kid))
            return Refuse(path, FailureReasons.NoKeyId, activity);

        var keys = path == TokenPath.Channel ? _channelKeys : _entraKeys;
        var lookup = await keys.FindAsync(token.Kid, cancellationToken);
        if (lookup.KeysUnavailable)
            return new AuthenticationResult(AuthenticationStatus.Unavailable, FailureReasons.KeysUnavailable, null, null, null);
        if (lookup.Key is null)
            return Refuse(path, FailureReasons.UnknownSigningKey, activity);

        var validation = await _handler.ValidateTokenAsync(token, path == TokenPath.Channel ? _channelParameters : _entraParameters);
        if (!validation.IsValid)
            return Refuse(path, Describe(validation.Exception), activity);
        if (CheckLifetime(token) is { } lifetimeProblem)
            return Refuse(path, lifetimeProblem, activity);

        return path switch
        {
            TokenPath.Channel => CheckChannelClaims(token, activity),
            TokenPath.Emulator => CheckEmulatorClaims(token, activity),
            _ => CheckSkillClaims(token, activity),
        };
    }

    // The SDKs' order (ParameterizedBotFrameworkAuthentication): a skill token (SkillValidation.IsSkillToken), then an
    // Emulator token (an Entra issuer), else a channel token.
    private TokenPath Route(JsonWebToken token)
    {
        if (TryGetString(token, "ver", out var version)
            && SingleAudience(token) is { } audience
            && !string.Equals(audience, _channelIssuer, StringComparison.Ordinal)
            && CallerAppId(token, version) is { } appId
            && !string.Equals(appId, audience, StringComparison.Ordinal))
        {
            return TokenPath.Skill;
        }
        return _entraIssuers.Contains(token.Issuer ?? "") ? TokenPath.Emulator : TokenPath.Channel;
    }

    private AuthenticationResult CheckChannelClaims(JsonWebToken token, Activity activity)
    {
        // Bot Connector authentication: the key that signed must endorse the activity's channel, so a key issued for
        // one channel cannot speak for another. A key with no endorsements at all is refused on this path, as the .NET
        // SDK does (JS skips the check); an activity without channelId is not checked (EndorsementsValidator).
        if (token.SigningKey is not SigningKey { Endorsements: not null } key)
            return Refuse(TokenPath.Channel, FailureReasons.KeyWithoutEndorsements, activity);
        if (!string.IsNullOrEmpty(activity.ChannelId) && !key.Endorses(activity.ChannelId))
            return Refuse(TokenPath.Channel, FailureReasons.ChannelNotEndorsed, activity);

        if (!TryGetString(token, "serviceurl", out var serviceUrl))
            return Refuse(TokenPath.Channel, FailureReasons.ServiceUrlMissing, activity);
        if (!SameServiceUrl(serviceUrl, activity.ServiceUrl))
            return Refuse(TokenPath.Channel, FailureReasons.ServiceUrlMismatch, activity);

        return ChannelResult;
    }

    private AuthenticationResult CheckEmulatorClaims(JsonWebToken token, Activity activity)
    {
        // EmulatorValidation: ver required; the app id is appid (v1.0) or azp (v2.0) and must be this bot's own.
        if (!TryGetString(token, "ver", out var version) || version is not ("1.0" or "2.0"))
            return Refuse(TokenPath.Emulator, FailureReasons.UnsupportedVersion, activity);
        if (CallerAppId(token, version) is not { } appId)
            return Refuse(TokenPath.Emulator, FailureReasons.AppIdMissing, activity);
        if (!string.Equals(appId, _appId, StringComparison.OrdinalIgnoreCase))
            return Refuse(TokenPath.Emulator, FailureReasons.AppIdMismatch, activity);

        return new AuthenticationResult(AuthenticationStatus.Authenticated, null, appId, AzureCallerId, null);
    }

    private AuthenticationResult CheckSkillClaims(JsonWebToken token, Activity activity)
    {
        // Routing only picks this path when ver and a caller app id are present.
        TryGetString(token, "ver", out var version);
        var callerAppId = CallerAppId(token, version)!;
        // The SDKs refuse skill claims unless a validator admits the caller (AllowedCallersClaimsValidator); an empty list
        // admits nobody, so a bot is never a skill by accident.
        if (!_anyCallerAllowed && !_allowedCallers.Contains(callerAppId))
            return Refuse(TokenPath.Skill, FailureReasons.CallerNotAllowed, activity);

        return new AuthenticationResult(
            AuthenticationStatus.Authenticated, null, callerAppId, SkillCallerIdPrefix + callerAppId, OAuthScopeForReplies: callerAppId);
    }

    private AuthenticationResult Refuse(TokenPath path, string reason, Activity activity)
    {
        AuthLog.Refused(_logger, Name(path), reason, activity.ChannelId);
        return new AuthenticationResult(AuthenticationStatus.Rejected, reason, null, null, null);
    }

    private static TokenValidationParameters CreateParameters(
        BotFrameworkOptions options, IEnumerable<string> issuers, OpenIdKeySource keys) => new()
    {
        ValidIssuers = issuers,
        ValidAudience = options.MicrosoftAppId?.Trim(),
        IgnoreTrailingSlashWhenValidatingAudience = false,
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        // IdentityModel 8.x reads the system clock for lifetimes (its TimeProvider property is internal), so the
        // lifetime is checked in CheckLifetime against the injected TimeProvider instead.
        ValidateLifetime = false,
        // Keys were loaded (and refreshed if needed) just before validation; this only picks the one for the kid.
        IssuerSigningKeyResolver = (_, _, kid, _) => kid is not null && keys.Peek(kid) is { } key ? key.AsCandidates : [],
        TryAllIssuerSigningKeys = false,
        LogValidationExceptions = false,
    };

    // Bot Connector authentication: nbf/exp with 5 minutes' skew (configurable), exp required; the comparison is
    // IdentityModel's (exp < now - skew, nbf > now + skew).
    private string? CheckLifetime(JsonWebToken token)
    {
        var expires = token.ValidTo;
        var notBefore = token.ValidFrom;
        if (expires == DateTime.MinValue)
            return FailureReasons.NoExpiry;
        if (notBefore != DateTime.MinValue && notBefore > expires)
            return FailureReasons.InvalidLifetime;
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (notBefore != DateTime.MinValue && notBefore > now + _clockSkew)
            return FailureReasons.NotYetValid;
        if (expires < now - _clockSkew)
            return FailureReasons.Expired;
        return null;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => FailureReasons.AudienceMismatch,
        SecurityTokenInvalidIssuerException => FailureReasons.IssuerNotAccepted,
        SecurityTokenInvalidAlgorithmException => FailureReasons.AlgorithmNotAllowed,
        SecurityTokenSignatureKeyNotFoundException => FailureReasons.UnknownSigningKey,
        SecurityTokenInvalidSignatureException => FailureReasons.InvalidSignature,
        _ => FailureReasons.Invalid,
    };

    private static string? CallerAppId(JsonWebToken token, string? version) => version switch
    {
        "1.0" => TryGetString(token, "appid", out var appId) ? appId : null,
        "2.0" => TryGetString(token, "azp", out var azp) ? azp : null,
        _ => null,
    };

    private static string? SingleAudience(JsonWebToken token)
    {
        string? single = null;
        foreach (var audience in token.Audiences)
        {
            if (single is not null)
                return null;
            single = audience;
        }
        return single;
    }

    private static bool TryGetString(JsonWebToken token, string claim, out string value)
    {
        if (token.TryGetPayloadValue<string>(claim, out var raw) && !string.IsNullOrWhiteSpace(raw))
        {
            value = raw;
            return true;
        }
        value = "";
        return false;
    }

    // Bot Connector authentication: the serviceurl claim must match the activity's serviceUrl, which is where replies
    // (and the bot's token) go. .NET compares case-insensitively; one trailing slash either side is also tolerated so
    // that a URL written with or without its final slash is still the same endpoint.
    private static bool SameServiceUrl(string claimed, string? actual) =>
        actual is not null && TrimOneSlash(claimed).Equals(TrimOneSlash(actual), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> TrimOneSlash(string value) =>
        value.EndsWith('/') ? value.AsSpan(0, value.Length - 1) : value.AsSpan();

    private static string Name(TokenPath path) => path switch
    {
        TokenPath.Channel => "channel",
        TokenPath.Emulator => "emulator",
        TokenPath.Skill => "skill",
        _ => "header",
    };

    private enum TokenPath
    {
        None,
        Channel,
        Emulator,
        Skill,
    }
}
