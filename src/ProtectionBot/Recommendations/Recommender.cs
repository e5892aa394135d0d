using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations.Rules;
using ProtectionBot.Recommendations.Trainings;

namespace ProtectionBot.Recommendations;

/// <summary>
/// Turns a defender's answers into ranked mechanisms and trainings with the catalogue's routing rules (R1–R24), so
/// every suggestion can be traced to a rule and explained in the person's language. Deterministic: the same answers,
/// data and day always give the same list.
/// </summary>
public sealed class Recommender(
    IReadOnlyDictionary<string, Mechanism> mechanisms,
    IReadOnlyList<Training> trainings,
    Func<string, Country?> findCountry,
    TimeProvider time)
{
    // R1 comes first so the emergency line is the first proposal; the order of the rest only breaks ranking ties.
    private static readonly IReadOnlyList<RoutingRule> Rules =
    [
        new R01ImmediateDanger(), new R02InterAmericanPrecautionaryMeasures(), new R03InterAmericanCourt(),
        new R04RapporteurOnDefenders(), new R05Detention(), new R06Disappearance(), new R07Torture(),
        new R08KillingOrDeathThreats(), new R09GenderBasedViolence(), new R10DigitalAttack(), new R11Expression(),
        new R12Criminalization(), new R13Reprisals(), new R14AfricanSystem(), new R15EuropeanSystems(),
        new R16EuMissions(), new R17AsiaPacific(), new R18Relocation(), new R19OrganisationUnderAttack(),
        new R20LongTermRedress(), new R21CommunitiesInTheAmericas(),
    ];

    private readonly TrainingAdvisor _trainingAdvisor = new(trainings);

    public RecommendationResult Recommend(CaseAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var country = string.IsNullOrWhiteSpace(answers.Country) ? null : findCountry(answers.Country);
        var now = time.GetUtcNow();
        var facts = new CaseFacts(answers, country, DateOnly.FromDateTime(now.UtcDateTime));

        var proposals = Rules.SelectMany(rule => rule.Propose(facts))
            .Where(p => mechanisms.TryGetValue(p.MechanismId, out var mechanism) && Coverage.Allows(mechanism, country));
        var routes = RouteMerger.Merge(proposals, facts, mechanisms);
        var ranked = RouteRanking.Rank(routes, facts, mechanisms);

        var suggestedTrainings = answers.WantsTraining ? _trainingAdvisor.Suggest(facts, now) : [];
        return new RecommendationResult(ranked, suggestedTrainings);
    }
}
