using BotProtocol.Auth;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace BotProtocol.Connector;

/// <summary>
/// Outbound tokens through MSAL, by client credentials or managed identity ("Authenticate requests with the Bot
/// Connector API", bot to connector). One MSAL application per process, because the in-memory token cache lives in
/// it. MSAL hands out a cached token until 5 minutes before its expiry and then asks Entra again (its
/// <c>AccessTokenExpirationBuffer</c>); managed-identity tokens valid over 2 hours are also renewed at half-life.
/// So this class keeps no cache of its own.
/// </summary>
internal sealed class MsalAccessTokenProvider : IAccessTokenProvider, IDisposable
{
    private const string DefaultScopeSuffix = "/.default";

    private readonly string _defaultResource;
    private readonly IConfidentialClientApplication? _confidentialClient;
    private readonly IManagedIdentityApplication? _managedIdentity;

    // MSAL does not coalesce concurrent requests: eight sends on an empty cache would ask Entra eight times.
    private readonly SemaphoreSlim _acquiring = new(1, 1);

    /// <param name="httpClientFactory">Where MSAL's HTTP goes; null = MSAL's own client. Tests route it to a local fake.</param>
    public MsalAccessTokenProvider(BotFrameworkOptions options, IMsalHttpClientFactory? httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _defaultResource = options.ToChannelFromBotOAuthScope;
        if (options.IsAuthenticationDisabled)
            return;

        if (options.AppType == BotAppType.UserAssignedMSI)
        {
            var builder = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(options.MicrosoftAppId));
            if (httpClientFactory is not null)
                builder = builder.WithHttpClientFactory(httpClientFactory);
            _managedIdentity = builder.Build();
        }
        else
        {
            var builder = ConfidentialClientApplicationBuilder.Create(options.MicrosoftAppId)
                .WithClientSecret(options.MicrosoftAppPassword)
                .WithAuthority(options.LoginAuthority)
                // Instance discovery resolves authority aliases for user-token caches; a client-credentials app on one
                // configured authority has no use for it, and it would send every authority (test issuers included)
                // to login.microsoftonline.com first.
                .WithInstanceDiscovery(false);
            if (httpClientFactory is not null)
                builder = builder.WithHttpClientFactory(httpClientFactory);
            _confidentialClient = builder.Build();
        }
    }

    public async ValueTask<string?> GetAccessTokenAsync(string? oAuthScope, bool forceRefresh, CancellationToken cancellationToken)
    {
        if (_confidentialClient is null && _managedIdentity is null)
            return null;

        var resource = Resource(oAuthScope ?? _defaultResource);
        await _acquiring.WaitAsync(cancellationToken);
        try
        {
            var result = _managedIdentity is not null
                // Managed identity endpoints take a v1 "resource", without the /.default suffix.
                ? await _managedIdentity.AcquireTokenForManagedIdentity(resource)
                    .WithForceRefresh(forceRefresh)
                    .ExecuteAsync(cancellationToken)
                : await _confidentialClient!.AcquireTokenForClient([resource + DefaultScopeSuffix])
                    .WithForceRefresh(forceRefresh)
                    .ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        finally
        {
            _acquiring.Release();
        }
    }

    public void Dispose() => _acquiring.Dispose();

    private static string Resource(string scope)
    {
        var resource = scope.EndsWith(DefaultScopeSuffix, StringComparison.Ordinal) ? scope[..^DefaultScopeSuffix.Length] : scope;
        return resource.TrimEnd('/');
    }
}
