using System.Threading.RateLimiting;
using BotProtocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// What one conversation may post: <see cref="DirectLineOptions.ActivitiesPerConversationPerMinute"/> activities a
/// minute, as a token bucket per conversation, through ASP.NET Core's rate limiter. Each activity is a turn of the bot
/// and a write to the store; beyond the budget the client gets 429 with <c>Retry-After</c> and the bot does no work.
/// Reading (polling, the stream) is not counted: Web Chat polls several times a second when it has no WebSocket.
/// </summary>
internal static class DirectLineActivityLimit
{
    public const string PolicyName = "BotProtocol.DirectLine.Activities";

    public static TBuilder RequireDirectLineActivityLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(PolicyName);
}

internal sealed class DirectLineActivityPolicy(IOptions<DirectLineOptions> options, DirectLineOrigins origins, ILogger<DirectLineActivityPolicy> logger)
    : IRateLimiterPolicy<string>
{
    private readonly int _perMinute = options.Value.ActivitiesPerConversationPerMinute;

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        // Refused with 403 by the origin check; counting it would let a page elsewhere spend a conversation's budget.
        if (origins.IsForeign(httpContext))
            return RateLimitPartition.GetNoLimiter("foreign origin");
        var conversation = httpContext.Request.RouteValues["conversationId"] as string ?? "";
        return RateLimitPartition.GetTokenBucketLimiter(conversation, _ => DirectLineStartLimit.PerMinute(_perMinute, autoReplenishment: false));
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        DirectLineLog.ActivityRateLimited(logger);
        await DirectLineStartPolicy.WriteTooManyRequestsAsync(context, "Too many activities in this conversation", cancellationToken);
    }
}
