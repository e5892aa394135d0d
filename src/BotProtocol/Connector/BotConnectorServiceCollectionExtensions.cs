using BotProtocol.Auth;
using BotProtocol.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace BotProtocol.Connector;

public static class BotConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ConnectorClient"/> with its token provider and resilience pipeline (retries, per-attempt timeout). Binds
    /// <see cref="BotFrameworkOptions"/> from the root's flat keys (<c>MicrosoftAppId</c>, ...) and
    /// <see cref="ConnectorOptions"/> from the <c>Connector</c> section; both are validated on start.
    /// An <see cref="IMsalHttpClientFactory"/> registered before start carries MSAL's HTTP (proxies, test fakes).
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>(
            sp => new BotFrameworkOptionsValidator(sp.GetService<IHostEnvironment>())));
        services.AddOptions<ConnectorOptions>().Bind(configuration.GetSection(ConnectorOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => Pseudonyms.WithRandomKey());
        services.TryAddSingleton<IAccessTokenProvider>(sp => new MsalAccessTokenProvider(
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value,
            sp.GetService<IMsalHttpClientFactory>()));

        // A second call must not stack a second pipeline on the client.
        if (services.Any(d => d.ServiceType == typeof(ConnectorClient)))
            return services;
        var client = services.AddHttpClient<ConnectorClient>(http => http.Timeout = Timeout.InfiniteTimeSpan); // per attempt: ConnectorOptions.Timeout
        client.AddResilienceHandler(ConnectorResilience.PipelineName, ConnectorResilience.Configure);
        client.AddHttpMessageHandler(() => new ReadAnswerWithinAttemptHandler())
            // Services that live for the whole process (the work dispatcher, a proactive sender) may keep one ConnectorClient;
            // recycling connections rather than handlers keeps them following DNS (smba.trafficmanager.net is
            // Traffic Manager).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's default loggers write request URLs, and a Connector URL holds the conversation id.
            .RemoveAllLoggers();
        return services;
    }
}
