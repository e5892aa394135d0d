using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace BotProtocol.Testing;

/// <summary>
/// One OpenID authority of <see cref="TestTokenIssuer"/>: a metadata document whose <c>jwks_uri</c> points at a JWKS of
/// its published keys. Keys can be rotated, withdrawn or kept unpublished, and the authority can be taken down.
/// </summary>
public sealed class TestOpenIdAuthority : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TestSigningKey> _published = [];
    private readonly List<TestSigningKey> _all = [];
    private readonly IReadOnlyList<string>? _defaultEndorsements;
    private readonly Func<int> _nextKeyMaterial;
    private readonly string _metadataPath;
    private readonly string _keysPath;
    private int _metadataRequests;
    private int _keysRequests;
    private volatile bool _isDown;

    internal TestOpenIdAuthority(
        Uri address, string metadataPath, string keysPath, string issuer, IReadOnlyList<string>? defaultEndorsements, Func<int> nextKeyMaterial)
    {
        _metadataPath = metadataPath;
        _keysPath = keysPath;
        _defaultEndorsements = defaultEndorsements;
        _nextKeyMaterial = nextKeyMaterial;
        Issuer = issuer;
        MetadataUrl = new Uri(address, metadataPath).ToString();
        KeysUrl = new Uri(address, keysPath).ToString();
        CurrentKey = RotateKey();
    }

    /// <summary>The <c>issuer</c> the metadata document names.</summary>
    public string Issuer { get; }

    public string MetadataUrl { get; }

    public string KeysUrl { get; }

    /// <summary>The key the token factories of <see cref="TestTokenIssuer"/> sign with.</summary>
    public TestSigningKey CurrentKey { get; private set; }

    public IReadOnlyList<TestSigningKey> PublishedKeys
    {
        get { lock (_gate) return [.. _published]; }
    }

    /// <summary>Requests for the metadata document so far, answered or failed.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    /// <summary>Requests for the JWKS so far, answered or failed.</summary>
    public int KeysRequests => Volatile.Read(ref _keysRequests);

    /// <summary>While set, both documents answer 500.</summary>
    public bool IsDown
    {
        get => _isDown;
        set => _isDown = value;
    }

    /// <summary>
    /// Publishes a new key with the default endorsements and makes it current; earlier keys stay published, as real
    /// issuers overlap keys while rotating.
    /// </summary>
    public TestSigningKey RotateKey() => RotateKey(_defaultEndorsements);

    /// <param name="endorsements">Null: the JWK has no <c>endorsements</c> member.</param>
    public TestSigningKey RotateKey(IReadOnlyList<string>? endorsements)
    {
        var key = TestSigningKey.Create(_nextKeyMaterial(), endorsements);
        lock (_gate)
        {
            _all.Add(key);
            _published.Add(key);
            CurrentKey = key;
        }
        return key;
    }

    /// <summary>A key this authority never publishes: what a forger or another issuer would sign with.</summary>
    public TestSigningKey CreateUnpublishedKey()
    {
        var key = TestSigningKey.Create(_nextKeyMaterial(), _defaultEndorsements);
        lock (_gate)
            _all.Add(key);
        return key;
    }

    /// <summary>Takes a key out of the JWKS (it keeps signing if a test asks it to).</summary>
    public void Withdraw(TestSigningKey key)
    {
        lock (_gate)
            _published.Remove(key);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _all)
                key.Dispose();
        }
    }

    internal async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        bool isMetadata = path == _metadataPath, isKeys = path == _keysPath;
        if (!isMetadata && !isKeys)
            return false;

        Interlocked.Increment(ref isMetadata ? ref _metadataRequests : ref _keysRequests);
        if (_isDown)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return true;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        if (isMetadata)
        {
            writer.WriteString("issuer", Issuer);
            writer.WriteString("jwks_uri", KeysUrl);
            writer.WriteStartArray("id_token_signing_alg_values_supported");
            writer.WriteStringValue("RS256");
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteStartArray("keys");
            foreach (var key in PublishedKeys)
                key.WriteJwk(writer);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
        return true;
    }
}
