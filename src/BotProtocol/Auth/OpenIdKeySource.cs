using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace BotProtocol.Auth;

internal readonly record struct KeyLookup(SigningKey? Key, bool KeysUnavailable);

/// <summary>
/// The signing keys behind one OpenID metadata URL, with this refresh policy: refetch when older than
/// 24 h, refetch on an unknown <c>kid</c> at most once per 5 minutes, keep the old keys when a refetch fails, and
/// report "unavailable" only when no keys were ever fetched. Concurrent requests share one fetch.
/// </summary>
internal sealed class OpenIdKeySource(string metadataUrl, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger logger)
    : IDisposable
{
    /// <summary>Bot Connector authentication: keys may be added at any time; refresh the cached document at least every 24 h.</summary>
    internal static readonly TimeSpan MaximumAge = TimeSpan.FromHours(24);

    /// <summary>
    /// Floor between refetches triggered by an unknown <c>kid</c>, and between retries of a failed refresh while old
    /// keys are still served: a stream of forged kids or an issuer outage must not turn into a stream of fetches.
    /// </summary>
    internal static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _fetchGate = new(1, 1);

    // Replaced, never mutated: the hot path reads it once without locking. Every fetch attempt installs a new
    // instance, which is how a request that waited on the gate knows someone else just fetched for it.
    private volatile KeyState _state = KeyState.Empty;

    public string MetadataUrl => metadataUrl;

    /// <summary>Synchronous lookup for IdentityModel's key resolver, after <see cref="FindAsync"/> made sure keys are loaded.</summary>
    public SigningKey? Peek(string keyId) => _state.Keys?.Find(keyId);

    public ValueTask<KeyLookup> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var observed = _state;
        var key = observed.Keys?.Find(keyId);
        return NeedsFetch(observed, key is not null, timeProvider.GetUtcNow())
            ? new ValueTask<KeyLookup>(FetchThenFindAsync(observed, keyId, cancellationToken))
            : new ValueTask<KeyLookup>(new KeyLookup(key, KeysUnavailable: false));
    }

    public void Dispose() => _fetchGate.Dispose();

    private static bool NeedsFetch(KeyState state, bool keyFound, DateTimeOffset now)
    {
        if (state.Keys is null)
            return true;
        if (IsStale(state, now) && now - state.LastFailureAt >= MinimumRefreshInterval)
            return true;
        return !keyFound && now - state.LastUnknownKeyRefreshAt >= MinimumRefreshInterval;
    }

    private static bool IsStale(KeyState state, DateTimeOffset now) =>
        state.Keys is not null && now - state.Keys.FetchedAt >= MaximumAge;

    private async Task<KeyLookup> FetchThenFindAsync(KeyState observed, string keyId, CancellationToken cancellationToken)
    {
        await _fetchGate.WaitAsync(cancellationToken);
        try
        {
            var state = _state;
            if (ReferenceEquals(state, observed))
            {
                var now = timeProvider.GetUtcNow();
                var forUnknownKey = state.Keys is not null && !IsStale(state, now) && state.Keys.Find(keyId) is null;
                var fetched = await TryFetchAsync(state, now, cancellationToken);
                state = new KeyState(
                    fetched ?? state.Keys,
                    LastFailureAt: fetched is null ? now : state.LastFailureAt,
                    LastUnknownKeyRefreshAt: forUnknownKey ? now : state.LastUnknownKeyRefreshAt);
                _state = state;
            }
            return new KeyLookup(state.Keys?.Find(keyId), KeysUnavailable: state.Keys is null);
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    private async Task<SigningKeySet?> TryFetchAsync(KeyState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            // IdentityModel reads the metadata and the JWKS it points to; the refresh policy above stays ours, because
            // its ConfigurationManager keeps its own clock and refreshes in the background, where the 24 h age and the
            // 5-minute floors could not be held to (nor tested with a fake clock).
            var documents = new HttpDocumentRetriever(httpClientFactory.CreateClient(SigningKeyCache.HttpClientName))
            {
                // The address comes from the bot's own settings (https in every cloud); tests serve it over loopback http.
                RequireHttps = false,
            };
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(metadataUrl, documents, cancellationToken);
            if (configuration.JsonWebKeySet is not { } jwks)
                throw new InvalidDataException("The OpenID metadata has no 'jwks_uri' or its JWKS has no keys.");
            var keys = SigningKeySet.From(jwks, now);
            if (keys.Count == 0)
                throw new InvalidDataException("The JWKS document has no usable RSA signing key.");
            AuthLog.KeysFetched(logger, metadataUrl, keys.Count);
            return keys;
        }
        catch (Exception exception) when (IsFetchFailure(exception, cancellationToken))
        {
            if (state.Keys is { } old)
                AuthLog.RefreshFailedKeepingKeys(logger, metadataUrl, old.Count, old.FetchedAt, exception);
            else
                AuthLog.KeysUnavailable(logger, metadataUrl, exception);
            return null;
        }
    }

    // The caller's own cancellation is not a failure of the issuer: it propagates and leaves the state untouched.
    // IdentityModel wraps transport failures (and cancellations) in IOException and malformed documents in ArgumentException.
    private static bool IsFetchFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        _ when cancellationToken.IsCancellationRequested => false,
        OperationCanceledException or IOException or ArgumentException or HttpRequestException or JsonException
            or UriFormatException or InvalidOperationException => true,
        _ => false,
    };

    private sealed record KeyState(SigningKeySet? Keys, DateTimeOffset LastFailureAt, DateTimeOffset LastUnknownKeyRefreshAt)
    {
        public static readonly KeyState Empty = new(null, DateTimeOffset.MinValue, DateTimeOffset.MinValue);
    }
}
