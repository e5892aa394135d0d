using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Handoff;

/// <summary>How cases are handed to partners, bound from the <c>Handoff</c> section.</summary>
internal sealed class HandoffOptions
{
    public const string Section = "Handoff";

    /// <summary>
    /// How long a partner has to accept a case before the next partner is tried and the defender told.
    /// Range 1 minute to 7 days, default 2 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AcceptTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The same for someone in immediate danger. Range 1 minute to 1 day, default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan UrgentAcceptTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The partners file; relative paths are under the content root. Default <c>knowledge/partners.yaml</c>.</summary>
    [Required(ErrorMessage = "Handoff:PartnersFile must not be empty.")]
    public string PartnersFile { get; set; } = "knowledge/partners.yaml";
}

/// <summary>The rules are the attributes on <see cref="HandoffOptions"/>; no rule joins two settings yet.</summary>
internal sealed partial class HandoffOptionsValidator : IValidateOptions<HandoffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffOptions options) =>
        OptionsKeys.Named(new Attributes().Validate(HandoffOptions.Section, options), HandoffOptions.Section);

    [OptionsValidator]
    private sealed partial class Attributes : IValidateOptions<HandoffOptions>;
}
