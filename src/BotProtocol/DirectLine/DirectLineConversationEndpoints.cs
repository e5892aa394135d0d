using BotProtocol.Schema;
using BotProtocol.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BotProtocol.DirectLine;

/// <summary><c>POST conversations</c> (start, and the bot may greet) and <c>GET conversations/{id}</c> (reconnect).</summary>
internal static class DirectLineConversationEndpoints
{
    public static void MapDirectLineConversations(this IEndpointRouteBuilder group)
    {
        group.MapPost("/conversations", StartAsync).RequireDirectLineStartLimit().WithRequestSizeLimit(DirectLineLimits.MaxStartBodyBytes);
        group.MapGet("/conversations/{conversationId}", Reconnect);
    }

    /// <summary>201 when this call started the conversation, 200 when the token's conversation was already started.</summary>
    internal static async Task<Results<DirectLineJson<ConversationResponse>, DirectLineError>> StartAsync(
        HttpRequest request,
        [FromServices] DirectLineAccess access,
        [FromServices] DirectLineTokens tokens,
        [FromServices] DirectLineConversations conversations,
        [FromServices] DirectLineTurns turns)
    {
        const string operation = "start conversation";
        var caller = access.Authenticate(request, operation);
        if (caller.Refusal is { } refusal)
            return refusal;
        var body = await access.ReadJsonAsync(request, DirectLineJsonContext.Default.DirectLineRequestBody, DirectLineLimits.MaxStartBodyBytes, operation);
        if (body.Refusal is { } badBody)
            return badBody;
        var requestedUser = body.Value?.User?.Id;
        if (!DirectLineAccess.ValidUserId(requestedUser))
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "BadArgument", $"user.id must be 1 to {DirectLineAccess.MaxIdLength} characters.");

        var token = caller.Value!.IsSecret
            ? tokens.Generate(requestedUser)
            : new DirectLineToken(caller.Value.ConversationId!, caller.Value.Token, caller.Value.ExpiresIn);
        var conversation = conversations.GetOrStart(token.ConversationId, DirectLineStartLimit.ClientOf(request.HttpContext), out var started, out var full);
        if (conversation is null)
        {
            DirectLineLog.Full(access.Logger, full!, conversations.Count);
            return access.Refuse(operation, StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many conversations are open; try again in a minute.", retryAfterSeconds: 60);
        }

        if (started)
        {
            DirectLineLog.ConversationStarted(access.Logger, conversation.LogId, conversations.Count);
            var user = new ChannelAccount { Id = caller.Value.UserId ?? requestedUser ?? "dl_" + DirectLineTokens.NewConversationId(), Role = RoleTypes.User };
            // Web Chat never announces who joined; the bot learns it here and may greet first (reference §5.3).
            var joined = new Activity
            {
                Type = ActivityTypes.ConversationUpdate,
                ChannelId = DirectLineEndpoints.ChannelId,
                ServiceUrl = DirectLineUrls.ServiceUrl(request),
                Conversation = new ConversationAccount { Id = conversation.Id },
                From = user,
                Recipient = turns.Bot,
                Locale = body.Value?.Locale,
                MembersAdded = [user, turns.Bot],
                Timestamp = null,
            };
            if (await turns.RunAsync(conversation, joined, echoSequence: null, operation) is { } failed)
                return failed;
        }

        conversation.Touch();
        return DirectLineAnswers.Conversation(
            new ConversationResponse(conversation.Id, token.Token, token.ExpiresIn, DirectLineUrls.StreamUrl(request, conversation)),
            started ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>A fresh stream URL after a socket closed.</summary>
    internal static Results<DirectLineJson<ConversationResponse>, DirectLineError> Reconnect(
        HttpRequest request, string conversationId, [FromServices] DirectLineAccess access, [FromServices] DirectLineTokens tokens)
    {
        var found = access.ConversationOf(request, conversationId, "reconnect");
        if (found.Refusal is { } refusal)
            return refusal;
        var (caller, conversation) = found.Value;
        var token = caller.IsSecret ? tokens.Issue(conversation.Id, null) : new DirectLineToken(conversation.Id, caller.Token, caller.ExpiresIn);
        return DirectLineAnswers.Conversation(new ConversationResponse(conversation.Id, token.Token, token.ExpiresIn, DirectLineUrls.StreamUrl(request, conversation)));
    }
}
