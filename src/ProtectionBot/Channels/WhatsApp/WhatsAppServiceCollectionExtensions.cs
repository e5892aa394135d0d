using BotProtocol.Connector;
using BotProtocol.Hosting;
using BotProtocol.Turns;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace ProtectionBot.Channels.WhatsApp;

internal static class WhatsAppServiceCollectionExtensions
{
    /// <summary>
    /// The WhatsApp Business Cloud API channel: options from the <c>WhatsApp</c> section (validated on start), the
    /// Graph API client, the work handler that runs inbound messages' turns, the middleware that completes a turn from its conversation (locale, window) and the sender
    /// the handoff uses. Registered whether or not the channel is configured; the endpoint says 503 while it is not.
    /// </summary>
    public static IHostApplicationBuilder AddWhatsAppChannel(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WhatsAppOptions>, WhatsAppOptionsValidator>());
        services.AddSingleton<WhatsAppIdentity>();
        services.AddSingleton<CallingCodeLanguage>();
        services.AddSingleton<OutboundRenderer>();
        services.AddSingleton<CustomerServiceWindow>();
        services.AddSingleton<WhatsAppMessenger>();
        services.AddSingleton<WhatsAppDeliveryFailures>();
        services.AddSingleton<WhatsAppEndpoints.WebhookIntake>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, WhatsAppChannelSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITurnMiddleware, WhatsAppTurnMiddleware>());
        services.AddWorkHandler<InboundMessageHandler>();
        var graph = services.AddHttpClient<GraphApiClient>(http => http.Timeout = Timeout.InfiniteTimeSpan); // per call: WhatsApp:RequestTimeout
        // No retry here: a refused or unanswered send goes back to the work queue, which waits what Meta asked for.
        graph.AddResilienceHandler("whatsapp-graph", (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var settings = context.ServiceProvider.GetRequiredService<IOptions<WhatsAppOptions>>();
            pipeline.AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = _ => ValueTask.FromResult(settings.Value.RequestTimeout) });
        });
        graph.AddHttpMessageHandler(() => new ReadAnswerWithinAttemptHandler())
            // The messenger lives for the whole process and keeps its client: recycle connections, not handlers.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's default loggers would write request lines; keep the channel's logs its own.
            .RemoveAllLoggers();
        return builder;
    }
}
