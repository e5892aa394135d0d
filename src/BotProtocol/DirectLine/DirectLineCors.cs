using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// Cross-origin access for pages on other sites (protocol reference §5.2): Web Chat sends <c>Authorization</c>,
/// <c>Content-Type</c> and <c>x-ms-bot-agent</c>, so a preflight must allow them. Tokens travel in headers, never in
/// cookies, so no credentials are ever allowed.
/// </summary>
public static class DirectLineCors
{
    internal const string AllowedHeaders = "Authorization, Content-Type, x-ms-bot-agent";
    internal const string AllowedMethods = "GET, POST, OPTIONS";

    /// <summary>Answers cross-origin requests to these endpoints as <see cref="DirectLineOptions.AllowedOrigins"/> allows.</summary>
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
                Apply(http, http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.AllowedOrigins);
                return inner(http);
            };
        });
        return builder;
    }

    /// <summary>Adds the CORS answer headers when the request comes from an allowed origin; true if it did.</summary>
    internal static bool Apply(HttpContext http, IReadOnlyList<string> allowed)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || allowed.Count == 0)
            return false;
        var any = allowed.Contains("*");
        if (!any && !allowed.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
            return false;
        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = any ? "*" : origin;
        if (!any)
            headers.Vary = "Origin";
        headers.AccessControlExposeHeaders = "Retry-After";
        return true;
    }

    internal static Task PreflightAsync(HttpContext http)
    {
        var allowed = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.AllowedOrigins;
        if (Apply(http, allowed))
        {
            http.Response.Headers.AccessControlAllowMethods = AllowedMethods;
            http.Response.Headers.AccessControlAllowHeaders = AllowedHeaders;
            http.Response.Headers.AccessControlMaxAge = "600";
        }
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
