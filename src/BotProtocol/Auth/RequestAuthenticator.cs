using System.Collections.Frozen;
using BotProtocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BotProtocol.Auth;

/// <summary>
/// Decides whether a <c>POST /api/messages</c> really comes from a Bot Framework channel, the Emulator or an allowed
/// skill caller, as the authentication spec and the SDKs do it (reference §2.1–2.5).
/// </summary>
public sealed class RequestAuthenticator
{
    private const string BearerScheme = "Bearer ";
    private const string AzureCallerId = "urn:botframework:azure";
    private const string SkillCallerIdPrefix = "urn:botframework:aadappid:";

    // Reference §2.2: RS256/384/512 only. Checked on the raw header before any key work, so "none" and HS*
    // (including HMAC keyed with the public key) never reach a validator.
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

    /// <summary>True when no <c>MicrosoftAppId</c> is configured: every request is anonymous (reference §2.5).</summary>
    public bool IsAuthenticationDisabled { get; }

    public Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // Reference §2.5: the JS SDK's behaviour, header ignored. (.NET would still validate a header that is present.)
        return IsAuthenticationDisabled
            ? AnonymousResult
            : AuthenticateCoreAsync(authorizationHeader, activity, cancellationToken);
    }

    private async Task<AuthenticationResult> AuthenticateCoreAsync(string? header, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(header))
            return Refuse(TokenPath.None, FailureReasons.MissingHeader, activity);
        // Reference §2.1: exactly two parts, scheme "Bearer".
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

        if (token.IsEncrypted || !Algorithms.Contains(token.Alg))
            return Refuse(TokenPath.None, FailureReasons.AlgorithmNotAllowed, activity);

        var path = Route(token);
        var issuerAccepted = path == TokenPath.Channel
            ? string.Equals(token.Issuer, _channelIssuer, StringComparison.Ordinal)
            : _entraIssuers.Contains(token.Issuer);
        // Reference §2.1: an issuer not allowed for the chosen path is refused before any signature work.
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

    // Reference §2.1, in the SDKs' order: skill, then Emulator (Entra issuer), else channel.
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
        return _entraIssuers.Contains(token.Issuer) ? TokenPath.Emulator : TokenPath.Channel;
    }

    private AuthenticationResult CheckChannelClaims(JsonWebToken token, Activity activity)
    {
        // Reference §2.2: the key that signed must endorse the activity's channel. A key with no endorsements is
        // refused outright on this path (the .NET SDK's rule), an empty channelId is not checked.
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
        // Reference §2.3: ver required; the app id comes from appid (1.0) or azp (2.0) and must be ours.
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
        // Reference §2.3: the SDK refuses skill claims unless an allow-list admits the caller; empty admits nobody.
        if (!_anyCallerAllowed && !_allowedCallers.Contains(callerAppId))
            return Refuse(TokenPath.Skill, FailureReasons.CallerNotAllowed, activity);

        return new AuthenticationResult(
            AuthenticationStatus.Authenticated, null, callerAppId, SkillCallerIdPrefix + callerAppId, OAuthScopeForReplies: callerAppId);
    }

    private AuthenticationResult Refuse(TokenPath path, string reason, Activity activity)
    {
        AuthLog.Refused(_logger, path.ToString(), reason, activity.ChannelId);
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

    // Reference §2.2: nbf/exp with the configured skew (5 min by default), exp required; same rule as IdentityModel's.
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
        SecurityTokenExpiredException => FailureReasons.Expired,
        SecurityTokenNotYetValidException => FailureReasons.NotYetValid,
        SecurityTokenNoExpirationException => FailureReasons.NoExpiry,
        SecurityTokenInvalidLifetimeException => FailureReasons.InvalidLifetime,
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

    // .NET compares case-insensitively (reference §10.8); one trailing slash either side is tolerated because
    // channels are not consistent about it.
    private static bool SameServiceUrl(string claimed, string? actual) =>
        actual is not null && TrimOneSlash(claimed).Equals(TrimOneSlash(actual), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> TrimOneSlash(string value) =>
        value.EndsWith('/') ? value.AsSpan(0, value.Length - 1) : value.AsSpan();

    private enum TokenPath
    {
        None,
        Channel,
        Emulator,
        Skill,
    }
}
