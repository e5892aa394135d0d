using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Storage;

/// <summary>Where conversation state lives. Bound from the <c>Storage</c> section.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// <c>Sqlite</c> (default: an embedded file, no set-up, one instance), <c>Postgres</c> (a shared database for several
    /// instances; needs <see cref="PostgresConnectionString"/>) or <c>InMemory</c> (lost on restart; tests and demos).
    /// </summary>
    [Required(ErrorMessage = "Storage:Provider must be Sqlite, Postgres or InMemory.")]
    [RegularExpression("^(Sqlite|Postgres|InMemory)$", ErrorMessage = "Storage:Provider must be Sqlite, Postgres or InMemory.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// Folder of the SQLite file <c>protectionbot.db</c> (and, in Development without a configured key, of the local
    /// data protection key); relative paths are under the app's content root.
    /// Default <c>.data</c>. Created on first run.
    /// </summary>
    [Required(ErrorMessage = "Storage:DataDirectory must not be empty.")]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>
    /// How long a conversation is kept after its last message; older ones are erased. Default 30 days, as the privacy
    /// notice tells the defender; at least one hour.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often expired conversations are looked for. Default one hour; between one minute and one day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A full SQLite connection string; overrides <see cref="DataDirectory"/> (tests use a shared in-memory database).</summary>
    public string? SqliteConnectionString { get; set; }

    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…;SSL Mode=Require</c>); required when
    /// <see cref="Provider"/> is <c>Postgres</c>. The tables are created, and upgraded, at start-up. No default.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    internal bool Is(string provider) => string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The rules of one setting are the attributes on <see cref="StorageOptions"/>; a rule between two is written here.</summary>
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(OptionsKeys.Named(new Attributes().Validate(StorageOptions.Section, options), StorageOptions.Section));
        if (options.Is("Postgres") && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            result.AddError("Storage:PostgresConnectionString is required when Storage:Provider is Postgres.");
        return result.Build();
    }

    [OptionsValidator]
    private sealed partial class Attributes : IValidateOptions<StorageOptions>;
}
