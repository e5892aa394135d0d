namespace ProtectionBot.Diagnostics;

/// <summary>
/// The measurement endpoint, bound from the <c>Diagnostics</c> section. Off by default and meant for benchmarks only:
/// it reports counts and sizes (never conversation content), and it can force a full garbage collection.
/// </summary>
internal sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>Maps <c>/diagnostics/counters</c> and <c>/diagnostics/collect</c> on the bot's own port. Default false.</summary>
    public bool Enabled { get; set; }
}
