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
    public static SigningKeySet From(JsonWebKeySet jwks, DateTimeOffset fetchedAt)
    {
        var byKeyId = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var jwk in jwks.Keys)
        {
            if (TryRead(jwk) is { } key)
                byKeyId.TryAdd(key.KeyId, key);
        }
        return new SigningKeySet(byKeyId.ToFrozenDictionary(StringComparer.Ordinal), fetchedAt);
    }

    private static SigningKey? TryRead(JsonWebKey jwk)
    {
        if (jwk.Kty != JsonWebAlgorithmsKeyTypes.RSA
            || jwk.Use is { } use && use != JsonWebKeyUseNames.Sig
            || jwk.Kid is not { Length: > 0 } keyId
            || jwk.N is not { Length: > 0 } modulus
            || jwk.E is not { Length: > 0 } exponent)
        {
            return null;
        }

        try
        {
            var parameters = new RSAParameters
            {
                Modulus = Base64Url.DecodeFromChars(modulus),
                Exponent = Base64Url.DecodeFromChars(exponent),
            };
            return new SigningKey(keyId, parameters, Endorsements(jwk));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // "endorsements" is the Bot Framework's own JWK member (the channels a key may sign for), which IdentityModel keeps
    // among the members it does not know.
    private static string[]? Endorsements(JsonWebKey jwk) => jwk.AdditionalData.TryGetValue("endorsements", out var value) ? value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } list =>
            [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        IEnumerable<object> list => [.. list.OfType<string>()],
        _ => null,
    } : null;
}
