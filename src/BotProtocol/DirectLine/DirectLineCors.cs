using System.Text.Json;
using BotProtocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// Which browser pages may call these endpoints (protocol reference §5.2): this site's own, and the origins in
/// <see cref="DirectLineOptions.AllowedOrigins"/>. A request from any other page is refused with 403 before it costs
/// anything (no token minted, no start budget spent), so a popular page elsewhere cannot turn its visitors' browsers
/// into a crowd that empties the chat. Web Chat sends <c>Authorization</c>, <c>Content-Type</c> and
/// <c>x-ms-bot-agent</c>, so a preflight allows them. Tokens travel in headers, never in cookies, so no credentials are
/// ever allowed. A request without <c>Origin</c> is not a browser's cross-site call and is let through (a script can
/// send any header it likes; the rate limit is what holds it).
/// </summary>
public static class DirectLineCors
{
    internal const string AllowedHeaders = "Authorization, Content-Type, x-ms-bot-agent";
    internal const string AllowedMethods = "GET, POST, OPTIONS";

    /// <summary>Answers cross-origin requests to these endpoints as <see cref="DirectLineOptions.AllowedOrigins"/> allows, and refuses the rest.</summary>
    public static TBuilder RequireDirectLineCors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is null)
                return;
            endpoint.RequestDelegate = http =>
            {
                var allowed = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.AllowedOrigins;
                return Check(http, allowed) switch
                {
                    OriginCheck.Foreign => RefuseAsync(http),
                    OriginCheck.Allowed => WithHeadersAsync(http, allowed, inner),
                    _ => inner(http),
                };
            };
        });
        return builder;
    }

    /// <summary>Answers the browser's preflight (<c>OPTIONS</c>) for <paramref name="pattern"/>: 204 for this site and allowed origins, 403 for others.</summary>
    public static IEndpointConventionBuilder MapDirectLinePreflight(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapMethods(pattern, [HttpMethods.Options], PreflightAsync);
    }

    /// <summary>True when the request comes from a page the options do not allow: refused, and not counted against any limit.</summary>
    internal static bool IsForeign(HttpContext http, IReadOnlyList<string> allowed) => Check(http, allowed) == OriginCheck.Foreign;

    internal static Task PreflightAsync(HttpContext http)
    {
        var allowed = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.AllowedOrigins;
        switch (Check(http, allowed))
        {
            case OriginCheck.Foreign:
                return RefuseAsync(http);
            case OriginCheck.Allowed:
                AddHeaders(http, allowed);
                http.Response.Headers.AccessControlAllowMethods = AllowedMethods;
                http.Response.Headers.AccessControlAllowHeaders = AllowedHeaders;
                http.Response.Headers.AccessControlMaxAge = "600";
                break;
        }
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static OriginCheck Check(HttpContext http, IReadOnlyList<string> allowed)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return OriginCheck.None;
        if (IsThisSite(http, origin))
            return OriginCheck.Same;
        return allowed.Any(a => a == "*" || string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase))
            ? OriginCheck.Allowed
            : OriginCheck.Foreign;
    }

    /// <summary>
    /// The page's origin names the host the request came to. The scheme is not compared: behind a TLS-terminating front
    /// end the request arrives as http from an https page. Without a port in <c>Host</c>, the page's port must be a
    /// default one. <c>Origin: null</c> (a sandboxed frame, a file) is never this site.
    /// </summary>
    private static bool IsThisSite(HttpContext http, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var page) || page.Scheme is not ("http" or "https"))
            return false;
        var host = http.Request.Host;
        if (!string.Equals(page.Host, host.Host, StringComparison.OrdinalIgnoreCase))
            return false;
        return host.Port is { } port ? page.Port == port : page.IsDefaultPort;
    }

    private static Task WithHeadersAsync(HttpContext http, IReadOnlyList<string> allowed, RequestDelegate inner)
    {
        AddHeaders(http, allowed);
        return inner(http);
    }

    private static void AddHeaders(HttpContext http, IReadOnlyList<string> allowed)
    {
        var any = allowed.Contains("*");
        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = any ? "*" : http.Request.Headers.Origin.ToString();
        if (!any)
            headers.Vary = "Origin";
        headers.AccessControlExposeHeaders = "Retry-After";
    }

    private static async Task RefuseAsync(HttpContext http)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineCors).FullName!);
        var origin = http.Request.Headers.Origin.ToString();
        DirectLineLog.ForeignOrigin(logger, http.Request.Method, origin.Length > 200 ? origin[..200] : origin);
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(http.Response.Body,
            new ErrorResponse(new ErrorDetail("Forbidden", "This page's origin may not use the chat; add it to DirectLine:AllowedOrigins.")),
            DirectLineJsonContext.Default.ErrorResponse, http.RequestAborted);
    }

    private enum OriginCheck
    {
        None,
        Same,
        Allowed,
        Foreign,
    }
}
