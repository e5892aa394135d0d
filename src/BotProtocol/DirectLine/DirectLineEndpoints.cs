using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotProtocol.DirectLine;

public static class DirectLineEndpoints
{
    /// <summary>The <c>channelId</c> of activities that come through the local Direct Line.</summary>
    public const string ChannelId = "directline";

    /// <summary>
    /// Maps Direct Line 3.0 (protocol reference §5.1) under <paramref name="prefix"/>: token generate and refresh,
    /// start and reconnect, post and get activities with a watermark, and the WebSocket stream. Each posted activity
    /// comes back to the clients with a server id (Web Chat needs the echo), goes to the bot's turn, and the bot's
    /// replies are added to the conversation's log. A start gives the bot a <c>conversationUpdate</c> so it can greet.
    /// Maps nothing when <see cref="DirectLineTokens.IsEnabled"/> is false.
    /// </summary>
    public static IEndpointConventionBuilder MapDirectLine(this IEndpointRouteBuilder endpoints, string prefix = "/v3/directline")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        var access = endpoints.ServiceProvider.GetRequiredService<DirectLineAccess>();
        if (!endpoints.ServiceProvider.GetRequiredService<DirectLineTokens>().IsEnabled)
        {
            DirectLineLog.Disabled(access.Logger);
            return group;
        }

        group.MapDirectLineTokens();
        group.MapDirectLineConversations();
        group.MapDirectLineActivities();
        group.MapDirectLineStream();
        group.MapMethods("/{**path}", [HttpMethods.Options], DirectLineCors.PreflightAsync);
        group.RequireDirectLineCors();
        return group;
    }
}
