using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace BotProtocol.Testing;

/// <summary>
/// An RSA signing key as a test authority publishes it: a <c>kid</c>, the key, and the Bot Framework
/// <c>endorsements</c> list (null = the JWK has no <c>endorsements</c> member at all).
/// </summary>
public sealed class TestSigningKey : IDisposable
{
    // Generating a 2048-bit RSA key costs ~0.15 s; a suite mints dozens. Key material therefore comes from a small
    // pool generated once per process, while every TestSigningKey gets a fresh kid, so no two keys are confused.
    private const int PoolSize = 8;
    private static readonly Lazy<RSAParameters>[] Pool =
        [.. Enumerable.Range(0, PoolSize).Select(_ => new Lazy<RSAParameters>(Generate))];

    private readonly RSA _rsa;

    private TestSigningKey(string keyId, RSAParameters parameters, IReadOnlyList<string>? endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        _rsa = RSA.Create(parameters);
    }

    public string KeyId { get; }

    public IReadOnlyList<string>? Endorsements { get; }

    /// <param name="materialIndex">Keys with different indexes (modulo 8) have different key material.</param>
    public static TestSigningKey Create(int materialIndex, IEnumerable<string>? endorsements, string? keyId = null) =>
        new(keyId ?? "test-" + Guid.NewGuid().ToString("N")[..12], Pool[materialIndex % PoolSize].Value, endorsements?.ToArray());

    public byte[] Sign(ReadOnlySpan<byte> data, HashAlgorithmName hash) =>
        _rsa.SignData(data.ToArray(), hash, RSASignaturePadding.Pkcs1);

    /// <summary>The public modulus: what an HS256 "key confusion" forgery would use as its HMAC secret.</summary>
    public byte[] PublicModulus => _rsa.ExportParameters(false).Modulus!;

    public void WriteJwk(Utf8JsonWriter writer)
    {
        var parameters = _rsa.ExportParameters(false);
        writer.WriteStartObject();
        writer.WriteString("kty", "RSA");
        writer.WriteString("use", "sig");
        writer.WriteString("kid", KeyId);
        writer.WriteString("n", Base64Url.EncodeToString(parameters.Modulus));
        writer.WriteString("e", Base64Url.EncodeToString(parameters.Exponent));
        if (Endorsements is not null)
        {
            writer.WriteStartArray("endorsements");
            foreach (var endorsement in Endorsements)
                writer.WriteStringValue(endorsement);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    public void Dispose() => _rsa.Dispose();

    private static RSAParameters Generate()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }
}
