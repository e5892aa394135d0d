using System.Net;
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
/// Starts ProtectionBot on a Kestrel port on 127.0.0.1 (node needs a socket; TestServer has none), runs the botbuilder
/// channel host against it once, and keeps the report for the tests to read.
/// </summary>
public sealed class BotbuilderChannelRun : IAsyncLifetime
{
    private const string Scenario = "scenarios/interview-basics.json";
    private static readonly TimeSpan HarnessTimeout = TimeSpan.FromMinutes(3);

    private ConformanceBotFactory? _factory;
    private ChannelHostReport? _report;

    public ChannelHostReport Report => _report ?? throw new InvalidOperationException("The conformance run did not happen.");

    /// <summary>Where the full report was written, for reading after a failure.</summary>
    public string ReportPath { get; } = Path.Combine(AppContext.BaseDirectory, "conformance", "interview-basics.report.json");

    public ChannelHostStep Step(string name) =>
        Report.Steps.SingleOrDefault(step => step.Name == name)
        ?? throw new InvalidOperationException($"The report has no step '{name}'; see {ReportPath}.");

    /// <summary>A failure message with the step as the harness saw it, so a red test says what went over the wire.</summary>
    public string Describe(ChannelHostStep? step, string expectation)
    {
        var detail = step is null ? "" : Environment.NewLine + JsonSerializer.Serialize(step, ChannelHostReport.JsonOptions);
        return $"{expectation} (full report: {ReportPath}){detail}";
    }

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var harness = NodeHarness.Folder();
        NodeHarness.RequirePackages(harness);

        _factory = new ConformanceBotFactory();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a))
            .First(a => a.Scheme == Uri.UriSchemeHttp);

        var result = await NodeHarness.RunAsync(
            "node", ["channel-host.js", new Uri(address, "/api/messages").ToString(), Scenario], harness, HarnessTimeout, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(ReportPath)!);
        await File.WriteAllTextAsync(ReportPath, result.StandardOutput, cancellationToken);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"The botbuilder channel host failed (exit {result.ExitCode}):{Environment.NewLine}{result.StandardError}");

        _report = JsonSerializer.Deserialize<ChannelHostReport>(result.StandardOutput, ChannelHostReport.JsonOptions)
            ?? throw new InvalidOperationException("The botbuilder channel host printed no report.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
    }

    /// <summary>ProtectionBot as configured for a local run without credentials, on a real loopback port.</summary>
    private sealed class ConformanceBotFactory : WebApplicationFactory<Program>
    {
        private static readonly Dictionary<string, string?> Settings = new()
        {
            ["Storage:Provider"] = "InMemory",
            // No app id: anonymous local mode, as with the Emulator. Overrides anything a developer keeps in user secrets.
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppType"] = "",
            ["MicrosoftAppTenantId"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
        };

        public ConformanceBotFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in Settings)
                builder.UseSetting(key, value);
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(Settings));
        }
    }
}
