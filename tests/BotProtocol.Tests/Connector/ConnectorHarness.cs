using System.Collections.Concurrent;
using System.Threading.Channels;
using BotProtocol.Connector;
using BotProtocol.Schema;
using BotProtocol.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BotProtocol.Tests.Connector;

/// <summary>
/// A <see cref="ConnectorClient"/> wired by <c>AddBotConnector</c> exactly as in production, talking to a fake
/// Connector and, through the real MSAL, to a fake Entra. Each test starts its own, so none shares a token cache,
/// a port or a clock with another.
/// </summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    // Distinct from every retry delay the tests expect, so the clock can tell attempt timeouts from backoffs.
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services;

    private ConnectorHarness(ServiceProvider services, FakeConnectorService connector, FakeEntraTokenEndpoint entra, RetryClock clock, CapturingLoggerProvider logs, IReadOnlyDictionary<string, string?> settings)
    {
        _services = services;
        Connector = connector;
        Entra = entra;
        Clock = clock;
        Logs = logs;
        Settings = settings;
        Client = services.GetRequiredService<ConnectorClient>();
    }

    public FakeConnectorService Connector { get; }
    public FakeEntraTokenEndpoint Entra { get; }
    public RetryClock Clock { get; }
    public CapturingLoggerProvider Logs { get; }
    public ConnectorClient Client { get; }

    /// <summary>The keyed pseudonyms the client logs conversation ids with.</summary>
    public BotProtocol.Turns.Pseudonyms Pseudonyms => _services.GetRequiredService<BotProtocol.Turns.Pseudonyms>();
    public IReadOnlyDictionary<string, string?> Settings { get; }
    public string AppId => Settings["MicrosoftAppId"] ?? "";

    /// <param name="settings">Configuration keys over the defaults (a SingleTenant bot, 4 attempts); a null value removes the key.</param>
    public static async Task<ConnectorHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = Guid.NewGuid().ToString(),
            ["MicrosoftAppPassword"] = "secret-" + Guid.NewGuid().ToString("N"),
            ["MicrosoftAppTenantId"] = Guid.NewGuid().ToString(),
            ["Connector:MaxAttempts"] = "4",
            ["Connector:BaseDelay"] = "00:00:00.500",
            ["Connector:MaxDelay"] = "00:00:10",
            ["Connector:Timeout"] = AttemptTimeout.ToString(),
            ["Connector:CreateConversationTimeout"] = AttemptTimeout.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
                merged.Remove(key);
            else
                merged[key] = value;
        }

        var connector = await FakeConnectorService.StartAsync(TestContext.Current.CancellationToken);
        var entra = await FakeEntraTokenEndpoint.StartAsync(TestContext.Current.CancellationToken);
        var clock = new RetryClock(ignoredDueTime: AttemptTimeout);
        var logs = new CapturingLoggerProvider();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(entra.HttpClientFactory);
        services.AddBotConnector(new ConfigurationBuilder().AddInMemoryCollection(merged).Build());
        return new ConnectorHarness(services.BuildServiceProvider(validateScopes: true), connector, entra, clock, logs, merged);
    }

    /// <summary>
    /// Runs <paramref name="call"/> to its end, advancing the fake clock over every backoff it waits for,
    /// and returns its outcome with those waits in order.
    /// </summary>
    public async Task<RetryRun<T>> RunAdvancingClockAsync<T>(Func<Task<T>> call)
    {
        var delays = new List<TimeSpan>();
        var running = call();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        while (true)
        {
            var nextDelay = Clock.NextDelayAsync(stop.Token);
            if (await Task.WhenAny(running, nextDelay) == running)
                break;
            var delay = await nextDelay;
            delays.Add(delay);
            Clock.Advance(delay);
        }
        await stop.CancelAsync();
        try
        {
            return new RetryRun<T>(await running, null, delays);
        }
        catch (Exception failure)
        {
            return new RetryRun<T>(default, failure, delays);
        }
    }

    public static Activity Message(string? text = "Gracias. ¿En qué país está?") => new()
    {
        Type = ActivityTypes.Message,
        From = new ChannelAccount { Id = "28:bot", Name = "ProtectionBot" },
        Recipient = new ChannelAccount { Id = "29:1abc" },
        Locale = "es-CO",
        Text = text,
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Connector.DisposeAsync();
        await Entra.DisposeAsync();
    }
}

internal sealed record RetryRun<T>(T? Result, Exception? Failure, IReadOnlyList<TimeSpan> Delays);

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer when it is created, so a test advances time only
/// once the code under test is really waiting, and sees the exact delay it chose.
/// </summary>
internal sealed class RetryClock(TimeSpan ignoredDueTime) : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _delays = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        // A timer made unarmed is a pooled timeout source that is armed later (CancelAfter), never a backoff.
        if (dueTime != ignoredDueTime && dueTime != Timeout.InfiniteTimeSpan)
            _delays.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer other than an attempt timeout.</summary>
    public Task<TimeSpan> NextDelayAsync(CancellationToken cancellationToken) => _delays.Reader.ReadAsync(cancellationToken).AsTask();
}

internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)
{
    /// <summary>Everything the entry would put in a log sink: message, structured values and exception.</summary>
    public string Everything => string.Join(" | ", [Message, .. State.Select(kv => $"{kv.Key}={kv.Value}"), Exception?.ToString() ?? ""]);
}

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception),
                state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], exception));
    }
}
