using Microsoft.Extensions.Options;

namespace BotProtocol.Outbox;

/// <summary>How the outbox is worked through, bound from the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// How often each instance looks for due messages when nothing woke it (messages enqueued by another instance,
    /// retries, timers). Range 50 ms to 1 minute, default 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a message stays with the instance delivering it; if that instance dies, another takes the message
    /// after this. Longer than the slowest delivery. Range 5 s to 1 hour, default 2 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages taken per look. Range 1 to 500, default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>First wait after a failed attempt; it doubles per attempt, with jitter. Range 0 to <see cref="MaxBackoff"/>, default 2 s.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two attempts: an outage delays delivery by at most this once it ends. Range 1 s to 1 day, default 10 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);
}

internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.FromMilliseconds(50) || options.PollInterval > TimeSpan.FromMinutes(1))
            failures.Add("Outbox:PollInterval must be between 50 ms and 1 minute.");
        if (options.LeaseDuration < TimeSpan.FromSeconds(5) || options.LeaseDuration > TimeSpan.FromHours(1))
            failures.Add("Outbox:LeaseDuration must be between 5 seconds and 1 hour.");
        if (options.BatchSize is < 1 or > 500)
            failures.Add("Outbox:BatchSize must be between 1 and 500.");
        if (options.MaxBackoff < TimeSpan.FromSeconds(1) || options.MaxBackoff > TimeSpan.FromDays(1))
            failures.Add("Outbox:MaxBackoff must be between 1 second and 1 day.");
        if (options.FirstBackoff < TimeSpan.Zero || options.FirstBackoff > options.MaxBackoff)
            failures.Add("Outbox:FirstBackoff must be between 0 and Outbox:MaxBackoff.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
