namespace BotProtocol.Auth;

public enum AuthenticationStatus
{
    Authenticated,

    /// <summary>No app id is configured, so nothing is checked (local development; both SDKs' "authentication disabled" mode).</summary>
    Anonymous,

    /// <summary>Answer 401, as both SDKs do (the Bot Connector authentication article says 403; either means refused).</summary>
    Rejected,

    /// <summary>Signing keys could not be fetched and none are cached: answer 503, not 401: the request may be genuine (the JS SDK answers 500).</summary>
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
