using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqliteConnectionString"] = $"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared",
            ["MicrosoftAppId"] = "",
            // A key of its own rather than the Development key file, so tests never write into the source tree.
            ["DataProtection:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
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
            services?.Invoke(collection);
        });
    }
}
