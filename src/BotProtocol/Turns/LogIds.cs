using System.Security.Cryptography;
using System.Text;

namespace BotProtocol.Turns;

/// <summary>
/// Turns identifiers (conversation ids, user ids — which may be phone numbers) into short stable hashes,
/// so logs can correlate events without revealing who was talking.
/// </summary>
public static class LogIds
{
    public static string Hash(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "-";
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        return Convert.ToHexStringLower(digest[..6]);
    }
}
