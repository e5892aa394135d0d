using BotProtocol.Auth;
using BotProtocol.Connector;
using BotProtocol.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

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
        builder.Services.AddBotAuthentication(builder.Configuration);
        builder.Services.AddBotConnector(builder.Configuration);
        builder.Services.AddSingleton<TurnProcessor>();
        return builder;
    }
}
