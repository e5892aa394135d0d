using System.Text.Json;
using BotProtocol.Auth;
using BotProtocol.Connector;
using BotProtocol.Schema;
using BotProtocol.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BotProtocol.Hosting;

public static class BotFrameworkEndpoints
{
    /// <summary>
    /// Maps the Bot Framework messaging endpoint (conventionally <c>/api/messages</c>): bounded read → JWT check →
    /// turn → replies (in the body for <c>expectReplies</c>, the invoke response for <c>invoke</c>, otherwise through
    /// the Connector to the activity's verified <c>serviceUrl</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapBotFramework(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        var authenticator = endpoints.ServiceProvider.GetRequiredService<RequestAuthenticator>();
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotFrameworkEndpoints).FullName!);
        if (authenticator.IsAuthenticationDisabled)
        {
            // Start-up only gets here outside Development when UnsafeAllowAnonymousRequests was set (BotFrameworkOptionsValidator).
            if (endpoints.ServiceProvider.GetService<IHostEnvironment>()?.IsDevelopment() == true)
                HostingLog.AuthenticationDisabled(logger);
            else
                HostingLog.AuthenticationDisabledOutsideDevelopment(logger);
        }

        return endpoints.MapPost(pattern, (HttpRequest request, [FromServices] RequestAuthenticator authenticator, [FromServices] TurnProcessor processor,
                [FromServices] ConnectorClient connector, CancellationToken cancellationToken) =>
                HandleAsync(request, authenticator, processor, connector, logger, cancellationToken))
            .WithName("BotFrameworkMessages")
            .WithRequestSizeLimit(ActivityReader.MaxBodyBytes);
    }

    private static async Task<Results<Ok, ExpectedRepliesResult, InvokeResult, StatusCodeHttpResult, ProblemHttpResult>> HandleAsync(
        HttpRequest request, RequestAuthenticator authenticator, TurnProcessor processor, ConnectorClient connector, ILogger logger, CancellationToken cancellationToken)
    {
        var authorization = request.Headers.Authorization.ToString();

        // Without a bearer token there is nothing to read for; refuse before touching the body.
        if (!authenticator.IsAuthenticationDisabled && !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return Unauthorized(logger, "missing bearer token");

        var read = await ActivityReader.ReadAsync(request, cancellationToken);
        if (read.Activity is not { } activity)
        {
            HostingLog.ActivityRefused(logger, read.Status);
            return TypedResults.Problem(statusCode: read.Status, title: read.Status == StatusCodes.Status413PayloadTooLarge ? "Activity too large" : "Invalid activity", detail: read.Problem);
        }

        var auth = await authenticator.AuthenticateAsync(authenticator.IsAuthenticationDisabled ? null : authorization, activity, cancellationToken);
        switch (auth.Status)
        {
            case AuthenticationStatus.Rejected:
                return Unauthorized(logger, auth.FailureReason ?? "rejected");
            case AuthenticationStatus.Unavailable:
                HostingLog.SigningKeysUnavailable(logger);
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Signing keys unavailable", detail: "The bot could not check the request's token; try again shortly.");
        }

        // callerId is never taken from the wire (A2251); it is what authentication established.
        activity = activity with { CallerId = auth.CallerId };

        if (activity.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            // A3113: replies go in the response body and must not also be sent through the Connector.
            var buffered = await processor.ProcessAsync(activity, deliver: null, cancellationToken);
            return new ExpectedRepliesResult(new ExpectedReplies([.. buffered.Replies]));
        }

        TurnResult result;
        try
        {
            result = await processor.ProcessAsync(
                activity,
                (reply, ct) => connector.SendAsync(reply, ct, auth.OAuthScopeForReplies),
                cancellationToken);
        }
        catch (Exception exception) when (exception is ConnectorException or HttpRequestException or TimeoutException)
        {
            // The turn is saved and the replies not yet sent are remembered: the channel's retry delivers them.
            HostingLog.RepliesNotDelivered(logger, exception.GetType().Name, (exception as ConnectorException)?.StatusCode);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "Replies not delivered",
                detail: "The channel's Connector did not accept the bot's replies; they will be sent when this activity is delivered again.");
        }

        if (activity.IsType(ActivityTypes.Invoke))
        {
            return result.InvokeResponse is { } invoke
                ? new InvokeResult(invoke)
                : TypedResults.StatusCode(StatusCodes.Status501NotImplemented);
        }
        return TypedResults.Ok();
    }

    private static ProblemHttpResult Unauthorized(ILogger logger, string reason)
    {
        HostingLog.Unauthorized(logger, reason);
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }

    /// <summary>
    /// The replies as one JSON body with its length: serialised in one go rather than streamed, so the response leaves
    /// in one write instead of in chunks (the body is a few KB).
    /// </summary>
    internal sealed class ExpectedRepliesResult(ExpectedReplies replies) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(replies, ProtocolJsonContext.Default.ExpectedReplies);
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }

    /// <summary>Writes an invoke response as the SDKs do: its status as the HTTP status, its body as JSON.</summary>
    internal sealed class InvokeResult(InvokeResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.Status;
            if (response.Body is { ValueKind: not JsonValueKind.Undefined } body)
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(httpContext.Response.Body, body, ProtocolJsonContext.Default.JsonElement, httpContext.RequestAborted);
            }
        }
    }
}
