using BotProtocol.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BotProtocol.DirectLine;

/// <summary><c>tokens/generate</c> (with the secret; the conversation starts later, with the token) and <c>tokens/refresh</c>.</summary>
internal static class DirectLineTokenEndpoints
{
    public static void MapDirectLineTokens(this IEndpointRouteBuilder group)
    {
        group.MapPost("/tokens/generate", GenerateAsync).RequireDirectLineStartLimit().WithRequestSizeLimit(DirectLineLimits.MaxStartBodyBytes);
        group.MapPost("/tokens/refresh", Refresh);
    }

    internal static async Task<Results<DirectLineJson<ConversationResponse>, DirectLineError>> GenerateAsync(
        HttpRequest request, [FromServices] DirectLineAccess access, [FromServices] DirectLineTokens tokens)
    {
        const string operation = "generate token";
        var caller = access.Authenticate(request, operation);
        if (caller.Refusal is { } refusal)
            return refusal;
        if (!caller.Value!.IsSecret)
            return access.Refuse(operation, StatusCodes.Status403Forbidden, "Forbidden", "Generating a token needs the Direct Line secret.");
        var body = await access.ReadJsonAsync(request, DirectLineJsonContext.Default.DirectLineRequestBody, DirectLineLimits.MaxStartBodyBytes, operation);
        if (body.Refusal is { } badBody)
            return badBody;
        var userId = body.Value?.User?.Id;
        if (!DirectLineAccess.ValidUserId(userId))
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "BadArgument", $"user.id must be 1 to {DirectLineAccess.MaxIdLength} characters.");
        var token = tokens.Generate(userId);
        return DirectLineAnswers.Conversation(new ConversationResponse(token.ConversationId, token.Token, token.ExpiresIn));
    }

    // An expired token cannot be refreshed (it is refused by authentication).
    internal static Results<DirectLineJson<ConversationResponse>, DirectLineError> Refresh(
        HttpRequest request, [FromServices] DirectLineAccess access, [FromServices] DirectLineTokens tokens)
    {
        const string operation = "refresh token";
        var caller = access.Authenticate(request, operation);
        if (caller.Refusal is { } refusal)
            return refusal;
        if (caller.Value!.IsSecret)
            return access.Refuse(operation, StatusCodes.Status403Forbidden, "Forbidden", "Only a token can be refreshed.");
        var token = tokens.Issue(caller.Value.ConversationId!, caller.Value.UserId);
        return DirectLineAnswers.Conversation(new ConversationResponse(token.ConversationId, token.Token, token.ExpiresIn));
    }
}
