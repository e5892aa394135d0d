using Microsoft.Extensions.Options;

namespace BotProtocol.Connector;

/// <summary>Retries and timeouts of calls to the Connector REST API v3, bound from the <c>Connector</c> section.</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>Attempts per call, the first included; 1 turns retries off. Range 1 to 10, default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// First backoff step when the Connector gave no <c>Retry-After</c>; it doubles per attempt and a random
    /// jitter takes off up to half. Range 0 to <see cref="MaxDelay"/>, default 500 ms.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two attempts, also the cap on <c>Retry-After</c>. Range 0 to 5 minutes, default 10 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit on one attempt, from sending the request to reading the answer. Range 1 s to 5 minutes, default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Limit on a create-conversation call, which is never sent again once it may have taken effect (a second post would
    /// open a second thread), so it is given longer to answer. Range 1 s to 5 minutes, default 60 s; keep it below the
    /// work queue's lease.
    /// </summary>
    public TimeSpan CreateConversationTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

internal sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var failures = new List<string>();
        if (options.MaxAttempts is < 1 or > 10)
            failures.Add("Connector:MaxAttempts must be between 1 and 10.");
        if (options.MaxDelay < TimeSpan.Zero || options.MaxDelay > Longest)
            failures.Add("Connector:MaxDelay must be between 0 and 5 minutes.");
        if (options.BaseDelay < TimeSpan.Zero || options.BaseDelay > options.MaxDelay)
            failures.Add("Connector:BaseDelay must be between 0 and Connector:MaxDelay.");
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > Longest)
            failures.Add("Connector:Timeout must be between 1 second and 5 minutes.");
        if (options.CreateConversationTimeout < TimeSpan.FromSeconds(1) || options.CreateConversationTimeout > Longest)
            failures.Add("Connector:CreateConversationTimeout must be between 1 second and 5 minutes.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
