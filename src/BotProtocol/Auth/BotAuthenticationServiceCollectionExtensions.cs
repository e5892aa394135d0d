using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.Auth;

public static class BotAuthenticationServiceCollectionExtensions
{
    // Both metadata documents are a few kilobytes; the limits only stop a misbehaving endpoint from stalling requests.
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private const long MetadataMaxBytes = 1024 * 1024;

    /// <summary>
    /// Registers <see cref="RequestAuthenticator"/> with <see cref="BotFrameworkOptions"/> bound from the root of
    /// <paramref name="configuration"/>: the SDKs' flat keys (<c>MicrosoftAppId</c>, ...). Calling it twice
    /// registers nothing twice.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(RequestAuthenticator)))
            return services;

        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>(
            sp => new BotFrameworkOptionsValidator(sp.GetService<IHostEnvironment>())));
        services.AddHttpClient(SigningKeyCache.HttpClientName, client =>
        {
            client.Timeout = MetadataTimeout;
            client.MaxResponseContentBufferSize = MetadataMaxBytes;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeyCache>();
        services.AddSingleton(sp => new RequestAuthenticator(
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value,
            sp.GetRequiredService<SigningKeyCache>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RequestAuthenticator>>()));
        return services;
    }
}
