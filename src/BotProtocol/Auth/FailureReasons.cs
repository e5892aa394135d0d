namespace BotProtocol.Auth;

/// <summary>
/// Every reason <see cref="RequestAuthenticator"/> gives. Fixed phrases, so a log line or a 401 body can carry them
/// without leaking anything from the token.
/// </summary>
internal static class FailureReasons
{
    public const string MissingHeader = "missing authorization header";
    public const string NotBearer = "not a bearer token";
    public const string Malformed = "malformed token";
    public const string AlgorithmNotAllowed = "algorithm not allowed";
    public const string IssuerNotAccepted = "issuer not accepted";
    public const string NoKeyId = "token has no key id";
    public const string UnknownSigningKey = "unknown signing key";
    public const string InvalidSignature = "invalid signature";
    public const string Expired = "token expired";
    public const string NotYetValid = "token not yet valid";
    public const string NoExpiry = "token has no expiry";
    public const string InvalidLifetime = "token lifetime invalid";
    public const string AudienceMismatch = "audience mismatch";
    public const string KeyWithoutEndorsements = "signing key has no endorsements";
    public const string ChannelNotEndorsed = "channel not endorsed";
    public const string ServiceUrlMissing = "service url claim missing";
    public const string ServiceUrlMismatch = "service url mismatch";
    public const string UnsupportedVersion = "unsupported token version";
    public const string AppIdMissing = "app id claim missing";
    public const string AppIdMismatch = "app id mismatch";
    public const string CallerNotAllowed = "skill caller not allowed";
    public const string KeysUnavailable = "signing keys unavailable";
    public const string Invalid = "token invalid";
}
