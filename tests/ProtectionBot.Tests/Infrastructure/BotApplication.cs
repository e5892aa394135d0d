using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// The real app in memory, one per test: a fresh shared-cache SQLite database and a data protection key of its own, every log line
/// captured, and whatever configuration the test adds (e.g. a local token issuer's metadata URLs).
/// Tests run in parallel, so nothing here is static.
/// </summary>
public sealed class BotApplication(
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    private Exception? startFailure;

    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// Serves the app on a real loopback port instead of in memory, so clients connect over TCP (from a loopback
    /// address of their choosing) as browsers do. Returns the app's address.
    /// </summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.GetRequiredFeature<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()
            .Addresses.Select(address => new Uri(address)).First();
    }

    /// <summary>A client of the app started with <see cref="StartOnLoopback"/> whose connections come from <paramref name="localAddress"/> (any 127.x.y.z).</summary>
    public static HttpClient ClientFrom(string localAddress, Uri app) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = app };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqliteConnectionString"] = $"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared",
            ["MicrosoftAppId"] = "",
        };
        // A key of its own rather than the Development key file, so tests never write into the source tree; not when
        // the test sets the keys' former section, which is read only while the new one is absent.
        if (settings?.Keys.Any(key => key.StartsWith("DataProtection:", StringComparison.Ordinal)) != true)
            defaults["Storage:Encryption:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            defaults[key] = value;
        foreach (var (key, value) in defaults)
            builder.UseSetting(key, value);

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
        builder.ConfigureServices(collection =>
        {
            collection.AddSingleton(Logs);
            collection.AddTransient<IStartupFilter, ServerBodyLimit>();
            RecordStartFailures(collection);
            services?.Invoke(collection);
        });
    }

    /// <summary>
    /// The app starts on its own thread and disposes itself when its start fails; the factory can meet the disposed host
    /// before it hears why, and would then report only that the host is gone. The reason the start-up check gave is the
    /// failure a test is about.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        try
        {
            return base.CreateHost(builder);
        }
        catch (ObjectDisposedException) when (Volatile.Read(ref startFailure) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
            throw;
        }
    }

    private void RecordStartFailures(IServiceCollection collection)
    {
        if (collection.LastOrDefault(d => d.ServiceType == typeof(IStartupValidator)) is not { ImplementationType: { } type } validator)
            return;
        collection.Remove(validator);
        collection.AddTransient<IStartupValidator>(provider => new RecordingStartupValidator(
            (IStartupValidator)ActivatorUtilities.CreateInstance(provider, type), failure => Volatile.Write(ref startFailure, failure)));
    }

    private sealed class RecordingStartupValidator(IStartupValidator inner, Action<Exception> record) : IStartupValidator
    {
        public void Validate()
        {
            try
            {
                inner.Validate();
            }
            catch (Exception failure)
            {
                record(failure);
                throw;
            }
        }
    }
}
