using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>The interview's answers so far, saved in its frame between turns.</summary>
public sealed record InterviewState
{
    /// <summary>Set when the language question can be skipped (the person just chose or switched language).</summary>
    public bool LanguageSettled { get; init; }

    public bool InDanger { get; init; }

    public bool WantsPartnerNow { get; init; }

    public string? Country { get; init; }

    public IReadOnlyList<string> Situations { get; init; } = [];

    public string? AtRisk { get; init; }

    public IReadOnlyList<string> Profiles { get; init; } = [];

    public string Urgency { get; init; } = "urgent";

    public string? DomesticRemedies { get; init; }

    public string? Started { get; init; }

    public string? Description { get; init; }

    public CaseAnswers ToAnswers(string language) => new()
    {
        Language = language,
        InImmediateDanger = InDanger,
        WantsPartnerNow = WantsPartnerNow,
        Country = Country,
        Situations = Situations,
        AtRisk = AtRisk,
        Profiles = AtRisk == "organisation" ? [.. Profiles, "organisation"] : Profiles,
        Urgency = InDanger ? "immediate" : Urgency,
        DomesticRemedies = DomesticRemedies,
        Started = Started,
        NeedsRelocation = Situations.Contains("forced-displacement"),
        Description = Description,
    };
}
