using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations.Rules;
using ProtectionBot.Recommendations.Trainings;

namespace ProtectionBot.Recommendations;

/// <summary>
/// Turns a defender's answers into ranked mechanisms and trainings with the catalogue's routing rules (R1–R26), so
/// every suggestion can be traced to a rule and explained in the person's language. Deterministic: the same answers,
/// data and day always give the same list.
/// </summary>
internal sealed class Recommender(
    IReadOnlyDictionary<string, Mechanism> mechanisms,
    IReadOnlyList<Training> trainings,
    Func<string, Country?> findCountry,
    TimeProvider time)
{
    // In the catalogue's order, which is the last tie-break of the ranking. R22 (trainings) is the TrainingAdvisor,
    // R23 (language) a note every route gets in RouteMerger.
    private static readonly IReadOnlyList<RoutingRule> Rules =
    [
        new R01ImmediateDanger(), new R02InterAmericanPrecautionaryMeasures(), new R03InterAmericanCourt(),
        new R04RapporteurOnDefenders(), new R05Detention(), new R06Disappearance(), new R07Torture(),
        new R08KillingOrDeathThreats(), new R09GenderBasedViolence(), new R10DigitalAttack(), new R11Expression(),
        new R12Criminalization(), new R13Reprisals(), new R14AfricanSystem(), new R15EuropeanSystems(),
        new R16EuMissions(), new R17AsiaPacific(), new R18Relocation(), new R19OrganisationUnderAttack(),
        new R20LongTermRedress(), new R21CommunitiesInTheAmericas(), new R24SafetyOfPublicity(),
        new R25NationalProgramme(), new R26Aarhus(),
    ];

    private readonly TrainingAdvisor _trainingAdvisor = new(trainings);

    public RecommendationResult Recommend(CaseAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var country = string.IsNullOrWhiteSpace(answers.Country) ? null : findCountry(answers.Country);
        var now = time.GetUtcNow();
        var facts = new CaseFacts(answers, country, DateOnly.FromDateTime(now.UtcDateTime), NationalProgramme(country));

        IReadOnlyList<Recommendation> ranked = [];
        if (facts.ReportsHarm)
        {
            var proposals = Rules.SelectMany(rule => rule.Propose(facts))
                .Where(p => mechanisms.TryGetValue(p.MechanismId, out var mechanism) && Coverage.Allows(mechanism, country))
                .ToList();
            ranked = RouteRanking.Rank(RouteMerger.Merge(proposals, facts, mechanisms), facts);
        }

        // R22: trainings come after safety, so none while the person is in danger.
        var suggestedTrainings = answers.WantsTraining && !facts.InDanger ? _trainingAdvisor.Suggest(facts, now) : [];
        return new RecommendationResult(ranked, suggestedTrainings);
    }

    /// <summary>Whether the State runs a protection programme in the country (ISO code): then who is behind the threat matters (R25).</summary>
    public bool HasNationalProgramme(string? countryCode) =>
        !string.IsNullOrWhiteSpace(countryCode) && NationalProgramme(findCountry(countryCode)) is not null;

    /// <summary>The State's own protection programme where the person is: an entry of system <c>national</c> covering the country.</summary>
    private string? NationalProgramme(Country? country) =>
        country is null ? null : mechanisms.Values
            .Where(m => m.System == "national" && m.Covers.Any(country.IsIn))
            .Select(m => m.Id)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
}
