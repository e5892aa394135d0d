using System.ComponentModel.DataAnnotations;
using BotProtocol.Hosting;
using Microsoft.Extensions.Options;

namespace BotProtocol.Work;

// A TimeSpan range names its type, which the trimming analyser flags for DataAnnotations' own TypeConverter path; the
// generated validator compares with its own copy of the attribute and never takes that path.
#pragma warning disable IL2026
/// <summary>
/// How the work queue is worked through, bound from the <c>WorkQueue</c> section (and, for configurations written
/// before it was named so, from <c>Outbox</c>, which <c>WorkQueue</c> overrides key by key).
/// </summary>
public sealed class WorkQueueOptions
{
    public const string SectionName = "WorkQueue";

    /// <summary>The section's earlier name, still read.</summary>
    public const string FormerSectionName = "Outbox";

    /// <summary>
    /// How often each instance looks for due items when nothing woke it (items enqueued by another instance,
    /// retries, timers). Range 50 ms to 1 minute, default 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an item stays with the instance working on it; if that instance dies, another takes the item
    /// after this. Longer than the slowest attempt. Range 5 s to 1 hour, default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether this instance works through the queue in the background. False leaves it to whoever calls
    /// <see cref="WorkDispatcher.RunDueAsync"/>: an instance that only answers requests, or a test stepping it.
    /// Default true.
    /// </summary>
    public bool DispatchInBackground { get; set; } = true;

    /// <summary>Items taken per look. Range 1 to 500, default 32.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 32;

    /// <summary>First wait after a failed attempt; it doubles per attempt, with jitter. Range 0 to <see cref="MaxBackoff"/>, default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two attempts: an outage delays the work by at most this once it ends. Range 1 s to 1 day, default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);
}

#pragma warning restore IL2026

/// <summary>The ranges are the attributes on <see cref="WorkQueueOptions"/>; a rule between two settings is written here.</summary>
internal sealed partial class WorkQueueOptionsValidator : IValidateOptions<WorkQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkQueueOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(OptionsKeys.Named(new Attributes().Validate(WorkQueueOptions.SectionName, options), WorkQueueOptions.SectionName));
        if (options.FirstBackoff > options.MaxBackoff && options.FirstBackoff <= TimeSpan.FromDays(1))
            result.AddError("WorkQueue:FirstBackoff must be between 0 and WorkQueue:MaxBackoff.");
        return result.Build();
    }

    [OptionsValidator]
    private sealed partial class Attributes : IValidateOptions<WorkQueueOptions>;
}
