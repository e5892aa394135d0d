using System.Text.Json.Serialization;
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
        var readings = endpoints.ServiceProvider.GetRequiredService<MeterReadings>();
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiagnosticsEndpoints).FullName!);
        DiagnosticsLog.Enabled(logger, pattern);
        var group = endpoints.MapGroup(pattern);
        group.MapGet("/counters", http => Results.Json(readings.Read(), DiagnosticsJsonContext.Default.SortedDictionaryStringDouble).ExecuteAsync(http));
        group.MapPost("/collect", http =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var values = readings.Read();
            values["gc.heap.bytes_after_full_collection"] = GC.GetTotalMemory(forceFullCollection: false);
            return Results.Json(values, DiagnosticsJsonContext.Default.SortedDictionaryStringDouble).ExecuteAsync(http);
        });
        return endpoints;
    }
}

internal static partial class DiagnosticsLog
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Warning,
        Message = "Diagnostics: the measurement endpoints are on under {Pattern}; turn Diagnostics:Enabled off outside benchmarks")]
    public static partial void Enabled(ILogger logger, string pattern);
}

[JsonSerializable(typeof(SortedDictionary<string, double>))]
internal sealed partial class DiagnosticsJsonContext : JsonSerializerContext;
