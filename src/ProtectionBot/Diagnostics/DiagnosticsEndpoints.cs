using System.Text.Json.Serialization;
using BotProtocol.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Diagnostics;

internal static class DiagnosticsEndpoints
{
    /// <summary>The diagnostics options (validated on start) and, only when they are on, the meter listener.</summary>
    public static IHostApplicationBuilder AddDiagnostics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<MeterReadings>();
        return builder;
    }

    /// <summary>
    /// With <c>Diagnostics:Enabled</c>, maps <c>GET {pattern}/counters</c> (every meter reading as a JSON object) and
    /// <c>POST {pattern}/collect</c> (a full, compacting garbage collection, then the readings and the heap size).
    /// Maps nothing otherwise: in production the paths do not exist.
    /// </summary>
    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder endpoints, string pattern = "/diagnostics")
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.Enabled)
            return endpoints;
        DiagnosticsLog.Enabled(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiagnosticsEndpoints).FullName!), pattern);
        var group = endpoints.MapGroup(pattern);
        group.MapGet("/counters", Counters);
        // Nothing is read from the body of a collect.
        group.MapPost("/collect", Collect).WithRequestSizeLimit(1);
        return endpoints;
    }

    internal static JsonHttpResult<SortedDictionary<string, double>> Counters([FromServices] MeterReadings readings) =>
        TypedResults.Json(readings.Read(), DiagnosticsJsonContext.Default.SortedDictionaryStringDouble);

    internal static JsonHttpResult<SortedDictionary<string, double>> Collect([FromServices] MeterReadings readings)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var values = readings.Read();
        values["gc.heap.bytes_after_full_collection"] = GC.GetTotalMemory(forceFullCollection: false);
        return TypedResults.Json(values, DiagnosticsJsonContext.Default.SortedDictionaryStringDouble);
    }
}

internal static partial class DiagnosticsLog
{
    [LoggerMessage(EventId = LogEvents.Diagnostics.Enabled, Level = LogLevel.Warning,
        Message = "Diagnostics: the measurement endpoints are on under {Pattern}; turn Diagnostics:Enabled off outside benchmarks")]
    public static partial void Enabled(ILogger logger, string pattern);
}

[JsonSerializable(typeof(SortedDictionary<string, double>))]
internal sealed partial class DiagnosticsJsonContext : JsonSerializerContext;
