using System.Globalization;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;
using ProtectionBot.Recommendations.Trainings;

namespace ProtectionBot.Courses;

/// <summary>
/// Answers a topic of a course from its data, in the person's language. Dates and deadlines are worked out at the
/// moment of asking, in the organiser's time zone, which every answer names; a field marked unverified says so;
/// a topic the data says nothing about gives null, so the bot can offer the course staff instead of guessing.
/// </summary>
internal sealed class CourseAnswers(TextCatalog texts, KnowledgeBase knowledge, CountryCatalog countries)
{
    /// <summary>The field of <c>trainings.yaml</c> each topic quotes, for the "not confirmed" note.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [CourseTopics.Dates] = "editions", [CourseTopics.Deadline] = "editions", [CourseTopics.Places] = "editions",
        [CourseTopics.Eligibility] = "eligibility", [CourseTopics.Priorities] = "priorities", [CourseTopics.Cost] = "cost",
        [CourseTopics.Scholarships] = "scholarships", [CourseTopics.Stages] = "stages", [CourseTopics.Certificate] = "certificate",
        [CourseTopics.Obligations] = "obligations", [CourseTopics.Apply] = "how_to_apply", [CourseTopics.Contact] = "contact",
    };

    public Training? Find(string? courseId) => knowledge.Trainings.FirstOrDefault(t => t.Id == courseId);

    public static string ShortName(Training training, string language) => (training.ShortName ?? training.Name).In(language);

    /// <summary>The answer, or null when the course's data does not say.</summary>
    public string? Answer(Training training, string topic, string language, DateTimeOffset now, Country? mentioned = null)
    {
        var answer = topic switch
        {
            CourseTopics.Deadline => Deadline(training, language, now),
            CourseTopics.Dates => Dates(training, language, now),
            CourseTopics.Eligibility => Join(training.Eligibility.In(language), CountryLine(training, mentioned, language), texts.Get(language, "courses.precheck_hint")),
            CourseTopics.Priorities => training.Priorities is { } priorities
                ? Join(priorities.In(language), PriorityCountries(training, language), CountryLine(training, mentioned, language))
                : null,
            CourseTopics.Places => Places(training, language, now),
            CourseTopics.Cost => training.Cost?.In(language),
            CourseTopics.Scholarships => training.Scholarships?.In(language),
            CourseTopics.Language => LanguageAnswer(training, language),
            CourseTopics.Stages => Stages(training, language, now),
            CourseTopics.Certificate => training.Certificate?.In(language),
            CourseTopics.Obligations => training.Obligations?.In(language),
            CourseTopics.Apply => Join(training.HowToApply.In(language), Deadline(training, language, now), texts.Get(language, "courses.apply_link", training.Links[0].AbsoluteUri)),
            CourseTopics.Contact => training.Contact is { } contact ? Join(contact.In(language), texts.Get(language, "courses.apply_link", training.Links[0].AbsoluteUri)) : null,
            _ => null,
        };
        if (answer is not null && Fields.TryGetValue(topic, out var field) && training.Unverified.Contains(field))
            answer = Join(answer, texts.Get(language, "courses.unverified"));
        return answer;
    }

    /// <summary>What a course is and whether one can register now.</summary>
    public string Overview(Training training, string language, DateTimeOffset now) =>
        Join(texts.Get(language, "courses.overview", ShortName(training, language), training.Description.In(language)),
            Deadline(training, language, now), texts.Get(language, "courses.ask_more"));

    public string Missing(Training training, string language) => texts.Get(language, "courses.missing", ShortName(training, language));

    /// <summary>Open until, opening on, or closed since: from the editions and the clock, never from a sentence.</summary>
    public string Deadline(Training training, string language, DateTimeOffset now)
    {
        var name = ShortName(training, language);
        var (status, edition) = RegistrationWindow.At(training, now);
        return (status, edition) switch
        {
            (RegistrationStatus.Open, { } open) => texts.Get(language, "courses.deadline.open", name, open.Label, Moment(open.RegistrationCloses, open.TimeZone, language), Zone(open.RegistrationCloses, open.TimeZone)),
            (RegistrationStatus.Upcoming, { RegistrationOpens: { } opens } next) => texts.Get(language, "courses.deadline.upcoming", name, next.Label,
                Moment(opens, next.TimeZone, language), Moment(next.RegistrationCloses, next.TimeZone, language), Zone(next.RegistrationCloses, next.TimeZone)),
            (RegistrationStatus.Closed, { } last) => texts.Get(language, "courses.deadline.closed", name, last.Label, Moment(last.RegistrationCloses, last.TimeZone, language), Zone(last.RegistrationCloses, last.TimeZone)),
            (RegistrationStatus.AlwaysOpen, _) => texts.Get(language, "courses.deadline.always", name),
            (RegistrationStatus.OnRequest, _) => Join(texts.Get(language, "courses.deadline.on_request", name), training.HowToApply.In(language)),
            _ => texts.Get(language, "courses.deadline.none", name),
        };
    }

    /// <summary>The edition an answer is about: the one open or announced, else the last one.</summary>
    public static TrainingEdition? CurrentEdition(Training training, DateTimeOffset now) => RegistrationWindow.At(training, now).Edition;

    private string? Dates(Training training, string language, DateTimeOffset now)
    {
        var name = ShortName(training, language);
        if (CurrentEdition(training, now) is not { } edition)
            return Join(texts.Get(language, "courses.dates.none", name), training.Availability == "on-request" ? training.HowToApply.In(language) : null);
        var parts = new List<string>();
        var closes = Moment(edition.RegistrationCloses, edition.TimeZone, language);
        var zone = Zone(edition.RegistrationCloses, edition.TimeZone);
        parts.Add(edition.RegistrationOpens is { } opens
            ? texts.Get(language, "courses.dates.registration", Date(opens, edition.TimeZone, language), closes, zone)
            : texts.Get(language, "courses.dates.registration_until", closes, zone));
        if (edition.SelectionNotice is { } notice)
            parts.Add(texts.Get(language, "courses.dates.selection", Date(notice, language)));
        if (edition.Stages.Count > 0)
            parts.AddRange(edition.Stages.Select(s => StageLine(training, s, language)));
        else if (edition.Starts is { } starts)
            parts.Add(texts.Get(language, "courses.dates.course", Range(starts, edition.Ends, language)));
        var text = $"{texts.Get(language, "courses.dates.edition", edition.Label, name)} {string.Join("; ", parts)}.";
        var status = RegistrationWindow.At(training, now).Status;
        return status == RegistrationStatus.Closed
            ? Join(text, texts.Get(language, "courses.dates.past"))
            : Join(text, Deadline(training, language, now));
    }

    private string? Stages(Training training, string language, DateTimeOffset now)
    {
        if (training.Stages.Count == 0)
            return null;
        var edition = CurrentEdition(training, now);
        var lines = training.Stages.Select((stage, i) =>
        {
            var dated = edition?.Stages.FirstOrDefault(s => s.Stage == stage.Id);
            var when = dated is null ? "" : $" ({StageWhen(dated, language)}, {edition!.Label})";
            return $"{i + 1}. {stage.Name.In(language)}{when}: {stage.Description.In(language)}.";
        });
        return $"{texts.Get(language, "courses.stages.intro", ShortName(training, language), training.Stages.Count)}\n{string.Join("\n", lines)}";
    }

    /// <summary>The stages as one line each with their dates, for the availability question.</summary>
    public string StageSummary(Training training, string language, DateTimeOffset now)
    {
        // Dates of an edition that is over would only confuse: then the stages are named without them.
        var (status, edition) = RegistrationWindow.At(training, now);
        if (status is not (RegistrationStatus.Open or RegistrationStatus.Upcoming))
            edition = null;
        return string.Join("; ", training.Stages.Select(stage =>
            edition?.Stages.FirstOrDefault(s => s.Stage == stage.Id) is { } dated
                ? StageLine(training, dated, language)
                : stage.Name.In(language)));
    }

    private string StageLine(Training training, EditionStage stage, string language)
    {
        var name = training.Stages.First(s => s.Id == stage.Stage).Name.In(language);
        return stage.Place is { } place
            ? texts.Get(language, "courses.dates.stage_place", name, StageWhen(stage, language), place.In(language))
            : texts.Get(language, "courses.dates.stage", name, StageWhen(stage, language));
    }

    private string StageWhen(EditionStage stage, string language) =>
        stage.Starts is { } starts ? Range(starts, stage.Ends, language) : "";

    private string Range(DateOnly starts, DateOnly? ends, string language) =>
        ends is { } end
            ? texts.Get(language, "courses.dates.range", Date(starts, language), Date(end, language))
            : texts.Get(language, "courses.dates.from", Date(starts, language));

    private string? Places(Training training, string language, DateTimeOffset now)
    {
        var edition = CurrentEdition(training, now) is { Places: not null } current
            ? current
            : training.Editions.Where(e => e.Places is not null).MaxBy(e => e.RegistrationCloses);
        return edition is null ? null : texts.Get(language, "courses.places", edition.Places, edition.Label);
    }

    private string LanguageAnswer(Training training, string language)
    {
        var name = ShortName(training, language);
        var taught = training.Languages.Where(l => l != "any").ToList();
        if (taught.Count == 0)
            return texts.Get(language, "courses.language.unknown", name);
        return texts.Get(language, taught.Count == 1 ? "courses.language.one" : "courses.language.many", name, LanguageNames(taught, language));
    }

    public string LanguageNames(IReadOnlyList<string> codes, string language)
    {
        var names = codes.Select(c => texts.Get(language, $"courses.language_names.{c}")).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + texts.Get(language, "courses.language.and") + names[^1];
    }

    private string? PriorityCountries(Training training, string language) =>
        training.PriorityCountries.Count == 0
            ? null
            : texts.Get(language, "courses.priority_countries", string.Join(", ", training.PriorityCountries.Select(c => countries.Find(c)?.Name.In(language) ?? c)));

    /// <summary>For a country named in the question: can people from there apply, is it a priority.</summary>
    private string? CountryLine(Training training, Country? country, string language)
    {
        if (country is null)
            return null;
        var name = country.Name.In(language);
        var lines = new List<string>();
        if (training.OpenTo.Count > 0)
            lines.Add(texts.Get(language, training.OpenTo.Any(country.IsIn) ? "courses.country.member" : "courses.country.not_member", name));
        if (training.PriorityCountries.Contains(country.Code))
            lines.Add(texts.Get(language, "courses.country.priority", name));
        return lines.Count == 0 ? null : string.Join(" ", lines);
    }

    /// <summary>Where a course is open to, as a phrase: "OAS member States", "Africa, …".</summary>
    public string OpenTo(Training training, string language)
    {
        if (training.OpenTo.Count == 0)
            return texts.Get(language, "courses.open_to.anyone");
        return string.Join(", ", training.OpenTo.Select(code =>
            KnowledgeCodes.Memberships.Contains(code) ? texts.Get(language, $"courses.membership.{code}")
            : KnowledgeCodes.Regions.Contains(code) ? texts.Get(language, $"courses.region.{code}")
            : countries.Find(code)?.Name.In(language) ?? code));
    }

    public string Moment(DateTimeOffset instant, string timeZone, string language) =>
        InZone(instant, timeZone).ToString(texts.Get(language, "courses.format.moment"), CultureInfo.GetCultureInfo(language));

    private string Date(DateTimeOffset instant, string timeZone, string language) =>
        InZone(instant, timeZone).ToString(texts.Get(language, "courses.format.date"), CultureInfo.GetCultureInfo(language));

    private string Date(DateOnly date, string language) =>
        date.ToString(texts.Get(language, "courses.format.date"), CultureInfo.GetCultureInfo(language));

    /// <summary>The zone as the organiser states it, with the offset in force that day: "America/New_York, UTC-04:00".</summary>
    public static string Zone(DateTimeOffset instant, string timeZone)
    {
        var offset = InZone(instant, timeZone).Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{timeZone}, UTC{sign}{offset.Duration():hh\\:mm}";
    }

    private static DateTimeOffset InZone(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(instant, zone) : instant;

    private static string Join(params string?[] parts) => string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
