using System.Globalization;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Recommendations;

/// <summary>
/// The answers as the rules ask about them: "does the person report X", "is their country in Y". The country is looked
/// up once; an unknown or missing country means every regional rule stays silent.
/// </summary>
internal sealed class CaseFacts(CaseAnswers answers, Country? country, DateOnly today)
{
    public CaseAnswers Answers { get; } = answers;

    public Country? Country { get; } = country;

    public DateOnly Today { get; } = today;

    public string Language => Answers.Language;

    /// <summary>The person said they are in danger now, or chose the immediate urgency: either is enough to act as if.</summary>
    public bool InDanger => Answers.InImmediateDanger || Answers.Urgency == "immediate";

    /// <summary>Something is happening now or about to: an urgent appeal rather than a letter about the past.</summary>
    public bool IsOngoing => InDanger || Answers.Urgency == "urgent";

    /// <summary>Any harm or threat at all: from here on the UN Rapporteur on defenders is always offered.</summary>
    public bool ReportsHarm => InDanger || Answers.Situations.Count > 0;

    /// <summary>Tier for routes that act fast when the harm is ongoing and write about the past otherwise.</summary>
    public RouteTier OngoingTier => IsOngoing ? RouteTier.Urgent : RouteTier.LongTerm;

    /// <summary>
    /// Harms to life or physical integrity, the ground for precautionary-type measures. Being forced from one's home
    /// or country counts: defenders are displaced by threats, and the IACHR grants measures to displaced defenders.
    /// </summary>
    public bool RisksLifeOrIntegrity =>
        InDanger || ReportsAny("threats", "physical-attack", "killing-of-colleague", "torture", "enforced-disappearance", "sgbv", "forced-displacement");

    public bool IsOrganisation => Answers.AtRisk == "organisation" || Is("organisation");

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

    /// <summary>False when the country is unknown: a rule for a region never guesses.</summary>
    public bool CountryIsIn(string membershipOrRegion) => Country?.IsIn(membershipOrRegion) ?? false;

    /// <summary>The country's name in the person's language, for reasons such as "Because Colombia is…".</summary>
    public string CountryName => Country?.Name.In(Language) ?? "";

    /// <summary>A date written the way the person reads dates.</summary>
    public string FormatDate(DateOnly date) => date.ToString("D", CultureInfo.GetCultureInfo(Language));
}
