using System.Globalization;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Recommendations.Trainings;

/// <summary>
/// R22. Trainings the person can join: open to people from their country, each with why it fits and the state of its
/// registration. A training taught in another language is still shown, saying which (R23), after those in the person's
/// language: a Spanish speaker who reads English may well want the Geneva programme. A closed course is listed (so the
/// bot can offer "tell me about the next edition") but never as open; the IACHR course, whose 2019 editions are over,
/// only while a call is open or announced. Without a country, trainings limited to some places are left out: the
/// person could not apply anyway without saying where they are from.
/// Ranked: those in the person's language first; among them, an open or announced call first (its deadline runs); then
/// courses with a group and teachers, the programme for the person's region, self-paced lessons, and trainings given on
/// request, in that order. Who the IACHR course gives priority to is read from the course's data.
/// </summary>
internal sealed class TrainingAdvisor(IReadOnlyList<Training> trainings)
{
    /// <summary>The IACHR's course for defenders: offered only while a call is open or announced.</summary>
    public const string InterAmericanCourse = "iachr-hrd-course";

    // OrderBy is stable: trainings of the same rank keep the order of the knowledge file.
    public IReadOnlyList<TrainingSuggestion> Suggest(CaseFacts facts, DateTimeOffset now) =>
    [
        .. trainings
            .Where(t => IsOpenTo(t, facts.Country))
            .Select(t => (training: t, suggestion: Suggestion(t, RegistrationWindow.At(t, now), facts)))
            .Where(t => t.suggestion is not null)
            .OrderBy(t => TaughtIn(t.training, facts.Language) ? 0 : 1)
            .ThenBy(t => t.suggestion!.Status is RegistrationStatus.Open or RegistrationStatus.Upcoming ? 0 : 1)
            .ThenBy(t => Format(t.training))
            .Select(t => t.suggestion!),
    ];

    private static bool IsOpenTo(Training training, Country? country) =>
        training.OpenTo.Count == 0 || (country is not null && training.OpenTo.Any(country.IsIn));

    private static bool TaughtIn(Training training, string language) => training.Languages.Contains(language);

    /// <summary>A course with a group and teachers, then a programme for some regions, then self-paced lessons, then on request.</summary>
    private static int Format(Training training) => training.Availability switch
    {
        "dated" => 0,
        "on-request" when training.OpenTo.Count > 0 => 1,
        "always" => 2,
        _ => 3,
    };

    private static TrainingSuggestion? Suggestion(Training training, (RegistrationStatus Status, TrainingEdition? Edition) window, CaseFacts facts)
    {
        var (status, edition) = window;
        var reasons = WhyItFits(training, status, facts);
        if (reasons is null)
            return null;
        if (!TaughtIn(training, facts.Language))
            reasons.Add(new(ReasonKeys.TrainingOtherLanguage, RouteMerger.LanguageNames(training.Languages)));
        if (StatusReason(status, edition, facts) is { } statusReason)
            reasons.Add(statusReason);
        return new TrainingSuggestion(training.Id, status, edition?.Label) { Reasons = reasons };
    }

    /// <summary>The catalogue's R22, by training; null when the training is not for this person.</summary>
    private static List<ReasonText>? WhyItFits(Training training, RegistrationStatus status, CaseFacts facts)
    {
        if (training.Id == InterAmericanCourse)
        {
            if (status is not (RegistrationStatus.Open or RegistrationStatus.Upcoming) || !facts.CountryIsIn("oas"))
                return null;
            var priority = facts.Answers.Profiles.Any(training.PriorityProfiles.Contains)
                || (training.PriorityProfiles.Contains("land-environment") && facts.Reports("land-environment"))
                || (facts.Country is { } c && training.PriorityCountries.Contains(c.Code));
            return priority
                ? [new(ReasonKeys.TrainingInterAmericanCourse), new(ReasonKeys.TrainingInterAmericanPriority)]
                : [new(ReasonKeys.TrainingInterAmericanCourse)];
        }
        return training.Id switch
        {
            "pi-elearning" when facts.IsOrganisation => [new(ReasonKeys.TrainingSecurityElearning), new(ReasonKeys.TrainingElearningTeams)],
            "pi-elearning" => [new(ReasonKeys.TrainingSecurityElearning)],
            "ishr-regional-trainings" when facts.CountryIsIn("africa") || facts.CountryIsIn("middle-east-north-africa") || facts.CountryIsIn("asia-pacific") =>
                [new(ReasonKeys.TrainingRegional)],
            "ishr-regional-trainings" => null,
            "ishr-hrdap" => [new(ReasonKeys.TrainingGenevaProgramme)],
            "ishr-academy" => [new(ReasonKeys.TrainingAcademy)],
            "fld-security-training" => [new(ReasonKeys.TrainingSecurityOnRequest)],
            _ => [new(ReasonKeys.TrainingFits)],
        };
    }

    private static ReasonText? StatusReason(RegistrationStatus status, TrainingEdition? edition, CaseFacts facts) => (status, edition) switch
    {
        (RegistrationStatus.Open, { } open) => new(ReasonKeys.TrainingOpenUntil, FormatInOrganiserZone(open.RegistrationCloses, open.TimeZone, facts.Language), open.TimeZone),
        (RegistrationStatus.Upcoming, { RegistrationOpens: { } opens } next) => new(ReasonKeys.TrainingOpensOn, FormatInOrganiserZone(opens, next.TimeZone, facts.Language), next.TimeZone),
        (RegistrationStatus.Closed or RegistrationStatus.NoCurrentEdition, _) => new(ReasonKeys.TrainingClosed),
        _ => null,
    };

    /// <summary>The deadline as the organiser states it (their clock), written the way the person reads dates.</summary>
    private static string FormatInOrganiserZone(DateTimeOffset instant, string timeZone, string language)
    {
        var local = instant;
        try
        {
            local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        }
        catch (TimeZoneNotFoundException)
        {
            // The stored offset is the organiser's anyway; only the daylight-saving adjustment is lost.
        }
        return local.ToString("f", CultureInfo.GetCultureInfo(language));
    }
}
