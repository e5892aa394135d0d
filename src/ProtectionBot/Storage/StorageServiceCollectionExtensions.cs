using BotProtocol.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ProtectionBot.Storage.Sqlite;

namespace ProtectionBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the conversation store chosen by <c>Storage:Provider</c> (SQLite unless told otherwise) and the retention sweep.</summary>
    public static IHostApplicationBuilder AddConversationStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(
                options => StorageOptions.Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase),
                $"Storage:Provider must be one of {string.Join(", ", StorageOptions.Providers)}.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IConversationStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (string.Equals(options.Provider, "InMemory", StringComparison.OrdinalIgnoreCase))
                return new InMemoryConversationStore(services.GetRequiredService<TimeProvider>());
            return new SqliteConversationStore(
                SqliteConnectionString(options, services.GetRequiredService<IHostEnvironment>()),
                services.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHostedService<RetentionSweep>();
        return builder;
    }

    private static string SqliteConnectionString(StorageOptions options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.SqliteConnectionString))
            return options.SqliteConnectionString;
        var folder = Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "protectionbot.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }
}
