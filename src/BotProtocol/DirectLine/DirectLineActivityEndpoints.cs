using System.Globalization;
using BotProtocol.Schema;
using BotProtocol.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BotProtocol.DirectLine;

/// <summary><c>POST conversations/{id}/activities</c> (echo, turn, <c>{"id"}</c>) and <c>GET</c> of the same (polling after a watermark).</summary>
internal static class DirectLineActivityEndpoints
{
    private static readonly HashSet<string> ClientActivityTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing, ActivityTypes.EndOfConversation, ActivityTypes.MessageReaction,
    };

    public static void MapDirectLineActivities(this IEndpointRouteBuilder group)
    {
        group.MapPost("/conversations/{conversationId}/activities", PostAsync)
            .RequireDirectLineActivityLimit()
            .WithRequestSizeLimit(DirectLineLimits.MaxActivityBytes);
        group.MapGet("/conversations/{conversationId}/activities", Get);
    }

    internal static async Task<Results<DirectLineJson<ResourceResponse>, DirectLineError>> PostAsync(
        HttpRequest request, string conversationId, [FromServices] DirectLineAccess access, [FromServices] DirectLineTurns turns)
    {
        const string operation = "post activity";
        var found = access.ConversationOf(request, conversationId, operation);
        if (found.Refusal is { } refusal)
            return refusal;
        var (caller, conversation) = found.Value;
        var read = await access.ReadJsonAsync(request, ProtocolJsonContext.Default.Activity, DirectLineLimits.MaxActivityBytes, operation);
        if (read.Refusal is { } badBody)
            return badBody;
        if (read.Value is not { } posted)
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "MissingProperty", "The body must be one activity as a JSON object.");
        if (string.IsNullOrEmpty(posted.Type))
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "MissingProperty", "Required field missing: type.");
        if (!ClientActivityTypes.Contains(posted.Type))
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "BadArgument", $"A client may post activities of type {string.Join(", ", ClientActivityTypes)}.");
        if (posted.IsType(ActivityTypes.Event) && string.IsNullOrEmpty(posted.Name))
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "MissingProperty", "Required field missing: name.");
        var fromId = caller.UserId ?? posted.From?.Id;
        if (fromId is not null && !DirectLineAccess.ValidUserId(fromId))
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "BadArgument", $"from.id must be 1 to {DirectLineAccess.MaxIdLength} characters.");

        conversation.PostedByClient();
        // The server decides where the activity came from and is going; the rest is the client's, kept as sent.
        var (echo, sequence) = conversation.Append(posted with
        {
            ChannelId = DirectLineEndpoints.ChannelId,
            ServiceUrl = null,
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = new ChannelAccount { Id = fromId ?? "dl_user", Name = posted.From?.Name, Role = RoleTypes.User },
            Recipient = turns.Bot,
            DeliveryMode = null,
            CallerId = null,
        });
        if (await turns.RunAsync(conversation, echo with { ServiceUrl = DirectLineUrls.ServiceUrl(request) }, sequence, operation) is { } failed)
            return failed;
        return new DirectLineJson<ResourceResponse>(StatusCodes.Status200OK, new ResourceResponse(echo.Id), DirectLineJsonContext.Default.ResourceResponse);
    }

    internal static Results<DirectLineJson<ActivitySet>, DirectLineError> Get(
        HttpRequest request, string conversationId, [FromQuery] string? watermark, [FromServices] DirectLineAccess access)
    {
        const string operation = "get activities";
        var found = access.ConversationOf(request, conversationId, operation);
        if (found.Refusal is { } refusal)
            return refusal;
        if (!TryWatermark(watermark, out var after))
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "BadArgument", "watermark must be a watermark this conversation gave.");
        var (activities, next) = found.Value.Conversation.ReadAfter(after, includeTyping: false);
        return new DirectLineJson<ActivitySet>(StatusCodes.Status200OK, new ActivitySet(activities, Watermark(next)), DirectLineJsonContext.Default.ActivitySet);
    }

    /// <summary>A watermark as clients send it: none, <c>-</c>, or a sequence number this server gave.</summary>
    internal static bool TryWatermark(string? text, out long watermark)
    {
        watermark = 0;
        return string.IsNullOrEmpty(text) || text == "-" || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out watermark) && watermark >= 0);
    }

    internal static string? Watermark(long sequence) => sequence > 0 ? sequence.ToString(CultureInfo.InvariantCulture) : null;
}
