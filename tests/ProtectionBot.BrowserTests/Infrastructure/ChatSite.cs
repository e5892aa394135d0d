using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ProtectionBot.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a Kestrel port on 127.0.0.1 (a browser needs a socket), with in-memory storage and no bot
/// credentials, as <c>dotnet run</c> starts it on a laptop. The quick-exit page is a name the browser context
/// answers itself, so leaving the chat never touches the network.
/// </summary>
public sealed class ChatSite : WebApplicationFactory<Program>
{
    public const string NeutralSite = "https://neutral.example/";

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Storage:Provider"] = "InMemory",
        ["MicrosoftAppId"] = "",
        ["MicrosoftAppPassword"] = "",
        ["MicrosoftAppType"] = "",
        ["MicrosoftAppTenantId"] = "",
        ["DirectLine:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["WebChat:QuickExitUrl"] = NeutralSite,
        ["Logging:LogLevel:Default"] = "Warning",
        // Static assets as a published app serves them: compressed, immutable. In Development the app otherwise checks
        // each file on disk and, finding its time stamp finer than the build recorded, resends it uncompressed.
        ["ReloadStaticAssetsAtRuntime"] = "false",
    };

    private ChatSite() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    public Uri Address { get; private set; } = null!;

    public static ChatSite Start()
    {
        var site = new ChatSite();
        site.StartServer();
        site.Address = site.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a))
            .First(a => a.Scheme == Uri.UriSchemeHttp);
        return site;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
    }
}
