using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotProtocol.Testing;

/// <summary>
/// A real token issuer on a loopback Kestrel port, so tests run the bot's real JWT validation end to end. It serves two
/// OpenID authorities: <see cref="Channel"/>, shaped like the Bot Connector's (keys carry <c>endorsements</c>), and
/// <see cref="Entra"/>, shaped like Entra ID's (Emulator and skill tokens, no endorsements). Point the bot at it with
/// <see cref="Settings"/>; mint tokens with <see cref="ChannelToken"/>, <see cref="EmulatorToken"/> or
/// <see cref="SkillToken"/>, adjust them with <c>with { … }</c>, then call <see cref="TestToken.Mint"/>.
/// Token times come from the <see cref="TimeProvider"/> given to <see cref="StartAsync"/>: share the bot's fake clock.
/// Start it before a <c>WebApplicationFactory</c>, which watches for the next host being built.
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EntraV1Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EntraV2Issuer = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";

    /// <summary>Channels the Channel authority's keys endorse unless a test says otherwise.</summary>
    public static readonly IReadOnlyList<string> DefaultEndorsements = ["msteams", "webchat", "directline", "emulator"];

    private readonly WebApplication _app;
    private readonly TimeProvider _timeProvider;
    private int _keysCreated = -1;

    private TestTokenIssuer(WebApplication app, Uri address, TimeProvider timeProvider)
    {
        _app = app;
        _timeProvider = timeProvider;
        Address = address;
        Channel = new TestOpenIdAuthority(
            address, "/botframework/v1/.well-known/openidconfiguration", "/botframework/v1/.well-known/keys",
            ChannelIssuer, DefaultEndorsements, NextKeyMaterial);
        Entra = new TestOpenIdAuthority(
            address, "/entra/v2.0/.well-known/openid-configuration", "/entra/discovery/v2.0/keys",
            "https://login.microsoftonline.com/{tenantid}/v2.0", defaultEndorsements: null, NextKeyMaterial);
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address { get; }

    public TestOpenIdAuthority Channel { get; }

    public TestOpenIdAuthority Entra { get; }

    /// <summary>Lifetime of minted tokens unless a test sets <see cref="TestToken.Expires"/>. One hour, as real ones.</summary>
    public static TimeSpan TokenLifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>The configuration keys (flat, as the bot binds them) that make the bot fetch its keys here.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ToBotFromChannelOpenIdMetadataUrl"] = Channel.MetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = Entra.MetadataUrl,
    };

    public static async Task<TestTokenIssuer> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        TestTokenIssuer? issuer = null;
        app.Run(async context =>
        {
            if (!await issuer!.Channel.TryHandleAsync(context) && !await issuer.Entra.TryHandleAsync(context))
                context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync(cancellationToken);

        issuer = new TestTokenIssuer(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"), timeProvider ?? TimeProvider.System);
        return issuer;
    }

    /// <summary>What the Bot Connector sends: <c>iss</c> api.botframework.com, <c>aud</c> the bot, <c>serviceurl</c>.</summary>
    public TestToken ChannelToken(string botAppId, string serviceUrl) =>
        Token(ChannelIssuer, botAppId, Channel.CurrentKey).WithClaim("serviceurl", serviceUrl);

    /// <summary>What the Emulator sends with credentials: an Entra token for the bot itself (v1 <c>appid</c>, v2 <c>azp</c>).</summary>
    public TestToken EmulatorToken(string botAppId, string version = "1.0") => EntraToken(botAppId, botAppId, version);

    /// <summary>What a bot calling this one as a skill sends: <c>aud</c> this bot, app id claim the caller.</summary>
    public TestToken SkillToken(string callerAppId, string botAppId, string version = "1.0") => EntraToken(callerAppId, botAppId, version);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
        Channel.Dispose();
        Entra.Dispose();
    }

    private TestToken EntraToken(string appId, string audience, string version) =>
        Token(version == "2.0" ? EntraV2Issuer : EntraV1Issuer, audience, Entra.CurrentKey)
            .WithClaim("ver", version)
            .WithClaim(version == "2.0" ? "azp" : "appid", appId);

    private TestToken Token(string issuer, string audience, TestSigningKey key)
    {
        var now = _timeProvider.GetUtcNow();
        return new TestToken
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + TokenLifetime,
            SigningKey = key,
            Claims = ImmutableDictionary<string, string>.Empty,
        };
    }

    private int NextKeyMaterial() => Interlocked.Increment(ref _keysCreated);
}
