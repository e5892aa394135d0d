namespace BotProtocol.Auth;

public enum AuthenticationStatus
{
    Authenticated,

    /// <summary>No app id is configured, so nothing is checked (reference §2.5, local development).</summary>
    Anonymous,

    /// <summary>The request must be answered 401 (reference §10.1).</summary>
    Rejected,

    /// <summary>Signing keys could not be fetched and none are cached: answer 503, not 401 (reference §2.4).</summary>
    Unavailable,
}

/// <param name="FailureReason">A fixed phrase from a short list, safe for logs: never token content.</param>
/// <param name="CallerId"><c>urn:botframework:azure</c> for channels and the Emulator, <c>urn:botframework:aadappid:{id}</c> for a skill caller.</param>
/// <param name="OAuthScopeForReplies">Null: reply with the default Connector scope. A skill caller's app id: reply to that bot with it.</param>
public sealed record AuthenticationResult(
    AuthenticationStatus Status,
    string? FailureReason,
    string? CallerAppId,
    string? CallerId,
    string? OAuthScopeForReplies);
