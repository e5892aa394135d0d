using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace BotProtocol.Auth;

/// <summary>
/// An RSA key from a JWKS together with its <c>endorsements</c>, which standard JWKS parsers drop.
/// The endorsements travel on the key itself so the check after validation uses the key that verified the signature.
/// </summary>
internal sealed class SigningKey : RsaSecurityKey
{
    public SigningKey(string keyId, RSAParameters parameters, string[]? endorsements)
        : base(parameters)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        AsCandidates = [this];
    }

    /// <summary>Null when the JWK has no <c>endorsements</c> member at all.</summary>
    public IReadOnlyList<string>? Endorsements { get; }

    /// <summary>Allocated once, handed to IdentityModel's key resolver on every request.</summary>
    public IEnumerable<SecurityKey> AsCandidates { get; }

    public bool Endorses(string channelId)
    {
        if (Endorsements is null)
            return false;
        foreach (var endorsement in Endorsements)
        {
            if (string.Equals(endorsement, channelId, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}

/// <summary>The keys of one JWKS document as fetched at <see cref="FetchedAt"/>; immutable, shared by all requests.</summary>
internal sealed class SigningKeySet
{
    private readonly FrozenDictionary<string, SigningKey> _byKeyId;

    private SigningKeySet(FrozenDictionary<string, SigningKey> byKeyId, DateTimeOffset fetchedAt)
    {
        _byKeyId = byKeyId;
        FetchedAt = fetchedAt;
    }

    public DateTimeOffset FetchedAt { get; }

    public int Count => _byKeyId.Count;

    public SigningKey? Find(string keyId) => _byKeyId.GetValueOrDefault(keyId);

    /// <summary>
    /// Keeps RSA signature keys with <c>kid</c>, <c>n</c> and <c>e</c>; other entries are skipped, not fatal, because
    /// an issuer may publish key types the bot never verifies with.
    /// </summary>
    public static SigningKeySet Parse(JsonElement jwks, DateTimeOffset fetchedAt)
    {
        if (jwks.ValueKind != JsonValueKind.Object
            || !jwks.TryGetProperty("keys", out var keys)
            || keys.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The JWKS document has no 'keys' array.");
        }

        var byKeyId = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var jwk in keys.EnumerateArray())
        {
            if (TryRead(jwk) is { } key)
                byKeyId.TryAdd(key.KeyId, key);
        }
        return new SigningKeySet(byKeyId.ToFrozenDictionary(StringComparer.Ordinal), fetchedAt);
    }

    private static SigningKey? TryRead(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object
            || GetString(jwk, "kty") != "RSA"
            || GetString(jwk, "use") is { } use && use != "sig"
            || GetString(jwk, "kid") is not { Length: > 0 } keyId
            || GetString(jwk, "n") is not { Length: > 0 } modulus
            || GetString(jwk, "e") is not { Length: > 0 } exponent)
        {
            return null;
        }

        string[]? endorsements = null;
        if (jwk.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            endorsements = [.. list.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)];
        }

        try
        {
            var parameters = new RSAParameters
            {
                Modulus = Base64Url.DecodeFromChars(modulus),
                Exponent = Base64Url.DecodeFromChars(exponent),
            };
            return new SigningKey(keyId, parameters, endorsements);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
