using System.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProtectionBot.Storage;

namespace ProtectionBot.Diagnostics;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard variable the OTLP exporter reads (it is also read from any other configuration source).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces and metrics (ASP.NET Core, HttpClient, the runtime, Npgsql and the storage meter) exported over OTLP, only
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; nothing at all is registered otherwise. The other <c>OTEL_*</c>
    /// variables (protocol, headers, service name) are read by the exporter as its specification says. Spans carry route
    /// templates and hosts, never a path, query or URL that could hold a conversation id or a token.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
            return builder;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ProtectionBot"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpResponse = TelemetryRedaction.RedactServerSpan)
                .AddHttpClientInstrumentation(options =>
                {
                    options.EnrichWithHttpRequestMessage = TelemetryRedaction.RedactClientSpan;
                    options.EnrichWithHttpResponseMessage = (activity, _) => TelemetryRedaction.RedactClientSpan(activity, null);
                })
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(StorageMetrics.MeterName))
            .UseOtlpExporter();
        return builder;
    }
}

/// <summary>
/// What a span may say about a request. A Direct Line path holds the conversation id, its query a stream token, and a
/// Connector URL the conversation id of a Teams thread: a server span keeps the route template in their place, a client
/// span only the scheme and host.
/// </summary>
internal static class TelemetryRedaction
{
    public static void RedactServerSpan(Activity activity, HttpResponse response)
    {
        var route = (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.SetTag("url.path", route ?? "/");
        activity.SetTag("url.query", null);
    }

    public static void RedactClientSpan(Activity activity, HttpRequestMessage? request)
    {
        var url = request?.RequestUri ?? (activity.GetTagItem("url.full") is string full && Uri.TryCreate(full, UriKind.Absolute, out var parsed) ? parsed : null);
        activity.SetTag("url.full", url is null ? null : url.GetLeftPart(UriPartial.Authority) + "/");
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
    }
}
