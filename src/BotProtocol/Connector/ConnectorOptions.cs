using System.ComponentModel.DataAnnotations;
using BotProtocol.Hosting;
using Microsoft.Extensions.Options;

namespace BotProtocol.Connector;

// A TimeSpan range names its type, which the trimming analyser flags for DataAnnotations' own TypeConverter path; the
// generated validator compares with its own copy of the attribute and never takes that path.
#pragma warning disable IL2026
/// <summary>Retries and timeouts of calls to the Connector REST API v3, bound from the <c>Connector</c> section.</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>Attempts per call, the first included; 1 turns retries off. Range 1 to 10, default 4.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// First backoff step when the Connector gave no <c>Retry-After</c>; it doubles per attempt and a random
    /// jitter takes off up to half. Range 0 to <see cref="MaxDelay"/>, default 500 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two attempts, also the cap on <c>Retry-After</c>. Range 0 to 5 minutes, default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit on one attempt, from sending the request to reading the answer. Range 1 s to 5 minutes, default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Limit on a create-conversation call, which is never sent again once it may have taken effect (a second post would
    /// open a second thread), so it is given longer to answer. Range 1 s to 5 minutes, default 60 s; keep it below the
    /// work queue's lease.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan CreateConversationTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

#pragma warning restore IL2026

/// <summary>The ranges are the attributes on <see cref="ConnectorOptions"/>; a rule between two settings is written here.</summary>
internal sealed partial class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(OptionsKeys.Named(new Attributes().Validate(ConnectorOptions.SectionName, options), ConnectorOptions.SectionName));
        if (options.BaseDelay > options.MaxDelay && options.BaseDelay <= TimeSpan.FromMinutes(5))
            result.AddError("Connector:BaseDelay must be between 0 and Connector:MaxDelay.");
        return result.Build();
    }

    [OptionsValidator]
    private sealed partial class Attributes : IValidateOptions<ConnectorOptions>;
}
