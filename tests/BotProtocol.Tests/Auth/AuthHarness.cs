using System.Collections.Concurrent;
using BotProtocol.Auth;
using BotProtocol.Schema;
using BotProtocol.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BotProtocol.Tests.Auth;

/// <summary>
/// One test's world: a fake clock, a real token issuer on loopback and an authenticator wired by
/// <c>AddBotAuthentication</c> exactly as the app wires it. Nothing is shared between tests.
/// </summary>
internal sealed class AuthHarness : IAsyncDisposable
{
    public const string AppId = "7c1f2a5e-8d3b-4c6a-9e0f-1a2b3c4d5e6f";
    public const string TenantId = "0e9b8a7c-6d5e-4f3a-2b1c-0d9e8f7a6b5c";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private readonly ServiceProvider _services;

    private AuthHarness(FakeTimeProvider time, TestTokenIssuer issuer, ServiceProvider services, CapturedLogs logs)
    {
        Time = time;
        Issuer = issuer;
        _services = services;
        Logs = logs;
        Authenticator = services.GetRequiredService<RequestAuthenticator>();
    }

    public FakeTimeProvider Time { get; }

    public TestTokenIssuer Issuer { get; }

    public RequestAuthenticator Authenticator { get; }

    public CapturedLogs Logs { get; }

    /// <param name="configure">Changes to the bot's flat configuration; a single-tenant bot pointed at the issuer by default.</param>
    /// <param name="environment">The host's environment name; Development by default, as a developer's machine.</param>
    public static async Task<AuthHarness> StartAsync(Action<Dictionary<string, string?>>? configure = null, string environment = "Development")
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var issuer = await TestTokenIssuer.StartAsync(time, TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>(issuer.Settings)
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "only-used-outbound",
            ["MicrosoftAppTenantId"] = TenantId,
        };
        configure?.Invoke(settings);

        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment))
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddBotAuthentication(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new AuthHarness(time, issuer, services, logs);
    }

    public static Activity Message(string? channelId = "msteams", string? serviceUrl = ServiceUrl) =>
        new() { Type = ActivityTypes.Message, Id = "1", ChannelId = channelId, ServiceUrl = serviceUrl };

    public TestToken ChannelToken() => Issuer.ChannelToken(AppId, ServiceUrl);

    public Task<AuthenticationResult> AuthenticateAsync(TestToken token, Activity? activity = null) =>
        AuthenticateAsync(token.ToAuthorizationHeader(), activity);

    public Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity? activity = null) =>
        Authenticator.AuthenticateAsync(authorizationHeader, activity ?? Message(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

internal static class AuthAssert
{
    public static void Authenticated(AuthenticationResult result) =>
        Assert.True(result.Status == AuthenticationStatus.Authenticated, $"Expected Authenticated, got {result.Status} ({result.FailureReason}).");

    public static void Refused(string expectedReason, AuthenticationResult result)
    {
        Assert.Equal(AuthenticationStatus.Rejected, result.Status);
        Assert.Equal(expectedReason, result.FailureReason);
        Assert.Null(result.CallerId);
    }
}

/// <summary>Every log line written, formatted, with its exception.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(EventId Id, LogLevel Level, string Text)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((eventId, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}

/// <summary>Only the environment's name matters to authentication.</summary>
internal sealed class TestHostEnvironment(string environmentName) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;

    public string ApplicationName { get; set; } = "BotProtocol.Tests";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
