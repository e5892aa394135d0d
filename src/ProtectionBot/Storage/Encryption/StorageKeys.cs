using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Storage.Encryption;

/// <summary>
/// Builds the key ring from <see cref="StorageEncryptionOptions"/>. Only in Development, and only when no key is
/// configured, is a local key made: a file under the data directory that only the user running the bot can read.
/// </summary>
internal static partial class StorageKeys
{
    public const string LocalKeyFile = "protectionbot.key";

    public static StorageKeyRing Create(
        StorageEncryptionOptions options, StorageOptions storage, IHostEnvironment environment, ILogger logger)
    {
        if (options.BoundFrom == StorageEncryptionOptions.FormerSection)
            LogFormerSection(logger, StorageEncryptionOptions.FormerSection, StorageEncryptionOptions.Section);
        var previous = options.PreviousKeys.Select(k => StorageKeyRing.TryParseKey(k, out var key) ? key : throw Invalid()).ToList();
        if (StorageKeyRing.TryParseKey(options.Key, out var current))
            return new StorageKeyRing(current, previous);
        if (!string.IsNullOrWhiteSpace(options.Key))
            throw Invalid();
        // Validation already refused this outside Development; checked again so the rule does not hang on one place.
        if (!environment.IsDevelopment())
            throw new OptionsValidationException(StorageEncryptionOptions.Section, typeof(StorageEncryptionOptions), [MissingKeyMessage]);

        var folder = Path.GetFullPath(storage.DataDirectory, environment.ContentRootPath);
        var path = Path.Combine(folder, LocalKeyFile);
        var created = EnsureLocalKey(folder, path);
        if (created)
            LogLocalKeyCreated(logger, path);
        else
            LogLocalKeyUsed(logger, path);
        if (!StorageKeyRing.TryParseKey(File.ReadAllText(path), out var local))
            throw new InvalidOperationException($"The local storage key file {path} is damaged; delete it (and the data it protects) or set {StorageEncryptionOptions.Section}:Key.");
        return new StorageKeyRing(local, previous);
    }

    public const string MissingKeyMessage =
        "Storage:Encryption:Key is not set. Conversations are stored encrypted and, outside Development, the bot does not make up a key: " +
        "set Storage:Encryption:Key to 32 random bytes in base64 (for example the output of `openssl rand -base64 32`); on Azure, a Key Vault reference.";

    /// <summary>
    /// The key of log ids and stored pseudonyms: <c>Storage:Encryption:PseudonymKey</c> when set, else derived from the
    /// current storage key (so it needs no setting of its own, and is generated with it in Development).
    /// </summary>
    public static byte[] PseudonymKey(StorageEncryptionOptions options, StorageKeyRing ring) =>
        StorageKeyRing.TryParseKey(options.PseudonymKey, out var configured) ? configured : ring.DeriveKey("ProtectionBot pseudonyms v1");

    public const string InvalidKeyMessage =
        "Storage:Encryption:Key and every Storage:Encryption:PreviousKeys entry must be 32 bytes in base64, as must Storage:Encryption:PseudonymKey when set. " +
        "A value that starts with @Microsoft.KeyVault is a Key Vault reference App Service could not resolve: check the Web App's access to the vault.";

    private static OptionsValidationException Invalid() =>
        new(StorageEncryptionOptions.Section, typeof(StorageEncryptionOptions), [InvalidKeyMessage]);

    /// <summary>Creates the key file unless it exists. Returns whether it was created here.</summary>
    private static bool EnsureLocalKey(string folder, string path)
    {
        if (File.Exists(path))
            return false;
        Directory.CreateDirectory(folder);
        // Written aside, then moved into place without overwriting: two processes starting at once agree on one key,
        // and neither reads a half-written file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, fileOptions))
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(StorageKeyRing.KeySize)));
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    [LoggerMessage(EventId = LogEvents.Storage.LocalKeyCreated, Level = LogLevel.Warning,
        Message = "Storage encryption: no Storage:Encryption:Key configured; generated a local development key in {Path}. Set Storage:Encryption:Key outside Development")]
    private static partial void LogLocalKeyCreated(ILogger logger, string path);

    [LoggerMessage(EventId = LogEvents.Storage.LocalKeyUsed, Level = LogLevel.Information,
        Message = "Storage encryption: no Storage:Encryption:Key configured; using the local development key in {Path}")]
    private static partial void LogLocalKeyUsed(ILogger logger, string path);

    // Names the sections, never a value from them.
    [LoggerMessage(EventId = LogEvents.Storage.FormerSection, Level = LogLevel.Warning,
        Message = "Storage encryption: the keys were read from the former {FormerSection} section; move them to {Section} (the former name is read only while the new section is absent)")]
    private static partial void LogFormerSection(ILogger logger, string formerSection, string section);
}
