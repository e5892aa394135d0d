using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>The interview's answers so far, saved in its frame between turns.</summary>
internal sealed record InterviewState
{
    /// <summary>Set when the language question can be skipped (the person just chose or switched language).</summary>
    public bool LanguageSettled { get; init; }

    /// <summary>The person said "no" to going on in the detected language: they choose among the three.</summary>
    public bool ChooseLanguage { get; init; }

    /// <summary>The question whose answer the next step receives.</summary>
    public string? Pending { get; init; }

    /// <summary>Questions answered, by their id — "prefer not to say" and facts given in another answer included.</summary>
    public IReadOnlyList<string> Answered { get; init; } = [];

    /// <summary>
    /// Questions answered by what the person said elsewhere and not told back yet: the interview says what it noted
    /// ("From what you told me, I noted: …") before its next question, instead of asking them.
    /// </summary>
    public IReadOnlyList<string> Noted { get; init; } = [];

    /// <summary>An answer already told of danger now ("they are outside my house"): the danger question confirms it.</summary>
    public bool DangerTold { get; init; }

    public bool InDanger { get; init; }

    public bool WantsPartnerNow { get; init; }

    public string? Country { get; init; }

    public IReadOnlyList<string> Situations { get; init; } = [];

    /// <summary>
    /// What is happening was only noted from what the person told ("me amenazan" names one of what may be several): the
    /// question is still asked, as "anything else?", and its answer adds to them.
    /// </summary>
    public bool SituationsOnlyNoted { get; init; }

    /// <summary>A detention told as over ("me soltaron anoche", "out on bail"): reported, but no longer lasting.</summary>
    public bool Released { get; init; }

    /// <summary>Nothing has happened: the person wants to learn (trainings only).</summary>
    public bool LearningOnly { get; init; }

    public string? AtRisk { get; init; }

    public string? Gender { get; init; }

    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary>
    /// The profiles were only noted from what the person told ("soy garífuna" notes one of several): the profile question
    /// is still asked, for what else applies, and its answer adds to them.
    /// </summary>
    public bool ProfileOnlyNoted { get; init; }

    public string? Urgency { get; init; }

    public string? Perpetrator { get; init; }

    /// <summary><c>may-need-to-leave</c>, <c>already-left</c> or <c>no</c>.</summary>
    public string? Relocation { get; init; }

    /// <summary><c>yes</c> (safe to make it public) or <c>no</c>.</summary>
    public string? Publicity { get; init; }

    public string? DomesticRemedies { get; init; }

    public DateOnly? FinalDecisionDate { get; init; }

    public string? Started { get; init; }

    public string? Description { get; init; }

    public bool Knows(string question) => Answered.Contains(question);

    public InterviewState Answering(string question) => Knows(question) ? this : this with { Answered = [.. Answered, question] };

    /// <summary>Any harm to act on: something reported, or danger now.</summary>
    public bool ReportsHarm => InDanger || (!LearningOnly && Situations.Count > 0);

    /// <summary>Going on now, as far as the answers tell: in danger, or not said to be over.</summary>
    public bool IsOngoing => InDanger || Urgency != "long-term";

    /// <summary>Held now, as far as the answers tell: a detention reported, going on, and not told as over.</summary>
    public bool StillDetained => IsOngoing && !Released && Situations.Contains("arbitrary-detention");

    public CaseAnswers ToAnswers(string language) => new()
    {
        Language = language,
        InImmediateDanger = InDanger,
        WantsPartnerNow = WantsPartnerNow,
        Country = Country,
        Situations = Situations,
        Released = Released,
        LearningOnly = LearningOnly,
        AtRisk = AtRisk,
        Gender = Gender,
        Profiles = AtRisk == "organisation" ? [.. Profiles, "organisation"] : Profiles,
        Urgency = InDanger ? "immediate" : Urgency ?? "urgent",
        Perpetrator = Perpetrator,
        NeedsRelocation = Relocation == "may-need-to-leave",
        AlreadyLeft = Relocation == "already-left",
        FearsExposure = Publicity == "no",
        AgreesToPublicity = Publicity == "yes",
        DomesticRemedies = DomesticRemedies,
        FinalDecisionDate = FinalDecisionDate,
        Started = Started,
        Description = Description,
    };
}
