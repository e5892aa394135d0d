namespace ProtectionBot.Storage.Encryption;

/// <summary>
/// The keys that seal conversation documents and work item payloads at rest. Bound from the <c>DataProtection</c>
/// section; on Azure, App Service resolves a Key Vault reference into <c>DataProtection__Key</c>.
/// </summary>
public sealed class StorageEncryptionOptions
{
    public const string Section = "DataProtection";

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
}
