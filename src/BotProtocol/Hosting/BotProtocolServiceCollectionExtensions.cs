using System.Diagnostics.CodeAnalysis;
using BotProtocol.Auth;
using BotProtocol.Connector;
using BotProtocol.Turns;
using BotProtocol.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BotProtocol.Hosting;

public static class BotProtocolServiceCollectionExtensions
{
    /// <summary>
    /// Channel authentication, the Connector client and the turn processor. The application adds an
    /// <see cref="IBot"/>, any <see cref="ITurnMiddleware"/> and an <see cref="State.IConversationStore"/> with its <see cref="IWorkQueue"/>.
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
        builder.Services.AddOptions<WorkQueueOptions>()
            .Bind(builder.Configuration.GetSection(WorkQueueOptions.FormerSectionName))
            .Bind(builder.Configuration.GetSection(WorkQueueOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkQueueOptions>, WorkQueueOptionsValidator>());
        builder.Services.AddSingleton<WorkSignal>();
        builder.Services.AddSingleton<WorkDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WorkDispatcher>());
        return builder;
    }

    /// <summary>Adds the handler that does the work items of its kind.</summary>
    public static IServiceCollection AddWorkHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services)
        where THandler : class, IWorkHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkHandler, THandler>());
        return services;
    }
}
