using BotProtocol.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// The local Direct Line: <see cref="DirectLineOptions"/> bound from the <c>DirectLine</c> section and validated on
    /// start, the token signer, the in-memory conversations, the CORS policy (<see cref="DirectLineCors"/>), the start and activity rate limits (<see cref="DirectLineStartLimit"/>, <c>DirectLineActivityLimit</c>;
    /// the app calls <c>UseRateLimiter()</c>) and WebSocket support for stream URLs. Needs <c>AddBotProtocol()</c> for
    /// the turn processor; map the endpoints with <c>MapDirectLine()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddDirectLine(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DirectLineOptions>().Bind(builder.Configuration.GetSection(DirectLineOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(_ => Pseudonyms.WithRandomKey());
        builder.Services.TryAddSingleton<DirectLineTokens>();
        builder.Services.TryAddSingleton<DirectLineConversations>();
        builder.Services.TryAddSingleton<DirectLineAccess>();
        builder.Services.TryAddSingleton<DirectLineTurns>();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, options) => DirectLineCors.AddPolicy(cors, options.Value));
        builder.Services.TryAddSingleton<DirectLineOrigins>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, DirectLineChannelSender>());
        if (!builder.Services.Any(d => d.ServiceType == typeof(DirectLineStartBudget)))
        {
            builder.Services.AddSingleton<DirectLineStartBudget>();
            builder.Services.AddRateLimiter(limiter => limiter
                .AddPolicy<string, DirectLineStartPolicy>(DirectLineStartLimit.PolicyName)
                .AddPolicy<string, DirectLineActivityPolicy>(DirectLineActivityLimit.PolicyName));
        }
        // Stream URLs are WebSockets; the middleware only acts on upgrade requests, so its place in the pipeline is free.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, WebSocketsStartupFilter>());
        return builder;
    }

    private sealed class WebSocketsStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWebSockets();
            next(app);
        };
    }
}
