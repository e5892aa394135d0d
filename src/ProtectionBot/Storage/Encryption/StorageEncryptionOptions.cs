using Microsoft.Extensions.Options;

namespace ProtectionBot.Storage.Encryption;

/// <summary>
/// The keys that seal conversation documents and work item payloads at rest. Bound from the <c>Storage:Encryption</c>
/// section; on Azure, App Service resolves a Key Vault reference into <c>Storage__Encryption__Key</c>.
/// </summary>
/// <remarks>
/// These keys are the bot's own AES-GCM keys, not ASP.NET Core Data Protection's key ring, whose name they once
/// borrowed: a configuration that still has only the <c>DataProtection</c> section is read from there, with a warning.
/// </remarks>
internal sealed class StorageEncryptionOptions
{
    public const string Section = "Storage:Encryption";

    /// <summary>The section these keys were read from before they moved; still read when <see cref="Section"/> is absent.</summary>
    public const string FormerSection = "DataProtection";

    /// <summary>
    /// The current key: 32 random bytes in base64 (e.g. <c>openssl rand -base64 32</c>). Every write uses it.
    /// Required outside Development; in Development, when empty, a local key is generated under
    /// <see cref="StorageOptions.DataDirectory"/>. No default.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>
    /// Keys used before the current one, same format, so data they sealed stays readable after a rotation. Remove a key
    /// once the retention period has passed since it stopped being current. Default none.
    /// </summary>
    public List<string> PreviousKeys { get; set; } = [];

    /// <summary>
    /// The key of the keyed pseudonyms in logs (conversation hashes) and of stored work item ids, 32 random bytes in base64.
    /// Default: derived from <see cref="Key"/>, so a key rotation also changes the pseudonyms (log ids no longer match
    /// across it); set it to keep them stable. Keep it as secret as <see cref="Key"/>: with it, a candidate phone number
    /// or conversation id can be checked against the logs.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Which section the keys came from, so start-up can warn about the former one. Not bound.</summary>
    internal string BoundFrom { get; set; } = Section;

    /// <summary>
    /// Binds <see cref="FormerSection"/> when it is set and <see cref="Section"/> (bound before this) is not. A section
    /// counts as set when any of its keys has a value, even an empty one, so a deliberately blank key is not overruled
    /// by the former section.
    /// </summary>
    internal static void ReadFormerSectionWhenAbsent(StorageEncryptionOptions options, IConfiguration configuration)
    {
        var former = configuration.GetSection(FormerSection);
        if (IsSet(configuration.GetSection(Section)) || !IsSet(former))
            return;
        former.Bind(options);
        options.BoundFrom = FormerSection;
    }

    private static bool IsSet(IConfigurationSection section) => section.AsEnumerable().Any(setting => setting.Value is not null);
}

/// <summary>
/// Refuses a start-up without a key outside Development, and keys that are not 32 bytes in base64. Written by hand only:
/// every rule depends on the environment or on the key's format, so there is no attribute for the generator to read.
/// </summary>
internal sealed class StorageEncryptionOptionsValidator(IHostEnvironment environment) : IValidateOptions<StorageEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageEncryptionOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        if (string.IsNullOrWhiteSpace(options.Key) && !environment.IsDevelopment())
            result.AddError(StorageKeys.MissingKeyMessage);
        if (!(string.IsNullOrWhiteSpace(options.Key) || StorageKeyRing.TryParseKey(options.Key, out _))
            || !options.PreviousKeys.TrueForAll(k => StorageKeyRing.TryParseKey(k, out _))
            || !(string.IsNullOrWhiteSpace(options.PseudonymKey) || StorageKeyRing.TryParseKey(options.PseudonymKey, out _)))
            result.AddError(StorageKeys.InvalidKeyMessage);
        return result.Build();
    }
}
