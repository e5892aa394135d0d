using System.Diagnostics.CodeAnalysis;
using BotProtocol.Auth;
using BotProtocol.Connector;
using BotProtocol.Outbox;
using BotProtocol.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BotProtocol.Hosting;

public static class BotProtocolServiceCollectionExtensions
{
    /// <summary>
    /// Channel authentication, the Connector client and the turn processor. The application adds an
    /// <see cref="IBot"/>, any <see cref="ITurnMiddleware"/> and an <see cref="State.IConversationStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddBotProtocol(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The application replaces it with one keyed from its configuration, so log ids correlate across instances.
        builder.Services.TryAddSingleton(_ => Pseudonyms.WithRandomKey());
        builder.Services.AddBotAuthentication(builder.Configuration);
        builder.Services.AddBotConnector(builder.Configuration);
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddSingleton<ProactiveTurns>();
        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxDispatcher>());
        return builder;
    }

    /// <summary>Adds the handler that delivers outbox messages of its kind.</summary>
    public static IServiceCollection AddOutboxHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services)
        where THandler : class, IOutboxHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, THandler>());
        return services;
    }
}
