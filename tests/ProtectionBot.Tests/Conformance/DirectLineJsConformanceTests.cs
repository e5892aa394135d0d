using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ProtectionBot.Tests.Conformance;

/// <summary>
/// Microsoft's botframework-directlinejs 0.15.5, the client Web Chat bundles, against the bot's local Direct Line on a
/// real socket (<c>tests/conformance/directline-check.js</c>): once over the WebSocket stream and once by polling, it
/// must start, hear the greeting, post, and get the echo of its own activity and the bot's reply.
/// </summary>
public sealed class DirectLineJsConformanceTests
{
    private static readonly TimeSpan HarnessTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Microsofts_direct_line_client_converses_over_the_stream_and_by_polling()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var harness = NodeHarness.Folder();
        NodeHarness.RequirePackages(harness);
        await using var bot = new DirectLineBotFactory();
        bot.StartServer();
        var address = bot.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a))
            .First(a => a.Scheme == Uri.UriSchemeHttp);

        var run = await NodeHarness.RunAsync("node", ["directline-check.js", address.GetLeftPart(UriPartial.Authority)], harness, HarnessTimeout, cancellationToken);

        Assert.True(run.ExitCode == 0, $"directline-check.js failed (exit {run.ExitCode}):{Environment.NewLine}{run.StandardError}");
        using var report = JsonDocument.Parse(run.StandardOutput);
        var results = report.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["websocket", "polling"], results.Select(r => r.GetProperty("mode").GetString()).ToList());
        foreach (var result in results)
        {
            var describe = $"{result.GetProperty("mode").GetString()}: {result}";
            Assert.True(result.GetProperty("problems").GetArrayLength() == 0, describe);
            Assert.True(result.GetProperty("statuses").EnumerateArray().Any(s => s.GetString() == "Online"), describe);
            Assert.True(result.GetProperty("echoClientActivityId").GetString() == "check-" + result.GetProperty("mode").GetString(), describe);
            Assert.True(result.GetProperty("echoRole").GetString() == "user", describe);
            Assert.True(!string.IsNullOrEmpty(result.GetProperty("replyText").GetString()), describe);
            Assert.True(result.GetProperty("duplicates").GetArrayLength() == 0, describe);
            Assert.StartsWith(result.GetProperty("conversationId").GetString() + "|", result.GetProperty("postedId").GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>ProtectionBot as <c>dotnet run</c> starts it, on a real loopback port.</summary>
    private sealed class DirectLineBotFactory : WebApplicationFactory<Program>
    {
        private static readonly Dictionary<string, string?> Settings = new()
        {
            ["Storage:Provider"] = "InMemory",
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppType"] = "",
            ["MicrosoftAppTenantId"] = "",
            ["DirectLine:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging:LogLevel:Default"] = "Warning",
        };

        public DirectLineBotFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in Settings)
                builder.UseSetting(key, value);
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(Settings));
        }
    }
}
