using System.Globalization;
using ProtectionBot.Courses;
using ProtectionBot.Knowledge;
using ProtectionBot.Content;
using static ProtectionBot.Tests.Courses.CourseContent;

namespace ProtectionBot.Tests.Courses;

/// <summary>
/// Walks <c>knowledge/trainings.yaml</c>: every fact of every training, in every language, is stated by the answer to
/// at least one question type, so that whatever the data holds, someone can ask it. Facts are the texts (description,
/// eligibility, priorities, place, cost, scholarships, certificate, obligations, how to apply, contact), the stages,
/// every edition's dates, places and numbers, the languages, the organiser, the links, and who can apply and who comes
/// first (asked with a country or a profile). Bookkeeping (aliases, sources, last_verified, unverified) is not a fact
/// to state.
/// </summary>
public sealed class CourseFactsReachedTests
{
    public static TheoryData<string, string> Trainings() =>
        [.. CourseContent.Knowledge.Trainings.SelectMany(t => new[] { "es", "fr", "en" }.Select(l => (t.Id, l)))];

    [Theory]
    [MemberData(nameof(Trainings))]
    public void Every_fact_of_a_training_is_stated_by_the_answer_to_some_question(string courseId, string language)
    {
        var training = Course(courseId);
        var answers = QuestionTypes.Answerable
            .Select(type => (Type: type, Text: Answers.Answer(training, type, language, Now)))
            .Where(a => a.Text is not null)
            .ToList();

        var unreached = Facts(training, language).Where(fact => !answers.Any(a => a.Text!.Contains(fact.Text, StringComparison.Ordinal))).ToList();

        Assert.True(unreached.Count == 0, $"{courseId} ({language}): no question type states " + string.Join("; ", unreached.Select(f => $"{f.Field} \"{f.Text}\"")));
    }

    [Theory]
    [MemberData(nameof(Trainings))]
    public void Who_can_apply_and_who_comes_first_is_said_for_the_country_or_profile_the_person_gives(string courseId, string language)
    {
        var training = Course(courseId);

        foreach (var code in training.OpenTo)
        {
            var inside = Countries.All.First(c => training.OpenTo.Any(c.IsIn) && c.IsIn(code));
            Assert.Contains(Texts.Get(language, "courses.country.member", inside.Name.In(language)),
                Answers.Answer(training, QuestionTypes.Eligibility, language, Now, inside), StringComparison.Ordinal);
        }
        foreach (var code in training.PriorityCountries)
            Assert.Contains(Countries.Find(code)!.Name.In(language), Answers.Answer(training, QuestionTypes.Selection, language, Now), StringComparison.Ordinal);
        foreach (var profile in training.PriorityProfiles)
        {
            Assert.Contains(Texts.Get(language, $"interview.profile.{profile}"),
                Answers.Answer(training, QuestionTypes.Selection, language, Now, profiles: [profile]), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<(string Field, string Text)> Facts(Training training, string language)
    {
        foreach (var (field, text) in new (string, LocalizedText?)[]
        {
            ("description", training.Description), ("eligibility", training.Eligibility), ("priorities", training.Priorities),
            ("place", training.Place), ("cost", training.Cost), ("scholarships", training.Scholarships), ("certificate", training.Certificate),
            ("obligations", training.Obligations), ("how_to_apply", training.HowToApply), ("contact", training.Contact),
        })
        {
            if (text is not null)
                yield return (field, text.In(language));
        }
        foreach (var stage in training.Stages)
        {
            yield return ("stage name", stage.Name.In(language));
            yield return ("stage description", stage.Description.In(language));
        }
        foreach (var edition in training.Editions)
        {
            yield return ("edition", edition.Label);
            yield return ("registration closes", Day(edition.RegistrationCloses, edition.TimeZone, language));
            yield return ("time zone", edition.TimeZone);
            if (edition.RegistrationOpens is { } opens)
                yield return ("registration opens", Day(opens, edition.TimeZone, language));
            if (edition.SelectionNotice is { } notice)
                yield return ("selection notice", Answers.Date(notice, language));
            if (edition.Places is { } places)
                yield return ("places", places.ToString(CultureInfo.InvariantCulture));
            if (edition.Stages.Count == 0 && edition.Starts is { } starts)
                yield return ("starts", Answers.Date(starts, language));
            if (edition.Stages.Count == 0 && edition.Ends is { } ends)
                yield return ("ends", Answers.Date(ends, language));
            foreach (var stage in edition.Stages)
            {
                if (stage.Starts is { } from)
                    yield return ("stage starts", Answers.Date(from, language));
                if (stage.Ends is { } to)
                    yield return ("stage ends", Answers.Date(to, language));
                if (stage.Place is { } place)
                    yield return ("stage place", place.In(language));
            }
        }
        foreach (var code in training.Languages.Where(l => l != "any"))
            yield return ("language", Texts.Get(language, $"courses.language_names.{code}"));
        foreach (var link in training.Links)
            yield return ("link", link.AbsoluteUri);
        // The organiser is a name; an FAQ entry may say it in the person's language ("la CIDH" for "IACHR").
        if (CourseContent.Questions.Faq.All(f => f.CourseId != training.Id || f.Asks?.Contains(QuestionTypes.Organiser) != true))
            yield return ("organiser", training.Organiser);
    }

    private static string Day(DateTimeOffset instant, string timeZone, string language) =>
        Answers.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime), language);

    [Fact]
    public void Languages_are_listed_as_each_language_joins_them()
    {
        var regional = Course("ishr-regional-trainings");

        Assert.Equal("«Formaciones regionales del ISHR» se imparte en inglés, francés y árabe.", Answers.Answer(regional, QuestionTypes.Language, "es", Now));
        Assert.Equal("« Formations régionales de l'ISHR » se déroule en anglais, français et arabe.", Answers.Answer(regional, QuestionTypes.Language, "fr", Now));
        Assert.Equal("“ISHR regional trainings” is taught in English, French and Arabic.", Answers.Answer(regional, QuestionTypes.Language, "en", Now));
        Assert.Equal("francés y árabe", Answers.LanguageNames(["fr", "ar"], "es"));
    }
}
