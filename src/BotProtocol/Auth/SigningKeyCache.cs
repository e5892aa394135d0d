using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BotProtocol.Auth;

/// <summary>One <see cref="OpenIdKeySource"/> per metadata URL, so channel and Entra keys are cached and refreshed apart.</summary>
internal sealed class SigningKeyCache(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<SigningKeyCache> logger)
    : IDisposable
{
    internal const string HttpClientName = "BotProtocol.Auth.OpenIdMetadata";

    private readonly ConcurrentDictionary<string, OpenIdKeySource> _sources = new(StringComparer.Ordinal);

    public OpenIdKeySource For(string metadataUrl) =>
        _sources.GetOrAdd(metadataUrl, url => new OpenIdKeySource(url, httpClientFactory, timeProvider, logger));

    public void Dispose()
    {
        foreach (var source in _sources.Values)
            source.Dispose();
    }
}
