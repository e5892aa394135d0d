using System.Text.Json;
using BotProtocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// Which browser pages may call these endpoints (protocol reference §5.2): this site's own, and the origins in
/// <see cref="DirectLineOptions.AllowedOrigins"/>, as ASP.NET Core's CORS policy <see cref="PolicyName"/> (Web Chat's
/// headers <c>Authorization</c>, <c>Content-Type</c> and <c>x-ms-bot-agent</c>; <c>Retry-After</c> readable; never
/// credentials, tokens travel in headers). CORS alone only stops a page from reading the answer; a request from any
/// other page is refused here with 403 before it costs anything (no token minted, no start budget spent), so a popular
/// page elsewhere cannot turn its visitors' browsers into a crowd that empties the chat. A request without
/// <c>Origin</c> is not a browser's cross-site call and is let through (the rate limit is what holds a script).
/// </summary>
public static class DirectLineCors
{
    /// <summary>The CORS policy's name.</summary>
    public const string PolicyName = "BotProtocol.DirectLine";

    /// <summary>Answers cross-origin requests to these endpoints as <see cref="DirectLineOptions.AllowedOrigins"/> allows, and refuses the rest.</summary>
    public static TBuilder RequireDirectLineCors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is null)
                return;
            var origins = endpoint.ApplicationServices.GetRequiredService<DirectLineOrigins>();
            endpoint.RequestDelegate = http => origins.InvokeAsync(http, inner);
        });
        return builder;
    }

    /// <summary>Answers the browser's preflight (<c>OPTIONS</c>) for <paramref name="pattern"/>: 204 for this site and allowed origins, 403 for others.</summary>
    public static IEndpointConventionBuilder MapDirectLinePreflight(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapMethods(pattern, [HttpMethods.Options], PreflightAsync);
    }

    /// <summary>The preflight's answer once <see cref="RequireDirectLineCors"/> let it through: the CORS headers are on it already.</summary>
    internal static Task PreflightAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    internal static void AddPolicy(CorsOptions cors, DirectLineOptions options) =>
        cors.AddPolicy(PolicyName, policy =>
        {
            if (options.AllowedOrigins.Contains("*"))
                policy.AllowAnyOrigin();
            else
                policy.SetIsOriginAllowed(origin => options.AllowedOrigins.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)));
            policy.WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent")
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Options)
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        });
}

/// <summary>Sorts a request by its <c>Origin</c>, refuses the foreign ones, and puts the CORS policy's headers on the rest.</summary>
internal sealed class DirectLineOrigins(IOptions<CorsOptions> cors, ICorsService corsService, ILogger<DirectLineOrigins> logger)
{
    private readonly CorsPolicy _policy = cors.Value.GetPolicy(DirectLineCors.PolicyName)
        ?? throw new InvalidOperationException($"The CORS policy {DirectLineCors.PolicyName} is missing; call AddDirectLine().");

    public Task InvokeAsync(HttpContext http, RequestDelegate inner)
    {
        switch (Check(http))
        {
            case OriginCheck.Foreign:
                return RefuseAsync(http);
            case OriginCheck.Allowed:
                corsService.ApplyResult(corsService.EvaluatePolicy(http, _policy), http.Response);
                break;
        }
        return inner(http);
    }

    /// <summary>True when the request comes from a page the options do not allow: refused, and not counted against any limit.</summary>
    public bool IsForeign(HttpContext http) => Check(http) == OriginCheck.Foreign;

    private OriginCheck Check(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return OriginCheck.None;
        if (IsThisSite(http, origin))
            return OriginCheck.Same;
        return _policy.AllowAnyOrigin || _policy.IsOriginAllowed(origin) ? OriginCheck.Allowed : OriginCheck.Foreign;
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

    private async Task RefuseAsync(HttpContext http)
    {
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
