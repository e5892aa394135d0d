using System.Globalization;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;
using ProtectionBot.Recommendations.Trainings;

namespace ProtectionBot.Courses;

/// <summary>
/// Answers a question type about a course from its data, in the person's language. Dates and deadlines are worked out
/// at the moment of asking, in the organiser's time zone, which every answer names; a field marked unverified says so;
/// an FAQ entry of <c>course-questions.yaml</c> that lists the type under <c>asks</c> answers it instead of the data;
/// a type the data says nothing about gives null, so the bot can offer the course staff instead of guessing. A country
/// given with the question adds whether people from there can apply; a profile, whether it is a priority.
/// </summary>
internal sealed class CourseAnswers(TextCatalog texts, KnowledgeBase knowledge, CountryCatalog countries, CourseQuestionsFile questions)
{
    /// <summary>The fields of <c>trainings.yaml</c> each type quotes, for the "not confirmed" note.</summary>
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        [QuestionTypes.Dates] = ["editions"], [QuestionTypes.Deadline] = ["editions"], [QuestionTypes.Places] = ["editions"],
        [QuestionTypes.Notification] = ["editions"], [QuestionTypes.NextEdition] = ["editions", "how_to_apply"],
        [QuestionTypes.Place] = ["place", "editions"], [QuestionTypes.Eligibility] = ["eligibility"],
        [QuestionTypes.Selection] = ["priorities", "eligibility"], [QuestionTypes.Cost] = ["cost"],
        [QuestionTypes.Scholarships] = ["scholarships"], [QuestionTypes.Stages] = ["stages"], [QuestionTypes.Topics] = ["description", "stages"],
        [QuestionTypes.Certificate] = ["certificate"], [QuestionTypes.Obligations] = ["obligations"],
        [QuestionTypes.HowToApply] = ["how_to_apply"], [QuestionTypes.Contact] = ["contact"],
    };

    /// <summary>Types whose answer already weighs the country and the profile the person gave.</summary>
    private static readonly HashSet<string> WeighPerson = [QuestionTypes.Eligibility, QuestionTypes.Selection];

    public Training? Find(string? courseId) => knowledge.Trainings.FirstOrDefault(t => t.Id == courseId);

    public static string ShortName(Training training, string language) => (training.ShortName ?? training.Name).In(language);

    /// <summary>Whether the course's data (or its FAQ) answers <paramref name="type"/>.</summary>
    public bool Has(Training training, string type, DateTimeOffset now) => Answer(training, type, Language.Default, now) is not null;

    /// <summary>The answer, or null when the course's data does not say.</summary>
    /// <param name="country">A country the person gave: whether people from there can apply is added.</param>
    /// <param name="profiles">Profile codes the person gave: whether one is a priority is added.</param>
    public string? Answer(Training training, string type, string language, DateTimeOffset now, Country? country = null, IReadOnlyList<string>? profiles = null)
    {
        // An FAQ entry that answers the type says what the data cannot ("the 2026 themes"): it follows the data's answer.
        var faq = questions.Faq.FirstOrDefault(f => f.CourseId == training.Id && f.Asks?.Contains(type) == true)?.AnswerIn(language);
        var answer = type switch
        {
            QuestionTypes.Deadline => Deadline(training, language, now),
            QuestionTypes.Dates => Dates(training, language, now),
            QuestionTypes.Place => Place(training, language, now),
            QuestionTypes.Cost => training.Cost?.In(language),
            QuestionTypes.Scholarships => training.Scholarships?.In(language),
            QuestionTypes.Language => LanguageAnswer(training, language),
            QuestionTypes.Places => Places(training, language, now),
            QuestionTypes.Obligations => training.Obligations?.In(language),
            QuestionTypes.Topics => Topics(training, language),
            QuestionTypes.Stages => Stages(training, language, now),
            QuestionTypes.Certificate => training.Certificate?.In(language),
            QuestionTypes.Selection => Join(training.Priorities?.In(language), PriorityCountries(training, language), training.Eligibility.In(language),
                CountryLine(training, country, language), ProfileLine(training, profiles, language)),
            QuestionTypes.Notification => Notification(training, language, now),
            QuestionTypes.NextEdition => NextEdition(training, language, now),
            QuestionTypes.Eligibility => Join(training.Eligibility.In(language), CountryLine(training, country, language), ProfileLine(training, profiles, language),
                texts.Get(language, "courses.precheck_hint")),
            QuestionTypes.HowToApply => Join(training.HowToApply.In(language), Deadline(training, language, now), Link(training, language)),
            // The organiser field is a short name ("IACHR"); an FAQ entry that answers this says it in full, with partners.
            QuestionTypes.Organiser => faq is null ? texts.Get(language, "courses.organiser", ShortName(training, language), training.Organiser) : null,
            QuestionTypes.Contact => Join(training.Contact?.In(language) ?? training.HowToApply.In(language),
                texts.Get(language, "courses.apply_link", string.Join(" ", training.Links.Select(l => l.AbsoluteUri)))),
            _ => null,
        };
        if (answer is not null && Fields.TryGetValue(type, out var fields) && fields.Any(training.Unverified.Contains))
            answer = Join(answer, texts.Get(language, "courses.unverified"));
        if (faq is not null)
            answer = answer is null ? faq : $"{answer}\n{faq}";
        if (answer is null)
            return null;
        if (WeighPerson.Contains(type) || CountryLine(training, country, language) is not { } countryLine)
            return answer;
        // After a list of earlier editions, the verdict for the person's country stands on its own line.
        return answer.Contains('\n', StringComparison.Ordinal) ? $"{answer}\n{countryLine}" : Join(answer, countryLine);
    }

    /// <summary>For a country and no course: which courses people from there can apply to, one line each.</summary>
    public string ByCountry(Country country, string language, IReadOnlyList<string> courseIds)
    {
        var name = country.Name.In(language);
        var lines = courseIds.Select(Find).OfType<Training>().Select(training =>
        {
            var course = ShortName(training, language);
            if (training.OpenTo.Count == 0)
                return texts.Get(language, "courses.by_country.anyone", course);
            var priority = training.PriorityCountries.Contains(country.Code) ? " " + texts.Get(language, "courses.country.priority", name) : "";
            return training.OpenTo.Any(country.IsIn)
                ? texts.Get(language, "courses.by_country.open", course, name) + priority
                : texts.Get(language, "courses.by_country.closed", course, OpenTo(training, language));
        });
        return $"{texts.Get(language, "courses.by_country.intro", name)}\n{string.Join("\n", lines)}";
    }

    /// <summary>Where registration stands for every course, one line each, for "which courses are open now?".</summary>
    public string RegistrationOfEvery(IReadOnlyList<string> courseIds, string language, DateTimeOffset now) =>
        string.Join("\n", courseIds.Select(Find).OfType<Training>().Select(training => Deadline(training, language, now)));

    /// <summary>The courses the bot knows, by name, for "¿qué cursos hay?".</summary>
    public string List(IReadOnlyList<string> courseIds, string language) =>
        texts.Get(language, "courses.list", JoinList(courseIds.Select(Find).OfType<Training>().Select(t => $"«{ShortName(t, language)}»").ToList(), language));

    /// <summary>What a course is and whether one can register now.</summary>
    /// <summary>
    /// What the course is, this year's themes when an FAQ entry gives them ("what is HRDAP about?" asks both), and
    /// whether one can apply.
    /// </summary>
    public string Overview(Training training, string language, DateTimeOffset now) =>
        Join(texts.Get(language, "courses.overview", ShortName(training, language), training.Description.In(language)),
            questions.Faq.FirstOrDefault(f => f.CourseId == training.Id && f.Asks?.Contains(QuestionTypes.Topics) == true)?.AnswerIn(language),
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
        if (training.Availability == "always")
            return Deadline(training, language, now);
        if (CurrentEdition(training, now) is not { } edition)
            return Join(texts.Get(language, "courses.dates.none", name), training.Availability == "on-request" ? training.HowToApply.In(language) : null);
        var text = EditionDates(training, edition, language);
        var status = RegistrationWindow.At(training, now).Status;
        text = status == RegistrationStatus.Closed
            ? Join(text, texts.Get(language, "courses.dates.past"))
            : Join(text, Deadline(training, language, now));
        // Earlier editions show the organiser's rhythm ("every January"), the latest first.
        var earlier = training.Editions.Where(e => e != edition && e.RegistrationCloses < edition.RegistrationCloses).OrderByDescending(e => e.RegistrationCloses).ToList();
        return earlier.Count == 0
            ? text
            : $"{text}\n{texts.Get(language, "courses.dates.earlier")}\n{string.Join("\n", earlier.Select(e => EditionDates(training, e, language)))}";
    }

    /// <summary>One edition's registration window, selection notice and stages (or start and end), as one sentence.</summary>
    private string EditionDates(Training training, TrainingEdition edition, string language)
    {
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
        return $"{texts.Get(language, "courses.dates.edition", edition.Label, ShortName(training, language))} {string.Join("; ", parts)}.";
    }

    /// <summary>Where: the stages of the edition open, announced or last, earlier editions held elsewhere, and where the course says it runs.</summary>
    private string? Place(Training training, string language, DateTimeOffset now)
    {
        var parts = new List<string>();
        var current = CurrentEdition(training, now);
        if (current is not null && current.Stages.Any(s => s.Place is not null))
        {
            parts.Add($"{texts.Get(language, "courses.dates.edition", current.Label, ShortName(training, language))} {string.Join("; ", current.Stages.Select(s => StageLine(training, s, language)))}.");
            var shown = current.Stages.Where(s => s.Place is not null).Select(s => s.Place!.In(language)).ToHashSet(StringComparer.Ordinal);
            foreach (var earlier in training.Editions.Where(e => e != current).OrderBy(e => e.RegistrationCloses))
            {
                var elsewhere = earlier.Stages.Where(s => s.Place is not null && !shown.Contains(s.Place.In(language))).ToList();
                if (elsewhere.Count > 0)
                    parts.Add(texts.Get(language, "courses.place.earlier", earlier.Label, string.Join("; ", elsewhere.Select(s => StageLine(training, s, language)))));
            }
        }
        if (training.Place is { } place)
            parts.Add(place.In(language));
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    /// <summary>What it covers: the description, then what each stage is about.</summary>
    private static string Topics(Training training, string language) =>
        Join(training.Description.In(language), string.Join(" ", training.Stages.Select(s => $"{s.Name.In(language)}: {s.Description.In(language)}.")));

    /// <summary>When selected people were or will be told, edition by edition, the latest first.</summary>
    private string? Notification(Training training, string language, DateTimeOffset now)
    {
        var told = training.Editions.Where(e => e.SelectionNotice is not null).OrderByDescending(e => e.RegistrationCloses).ToList();
        if (told.Count == 0)
            return null;
        var lines = told.Select(e => texts.Get(language, e.SelectionNotice!.Value < DateOnly.FromDateTime(now.UtcDateTime) ? "courses.notification.past" : "courses.notification.future",
            e.Label, Date(e.SelectionNotice.Value, language)));
        return Join([.. lines]);
    }

    /// <summary>The edition open or announced; else that none is known after the last, with what the organiser's habit is.</summary>
    private string NextEdition(Training training, string language, DateTimeOffset now)
    {
        var (status, edition) = RegistrationWindow.At(training, now);
        return (status, edition) switch
        {
            (RegistrationStatus.Open or RegistrationStatus.Upcoming, _) => Deadline(training, language, now),
            (RegistrationStatus.Closed, { } last) => Join(texts.Get(language, "courses.next.none_after", ShortName(training, language), last.Label), training.HowToApply.In(language)),
            _ => Deadline(training, language, now),
        };
    }

    private string Link(Training training, string language) => texts.Get(language, "courses.apply_link", training.Links[0].AbsoluteUri);

    private string? ProfileLine(Training training, IReadOnlyList<string>? profiles, string language)
    {
        var priority = (profiles ?? []).Where(training.PriorityProfiles.Contains).ToList();
        return priority.Count == 0
            ? null
            : texts.Get(language, "courses.profile.priority", JoinList([.. priority.Select(p => texts.Get(language, $"interview.profile.{p}"))], language));
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

    public string LanguageNames(IReadOnlyList<string> codes, string language) =>
        JoinList([.. codes.Select(c => texts.Get(language, $"courses.language_names.{c}"))], language);

    /// <summary>"a", "a y b", "a, b y c": the last two joined as the language joins them (<c>courses.list_last</c>).</summary>
    public string JoinList(IReadOnlyList<string> items, string language) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => texts.Get(language, "courses.list_last", string.Join(", ", items.Take(items.Count - 1)), items[^1]),
    };

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

    public string Date(DateOnly date, string language) =>
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
