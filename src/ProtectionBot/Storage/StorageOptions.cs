using System.ComponentModel.DataAnnotations;

namespace ProtectionBot.Storage;

/// <summary>Where conversation state lives. Bound from the <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public static readonly IReadOnlyList<string> Providers = ["Sqlite", "InMemory"];

    /// <summary><c>Sqlite</c> (default: an embedded file, no set-up) or <c>InMemory</c> (lost on restart; tests and demos).</summary>
    [Required]
    [RegularExpression("^(Sqlite|InMemory)$", ErrorMessage = "Storage:Provider must be Sqlite or InMemory.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// Folder of the SQLite file <c>protectionbot.db</c>; relative paths are under the app's content root.
    /// Default <c>.data</c>. Created on first run.
    /// </summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>A full SQLite connection string; overrides <see cref="DataDirectory"/> (tests use a shared in-memory database).</summary>
    public string? SqliteConnectionString { get; set; }
}
