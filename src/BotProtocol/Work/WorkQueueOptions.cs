using Microsoft.Extensions.Options;

namespace BotProtocol.Work;

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
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an item stays with the instance working on it; if that instance dies, another takes the item
    /// after this. Longer than the slowest attempt. Range 5 s to 1 hour, default 2 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether this instance works through the queue in the background. False leaves it to whoever calls
    /// <see cref="WorkDispatcher.RunDueAsync"/>: an instance that only answers requests, or a test stepping it.
    /// Default true.
    /// </summary>
    public bool DispatchInBackground { get; set; } = true;

    /// <summary>Items taken per look. Range 1 to 500, default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>First wait after a failed attempt; it doubles per attempt, with jitter. Range 0 to <see cref="MaxBackoff"/>, default 2 s.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two attempts: an outage delays the work by at most this once it ends. Range 1 s to 1 day, default 10 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);
}

internal sealed class WorkQueueOptionsValidator : IValidateOptions<WorkQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkQueueOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.FromMilliseconds(50) || options.PollInterval > TimeSpan.FromMinutes(1))
            failures.Add("WorkQueue:PollInterval must be between 50 ms and 1 minute.");
        if (options.LeaseDuration < TimeSpan.FromSeconds(5) || options.LeaseDuration > TimeSpan.FromHours(1))
            failures.Add("WorkQueue:LeaseDuration must be between 5 seconds and 1 hour.");
        if (options.BatchSize is < 1 or > 500)
            failures.Add("WorkQueue:BatchSize must be between 1 and 500.");
        if (options.MaxBackoff < TimeSpan.FromSeconds(1) || options.MaxBackoff > TimeSpan.FromDays(1))
            failures.Add("WorkQueue:MaxBackoff must be between 1 second and 1 day.");
        if (options.FirstBackoff < TimeSpan.Zero || options.FirstBackoff > options.MaxBackoff)
            failures.Add("WorkQueue:FirstBackoff must be between 0 and WorkQueue:MaxBackoff.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
