using System.Globalization;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Recommendations;

/// <summary>Who the reasons speak about: the person writing, someone they write for, or their organisation.</summary>
internal enum Addressee
{
    Self,
    Relative,
    Organisation,
}

/// <summary>Whether the routes for women, trans and non-binary defenders apply: yes, no, or only on a condition the bot states.</summary>
internal enum GenderFit
{
    No,
    Yes,
    IfWomanOrTrans,
}

/// <summary>
/// The answers as the rules ask about them: "does the person report X", "is their country in Y". The country is looked
/// up once; an unknown or missing country means every regional rule stays silent. A fact that was not asked or not said
/// (null) never counts as a yes: a rule that needs it either stays silent or states its condition.
/// </summary>
internal sealed class CaseFacts(CaseAnswers answers, Country? country, DateOnly today, string? nationalProgramme = null)
{
    public CaseAnswers Answers { get; } = answers;

    public Country? Country { get; } = country;

    public DateOnly Today { get; } = today;

    /// <summary>The State's own protection programme where the person is (R25), read from the knowledge files.</summary>
    public string? NationalProgramme { get; } = nationalProgramme;

    public string Language => Answers.Language;

    /// <summary>The person said they are in danger now, or chose the immediate urgency: either is enough to act as if.</summary>
    public bool InDanger => Answers.InImmediateDanger || Answers.Urgency == "immediate";

    /// <summary>Something is happening now or about to: an urgent appeal rather than a letter about the past.</summary>
    public bool IsOngoing => InDanger || Answers.Urgency == "urgent";

    /// <summary>
    /// Any harm or threat at all: from here on the UN Rapporteur on defenders is always offered. Someone who said
    /// nothing has happened and wants to learn gets trainings only, unless they are in danger (safety first).
    /// </summary>
    public bool ReportsHarm => InDanger || (!Answers.LearningOnly && Answers.Situations.Any(KnowledgeCodes.Situations.Contains));

    /// <summary>Tier for routes that act fast when the harm is ongoing and write about the past otherwise.</summary>
    public RouteTier OngoingTier => IsOngoing ? RouteTier.Urgent : RouteTier.LongTerm;

    /// <summary>
    /// Harms to life or physical integrity, the ground for precautionary-type measures. Being forced from one's home
    /// counts (the IACHR grants measures to displaced defenders), and so does being held by the authorities right now:
    /// a person deprived of liberty is in the hands of those who hold them.
    /// </summary>
    public bool RisksLifeOrIntegrity =>
        InDanger
        || ReportsAny("threats", "physical-attack", "killing-of-colleague", "torture", "enforced-disappearance", "sgbv", "forced-displacement")
        || StillDetained;

    /// <summary>Held right now: a detention reported, going on, and not told as over ("released yesterday").</summary>
    public bool StillDetained => IsOngoing && !Answers.Released && Reports("arbitrary-detention");

    /// <summary>The only risk to life or integrity is being held now: the reasons then speak of life and health in detention.</summary>
    public bool OnlyDetentionRisk =>
        !InDanger && !ReportsAny("threats", "physical-attack", "killing-of-colleague", "torture", "enforced-disappearance", "sgbv", "forced-displacement");

    public bool IsOrganisation => Answers.AtRisk == "organisation" || Is("organisation");

    public Addressee Addressee => IsOrganisation ? Addressee.Organisation : Answers.AtRisk == "someone-else" ? Addressee.Relative : Addressee.Self;

    /// <summary>The person may need to leave, or has already left, their home or country.</summary>
    public bool Relocates => Answers.NeedsRelocation || Answers.AlreadyLeft;

    /// <summary>
    /// Women's routes (the Urgent Action Fund, the Rapporteur on violence against women) are for women, trans and
    /// non-binary defenders. A man never gets them; when the gender was not said, they are offered with their condition
    /// stated only if something in the answers points to them (women's rights or LGBTI work, gender-based violence).
    /// </summary>
    public GenderFit WomenAndTransRoutes => Answers.Gender switch
    {
        "woman" or "trans-nonbinary" => GenderFit.Yes,
        null when Is("women") || Is("lgbti") || Reports("sgbv") => GenderFit.IfWomanOrTrans,
        _ => GenderFit.No,
    };

    public bool IsTransOrNonBinary => Answers.Gender == "trans-nonbinary";

    /// <summary>State agents are behind the threat, as the person said (R25).</summary>
    public bool StateIsBehind => Answers.Perpetrator == "state";

    /// <summary>The person does not know, or did not say, who is behind it.</summary>
    public bool StateMayBeBehind => Answers.Perpetrator is null or "unknown";

    public bool Reports(string situation) => Answers.Situations.Contains(situation);

    public bool ReportsAny(params ReadOnlySpan<string> situations)
    {
        foreach (var situation in situations)
        {
            if (Reports(situation))
                return true;
        }
        return false;
    }

    public bool Is(string profile) => Answers.Profiles.Contains(profile);

    /// <summary>Defends land, territory or the environment, as work or as what happened.</summary>
    public bool DefendsLandOrEnvironment => Is("land-environment") || Reports("land-environment");

    /// <summary>
    /// Whether a mechanism is made for who this person is: its profiles (all of them, so a mechanism open to anyone
    /// that merely gives priority to some groups is not) include one that describes the person. Women's routes fit a
    /// woman whatever her work, LGBTI routes a trans or non-binary person, organisation routes a group at risk.
    /// </summary>
    public bool IsMadeFor(IReadOnlyList<string> mechanismProfiles) => !mechanismProfiles.Contains("any") && mechanismProfiles.Any(Fits);

    private bool Fits(string mechanismProfile) => mechanismProfile switch
    {
        "women" => Is("women") || Answers.Gender is "woman" or "trans-nonbinary",
        "lgbti" => Is("lgbti") || IsTransOrNonBinary,
        "organisation" => IsOrganisation,
        "land-environment" => DefendsLandOrEnvironment,
        _ => Is(mechanismProfile),
    };

    /// <summary>False when the country is unknown: a rule for a region never guesses.</summary>
    public bool CountryIsIn(string membershipOrRegion) => Country?.IsIn(membershipOrRegion) ?? false;

    /// <summary>The country's name in the person's language, for reasons such as "Because Colombia is…".</summary>
    public string CountryName => Country?.Name.In(Language) ?? "";

    /// <summary>A date written the way the person reads dates.</summary>
    public string FormatDate(DateOnly date) => date.ToString("D", CultureInfo.GetCultureInfo(Language));
}
