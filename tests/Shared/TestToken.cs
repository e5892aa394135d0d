using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BotProtocol.Testing;

/// <summary>
/// A JWT to be minted, described claim by claim so a test can change exactly one thing with <c>with { … }</c>,
/// <see cref="WithClaim"/> or <see cref="WithoutClaim"/>, then call <see cref="Mint"/>.
/// </summary>
public sealed record TestToken
{
    /// <summary>Null: no <c>iss</c> claim.</summary>
    public required string? Issuer { get; init; }

    /// <summary>Null: no <c>aud</c> claim.</summary>
    public string? Audience { get; init; }

    /// <summary>Null: no <c>nbf</c> claim.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Null: no <c>exp</c> claim.</summary>
    public DateTimeOffset? Expires { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Further string claims: <c>serviceurl</c>, <c>ver</c>, <c>appid</c>, <c>azp</c>, <c>tid</c>…</summary>
    public ImmutableDictionary<string, string> Claims { get; init; } = ImmutableDictionary<string, string>.Empty;

    public required TestSigningKey SigningKey { get; init; }

    /// <summary>The header's <c>kid</c>. Default: the signing key's own; empty: no <c>kid</c> header.</summary>
    public string? KeyId { get; init; }

    /// <summary><c>RS256</c>, <c>RS384</c>, <c>RS512</c>; <c>HS256</c> (HMAC keyed with the RSA public modulus, the classic confusion forgery); <c>none</c> (no signature).</summary>
    public string Algorithm { get; init; } = "RS256";

    public TestToken WithClaim(string name, string value) => this with { Claims = Claims.SetItem(name, value) };

    public TestToken WithoutClaim(string name) => this with { Claims = Claims.Remove(name) };

    public string Mint()
    {
        var header = Base64Url.EncodeToString(WriteJson(WriteHeader));
        var payload = Base64Url.EncodeToString(WriteJson(WritePayload));
        var signingInput = Encoding.ASCII.GetBytes(header + "." + payload);
        var signature = Algorithm switch
        {
            "RS256" => SigningKey.Sign(signingInput, HashAlgorithmName.SHA256),
            "RS384" => SigningKey.Sign(signingInput, HashAlgorithmName.SHA384),
            "RS512" => SigningKey.Sign(signingInput, HashAlgorithmName.SHA512),
            "HS256" => HMACSHA256.HashData(SigningKey.PublicModulus, signingInput),
            "none" => [],
            _ => throw new NotSupportedException($"Algorithm {Algorithm} is not minted by the test issuer."),
        };
        return header + "." + payload + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The <c>Authorization</c> header value a channel sends: <c>Bearer {jwt}</c>.</summary>
    public string ToAuthorizationHeader() => "Bearer " + Mint();

    private void WriteHeader(Utf8JsonWriter writer)
    {
        writer.WriteString("alg", Algorithm);
        writer.WriteString("typ", "JWT");
        var keyId = KeyId ?? SigningKey.KeyId;
        if (keyId.Length > 0)
            writer.WriteString("kid", keyId);
    }

    private void WritePayload(Utf8JsonWriter writer)
    {
        if (Issuer is not null)
            writer.WriteString("iss", Issuer);
        if (Audience is not null)
            writer.WriteString("aud", Audience);
        if (IssuedAt is { } issuedAt)
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
        if (NotBefore is { } notBefore)
            writer.WriteNumber("nbf", notBefore.ToUnixTimeSeconds());
        if (Expires is { } expires)
            writer.WriteNumber("exp", expires.ToUnixTimeSeconds());
        foreach (var (name, value) in Claims)
            writer.WriteString(name, value);
    }

    private static byte[] WriteJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
