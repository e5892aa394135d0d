using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;

namespace BotProtocol.Testing;

/// <summary>
/// Entra ID's token endpoints on a loopback Kestrel port, for running the real MSAL against:
/// <list type="bullet">
/// <item>client credentials: <c>POST /{tenant}/oauth2/v2.0/token</c>, form <c>grant_type=client_credentials</c>,
/// <c>client_id</c>, <c>client_secret</c>, <c>scope</c> → <c>{"token_type":"Bearer","expires_in":…,"ext_expires_in":…,"access_token":…}</c>;</item>
/// <item>managed identity (IMDS): <c>GET /metadata/identity/oauth2/token?api-version=2018-02-01&amp;resource=…&amp;client_id=…</c>
/// with header <c>Metadata: true</c> → <c>{"access_token",…,"expires_on":unix seconds,"resource","token_type"}</c>.</item>
/// </list>
/// Authorities keep their real https URLs (MSAL refuses others): give MSAL <see cref="HttpClientFactory"/>, which
/// sends every request, whatever its host, here and keeps the original host in the <c>Host</c> header. MSAL must
/// run with instance discovery off; this fake does not serve <c>/common/discovery/instance</c>.
/// </summary>
public sealed class FakeEntraTokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RoutingHttpClientFactory _httpClientFactory;
    private readonly Lock _gate = new();
    private readonly List<TokenRequest> _requests = [];
    private int _issued;

    private FakeEntraTokenEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        _httpClientFactory = new RoutingHttpClientFactory(address);
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Give this to MSAL (<c>WithHttpClientFactory</c>), or register it as a service before <c>AddBotConnector</c>.</summary>
    public IMsalHttpClientFactory HttpClientFactory => _httpClientFactory;

    /// <summary><c>expires_in</c> of the tokens issued from now on. Default one hour, as Entra issues them.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, client-credential requests with another secret are refused as Entra does (401 <c>invalid_client</c>, AADSTS7000215).</summary>
    public string? RequiredClientSecret { get; set; }

    /// <summary>Every token request so far, in arrival order.</summary>
    public IReadOnlyList<TokenRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>The access tokens issued so far, in order.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get { lock (_gate) return [.. _requests.Select(r => r.IssuedToken).OfType<string>()]; }
    }

    public static async Task<FakeEntraTokenEndpoint> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeEntraTokenEndpoint? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake = new FakeEntraTokenEndpoint(app, new Uri(address.TrimEnd('/') + "/"));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        _httpClientFactory.Dispose();
        // Not graceful: a request the fake holds open (Hang) would otherwise delay shutdown by the host's timeout.
        try
        {
            await _app.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // Requests still open were aborted, which is the point.
        }
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        if (request.Method == "POST" && segments is [var tenant, "oauth2", "v2.0", "token"])
        {
            var form = request.HasFormContentType
                ? (await request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString())
                : [];
            foreach (var required in (string[])["grant_type", "client_id", "client_secret", "scope"])
            {
                if (!form.ContainsKey(required))
                {
                    Record(new TokenRequest(TokenRequestKinds.ClientCredentials, request.Host.Value ?? "", path, tenant, form, headers, null));
                    await WriteErrorAsync(context, 400, "invalid_request", 900144,
                        $"AADSTS900144: The request body must contain the following parameter: '{required}'.");
                    return;
                }
            }
            if (form["grant_type"] != "client_credentials")
            {
                Record(new TokenRequest(TokenRequestKinds.ClientCredentials, request.Host.Value ?? "", path, tenant, form, headers, null));
                await WriteErrorAsync(context, 400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type.");
                return;
            }

            if (RequiredClientSecret is { } secret && form["client_secret"] != secret)
            {
                Record(new TokenRequest(TokenRequestKinds.ClientCredentials, request.Host.Value ?? "", path, tenant, form, headers, null));
                await WriteErrorAsync(context, 401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided.");
                return;
            }

            var token = Issue(new TokenRequest(TokenRequestKinds.ClientCredentials, request.Host.Value ?? "", path, tenant, form, headers, null));
            var lifetime = (long)TokenLifetime.TotalSeconds;
            await WriteJsonAsync(context, 200, new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = lifetime,
                ["ext_expires_in"] = lifetime,
                ["access_token"] = token,
            });
            return;
        }

        if (request.Method == "GET" && path == "/metadata/identity/oauth2/token")
        {
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            if (!string.Equals(request.Headers["Metadata"], "true", StringComparison.OrdinalIgnoreCase))
            {
                Record(new TokenRequest(TokenRequestKinds.ManagedIdentity, request.Host.Value ?? "", path, null, query, headers, null));
                await WriteJsonAsync(context, 400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Required metadata header not specified" });
                return;
            }
            if (!query.TryGetValue("resource", out var resource))
            {
                Record(new TokenRequest(TokenRequestKinds.ManagedIdentity, request.Host.Value ?? "", path, null, query, headers, null));
                await WriteJsonAsync(context, 400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Required query variable 'resource' is missing" });
                return;
            }

            var token = Issue(new TokenRequest(TokenRequestKinds.ManagedIdentity, request.Host.Value ?? "", path, null, query, headers, null));
            var now = TimeProvider.System.GetUtcNow();
            var seconds = (long)TokenLifetime.TotalSeconds;
            // IMDS writes its numbers as strings.
            await WriteJsonAsync(context, 200, new JsonObject
            {
                ["access_token"] = token,
                ["client_id"] = query.GetValueOrDefault("client_id", ""),
                ["expires_in"] = seconds.ToString(CultureInfo.InvariantCulture),
                ["expires_on"] = (now.ToUnixTimeSeconds() + seconds).ToString(CultureInfo.InvariantCulture),
                ["ext_expires_in"] = seconds.ToString(CultureInfo.InvariantCulture),
                ["not_before"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
            });
            return;
        }

        context.Response.StatusCode = 404;
    }

    private string Issue(TokenRequest request)
    {
        var token = $"fake-entra-token-{Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture)}-{RandomNumberGenerator.GetHexString(12, lowercase: true)}";
        Record(request with { IssuedToken = token });
        return token;
    }

    private void Record(TokenRequest request)
    {
        lock (_gate)
            _requests.Add(request);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string error, int code, string description) =>
        WriteJsonAsync(context, status, new JsonObject
        {
            ["error"] = error,
            ["error_description"] = description,
            ["error_codes"] = new JsonArray(code),
        });

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    // MSAL asks its factory for one client and reuses it, as it does with its own.
    private sealed class RoutingHttpClientFactory(Uri target) : IMsalHttpClientFactory, IDisposable
    {
        private readonly HttpClient _client = new(new RoutingHandler(target));

        public HttpClient GetHttpClient() => _client;

        public void Dispose() => _client.Dispose();
    }

    private sealed class RoutingHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            request.Headers.Host = original.Authority;
            request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

public static class TokenRequestKinds
{
    public const string ClientCredentials = "client_credentials";
    public const string ManagedIdentity = "managed_identity";
}

/// <summary>One token request as the fake Entra received it.</summary>
/// <param name="Host">The host MSAL addressed, e.g. <c>login.microsoftonline.com</c> or <c>169.254.169.254</c>.</param>
/// <param name="Tenant">The authority's tenant segment (client credentials only), e.g. <c>botframework.com</c>.</param>
/// <param name="Parameters">The form (client credentials) or query (managed identity) parameters.</param>
/// <param name="IssuedToken">The access token answered, or null if the request was refused.</param>
public sealed record TokenRequest(
    string Kind,
    string Host,
    string Path,
    string? Tenant,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Headers,
    string? IssuedToken);
