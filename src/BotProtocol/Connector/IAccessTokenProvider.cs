namespace BotProtocol.Connector;

/// <summary>Bearer tokens for outbound Connector calls; a test seam in front of MSAL.</summary>
public interface IAccessTokenProvider
{
    /// <param name="oAuthScope">Resource to get a token for; null means <c>ToChannelFromBotOAuthScope</c> (a skill's app id when calling a skill).</param>
    /// <param name="forceRefresh">Skip the cache: the Connector refused the cached token.</param>
    /// <returns>The access token, or null when authentication is disabled (no app id): then no Authorization header is sent.</returns>
    ValueTask<string?> GetAccessTokenAsync(string? oAuthScope, bool forceRefresh, CancellationToken cancellationToken);
}
