using BotProtocol.State;
using BotProtocol.Turns;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ProtectionBot.Storage.Encryption;
using ProtectionBot.Storage.Postgres;
using ProtectionBot.Storage.Sqlite;

namespace ProtectionBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation store chosen by <c>Storage:Provider</c> (SQLite unless told otherwise), sealed with the
    /// keys of <c>Storage:Encryption</c>, and the retention sweep.
    /// </summary>
    public static IHostApplicationBuilder AddConversationStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(
                options => StorageOptions.Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase),
                $"Storage:Provider must be one of {string.Join(", ", StorageOptions.Providers)}.")
            .Validate(
                options => !IsProvider(options, "Postgres") || !string.IsNullOrWhiteSpace(options.PostgresConnectionString),
                "Storage:PostgresConnectionString is required when Storage:Provider is Postgres.")
            .ValidateOnStart();
        builder.Services.AddOptions<StorageEncryptionOptions>()
            .Configure<IConfiguration>((options, configuration) => StorageEncryptionOptions.Bind(configuration, options))
            .Validate<IHostEnvironment>(
                (options, environment) => !string.IsNullOrWhiteSpace(options.Key) || environment.IsDevelopment(),
                StorageKeys.MissingKeyMessage)
            .Validate(
                options => (string.IsNullOrWhiteSpace(options.Key) || StorageKeyRing.TryParseKey(options.Key, out _))
                    && options.PreviousKeys.TrueForAll(k => StorageKeyRing.TryParseKey(k, out _))
                    && (string.IsNullOrWhiteSpace(options.PseudonymKey) || StorageKeyRing.TryParseKey(options.PseudonymKey, out _)),
                StorageKeys.InvalidKeyMessage)
            .ValidateOnStart();
        builder.Services.AddSingleton(services => StorageKeys.Create(
            services.GetRequiredService<IOptions<StorageEncryptionOptions>>().Value,
            services.GetRequiredService<IOptions<StorageOptions>>().Value,
            services.GetRequiredService<IHostEnvironment>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageKeys).FullName!)));
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<StorageMetrics>();
        // Log ids and stored outbox ids: keyed beside the storage key, the same on every instance.
        builder.Services.Replace(ServiceDescriptor.Singleton(services => new Pseudonyms(StorageKeys.PseudonymKey(
            services.GetRequiredService<IOptions<StorageEncryptionOptions>>().Value, services.GetRequiredService<StorageKeyRing>()))));
        builder.Services.AddSingleton<IConversationStore>(services => new EncryptedConversationStore(
            CreateStore(services), services.GetRequiredService<StorageKeyRing>(), services.GetRequiredService<Pseudonyms>(),
            services.GetRequiredService<ILogger<EncryptedConversationStore>>(), services.GetRequiredService<StorageMetrics>()));
        builder.Services.AddHostedService<RetentionSweep>();
        return builder;
    }

    private static IConversationStore CreateStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        if (IsProvider(options, "InMemory"))
            return new InMemoryConversationStore(time);
        if (IsProvider(options, "Postgres"))
            return new PostgresConversationStore(options.PostgresConnectionString!, time);
        return new SqliteConversationStore(SqliteConnectionString(options, services.GetRequiredService<IHostEnvironment>()), time);
    }

    private static bool IsProvider(StorageOptions options, string provider) =>
        string.Equals(options.Provider, provider, StringComparison.OrdinalIgnoreCase);

    private static string SqliteConnectionString(StorageOptions options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.SqliteConnectionString))
            return options.SqliteConnectionString;
        var folder = Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
        // A folder made here is the bot's alone; one that exists (a mounted volume) is left as its owner set it.
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else if (!Directory.Exists(folder))
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "protectionbot.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }
}
