using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BotProtocol.DirectLine;
using BotProtocol.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Channels.WebChat;

internal static class WebChatEndpoints
{
    /// <summary>
    /// The chat page at <c>/</c>; its script and style and Microsoft's Web Chat bundle as static web assets under
    /// <c>/webchat/</c> (compressed by the build, fingerprinted, immutable; <c>/webchat/webchat.js</c> also answers for
    /// partner sites that embed it); a token per visitor (<c>POST /webchat/token</c>) and, unless the page uses an
    /// Azure Bot's Direct Line, the local Direct Line under <c>/v3/directline</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDirectLine();
        endpoints.MapStaticAssets().Add(endpoint =>
        {
            var serve = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = http =>
            {
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return serve(http);
            };
        });
        var assets = WebChatAssets.Resolve(endpoints);
        if (!assets.Has(WebChatAssets.Bundle))
            WebChatLog.BundleMissing(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory));

        endpoints.MapGet("/", (HttpRequest request, HttpResponse response, [FromServices] WebChatPage page) => Page(request, response, page, assets));
        endpoints.MapPost("/webchat/token", TokenAsync)
            .RequireDirectLineCors()
            .RequireDirectLineStartLimit()
            .WithRequestSizeLimit(TokenRequestBytes);
        // A partner page that posts JSON sends a preflight first.
        endpoints.MapDirectLinePreflight("/webchat/token").RequireDirectLineCors();
        return endpoints;
    }

    private static readonly string LogCategory = typeof(WebChatEndpoints).FullName!;

    // The page posts an empty body; a partner's server may send a small JSON object, which is not read.
    private const long TokenRequestBytes = 4 * 1024;

    /// <summary>The chat page, in the visitor's language; the assets are the build's, known when the routes are mapped.</summary>
    internal static ContentHttpResult Page(HttpRequest request, HttpResponse response, WebChatPage page, WebChatAssets assets)
    {
        var language = WebChatPage.LanguageOf(request);
        var headers = response.Headers;
        // Nothing of the chat may stay in a cache, nor tell the neutral page where the visitor came from.
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = page.ContentSecurityPolicy(request);
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentLanguage = language;
        headers.Vary = "Accept-Language";
        return TypedResults.Content(page.Render(request, language, assets), "text/html; charset=utf-8");
    }

    /// <summary>
    /// A token for one new conversation and a random user id for the visitor: from the local Direct Line, or from the
    /// Azure Bot's with the secret that stays on this server.
    /// </summary>
    internal static async Task<Results<JsonHttpResult<PageToken>, ProblemHttpResult>> TokenAsync(
        HttpResponse response, [FromServices] IOptions<WebChatOptions> settings, [FromServices] DirectLineTokens tokens,
        [FromServices] IHttpClientFactory clients, [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var options = settings.Value;
        var logger = loggers.CreateLogger(LogCategory);
        response.Headers.CacheControl = "no-store";
        var userId = "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

        if (string.IsNullOrWhiteSpace(options.DirectLineDomain))
        {
            if (!tokens.IsEnabled)
                return Unavailable("The local Direct Line is off: set DirectLine:TokenSigningKey, or WebChat:DirectLineDomain for an Azure Bot.");
            var token = tokens.Generate(userId);
            return TypedResults.Json(new PageToken(token.Token, token.ConversationId, token.ExpiresIn, userId), WebChatJsonContext.Default.PageToken);
        }

        if (string.IsNullOrWhiteSpace(options.DirectLineSecret))
            return Unavailable("WebChat:DirectLineSecret is not set; the page gets its tokens from WebChat:TokenUrl.");
        var client = clients.CreateClient(WebChatServiceCollectionExtensions.DirectLineClient);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.DirectLineDomain.TrimEnd('/') + "/tokens/generate")
        {
            Content = JsonContent.Create(new DirectLineTokenRequest(new DirectLineTokenRequestUser(userId)), WebChatJsonContext.Default.DirectLineTokenRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.DirectLineSecret);
        try
        {
            using var answered = await client.SendAsync(request, cancellationToken);
            if (!answered.IsSuccessStatusCode)
            {
                WebChatLog.TokenRefused(logger, (int)answered.StatusCode);
                return BadGateway();
            }
            var answer = await answered.Content.ReadFromJsonAsync(WebChatJsonContext.Default.DirectLineTokenAnswer, cancellationToken);
            if (answer?.Token is not { Length: > 0 } azureToken)
                return BadGateway();
            return TypedResults.Json(new PageToken(azureToken, answer.ConversationId ?? "", answer.ExpiresIn ?? 0, userId), WebChatJsonContext.Default.PageToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            WebChatLog.TokenFailed(logger, e.GetType().Name);
            return BadGateway();
        }
    }

    private static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chat unavailable", detail: detail);

    private static ProblemHttpResult BadGateway() =>
        TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Direct Line unavailable", detail: "The Direct Line service did not give a token; try again shortly.");
}
