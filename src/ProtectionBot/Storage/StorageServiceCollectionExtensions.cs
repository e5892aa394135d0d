using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProtectionBot.Storage.Encryption;
using ProtectionBot.Storage.Postgres;
using ProtectionBot.Storage.Sqlite;

namespace ProtectionBot.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation store chosen by <c>Storage:Provider</c> (SQLite unless told otherwise), sealed with the
    /// keys of <c>Storage:Encryption</c>, with its work queue, and the retention sweep.
    /// </summary>
    public static IHostApplicationBuilder AddConversationStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        builder.Services.AddOptions<StorageEncryptionOptions>()
            .BindConfiguration(StorageEncryptionOptions.Section)
            .Configure<IConfiguration>(StorageEncryptionOptions.ReadFormerSectionWhenAbsent)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageEncryptionOptions>, StorageEncryptionOptionsValidator>());
        builder.Services.AddSingleton(services => StorageKeys.Create(
            services.GetRequiredService<IOptions<StorageEncryptionOptions>>().Value,
            services.GetRequiredService<IOptions<StorageOptions>>().Value,
            services.GetRequiredService<IHostEnvironment>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageKeys).FullName!)));
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<StorageMetrics>();
        // Log ids and stored work item ids: keyed beside the storage key, the same on every instance.
        builder.Services.Replace(ServiceDescriptor.Singleton(services => new Pseudonyms(StorageKeys.PseudonymKey(
            services.GetRequiredService<IOptions<StorageEncryptionOptions>>().Value, services.GetRequiredService<StorageKeyRing>()))));
        // One backend object keeps documents, work and retention together (a turn's document and its work commit in
        // one transaction); the three contracts are three views of it.
        builder.Services.AddSingleton(CreateStore);
        builder.Services.AddSingleton<IConversationStore>(services => services.GetRequiredService<EncryptedConversationStore>());
        builder.Services.AddSingleton<IWorkQueue>(services => services.GetRequiredService<EncryptedConversationStore>());
        builder.Services.AddSingleton<IRetention>(services => services.GetRequiredService<EncryptedConversationStore>());
        builder.Services.AddHostedService<RetentionSweep>();
        return builder;
    }

    private static EncryptedConversationStore CreateStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var keys = services.GetRequiredService<StorageKeyRing>();
        var pseudonyms = services.GetRequiredService<Pseudonyms>();
        var logger = services.GetRequiredService<ILogger<EncryptedConversationStore>>();
        var metrics = services.GetRequiredService<StorageMetrics>();
        if (options.Is("InMemory"))
            return EncryptedConversationStore.Over(new InMemoryConversationStore(time), keys, pseudonyms, logger, metrics);
        if (options.Is("Postgres"))
            return EncryptedConversationStore.Over(new PostgresConversationStore(options.PostgresConnectionString!, time), keys, pseudonyms, logger, metrics);
        return EncryptedConversationStore.Over(
            new SqliteConversationStore(SqliteConnectionString(options, services.GetRequiredService<IHostEnvironment>()), time), keys, pseudonyms, logger, metrics);
    }

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
