using System.Security.Cryptography;
using System.Text;

namespace BotProtocol.Turns;

/// <summary>
/// Keyed pseudonyms of identifiers that may point at a person: conversation ids, and WhatsApp message ids, which are
/// base64 of a record that begins with the sender's phone number. HMAC-SHA256 under a key the application keeps beside
/// its storage key, so a pseudonym is stable (logs and stored keys still correlate) but whoever holds the logs or the
/// database and a candidate id cannot confirm it without the key, as they could with a plain hash.
/// </summary>
public sealed class Pseudonyms
{
    /// <summary>Smallest accepted key.</summary>
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;

    public Pseudonyms(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
            throw new ArgumentException($"A pseudonym key has at least {MinKeyBytes} bytes.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>
    /// A key that lives as long as the process: what a host that configures none gets. Its log ids do not correlate
    /// across restarts or instances.
    /// </summary>
    public static Pseudonyms WithRandomKey() => new(RandomNumberGenerator.GetBytes(MinKeyBytes));

    /// <summary>48 bits as 12 hex digits, for log lines; <c>-</c> for nothing.</summary>
    public string LogId(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "-";
        Span<byte> mac = stackalloc byte[32];
        Mac(value, mac);
        return Convert.ToHexStringLower(mac[..6]);
    }

    /// <summary>128 bits, base64url (22 characters): for a stored key made from an identifier that must not be kept in clear.</summary>
    public string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> mac = stackalloc byte[32];
        Mac(value, mac);
        return Convert.ToBase64String(mac[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private void Mac(string value, Span<byte> destination) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value), destination);
}
