using ProtectionBot.Recommendations;
using static ProtectionBot.Tests.Recommendations.Catalogue;
using Keys = ProtectionBot.Recommendations.ReasonKeys;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>R22: trainings that fit, with their registration status on the day, after safety.</summary>
public sealed class TrainingRecommendationTests
{
    private const string R22 = "Trainings (after safety): Americas + Spanish → iachr course only if a current call is open (2019 editions closed), pi-elearning (es); Africa/MENA/Asia-Pacific → ishr-regional-trainings; UN advocacy + English → ishr-hrdap (next call); everyone → ishr-academy, pi-elearning (en/es/fr).";

    private static readonly CaseAnswers ColombianInSpanish = new() { Language = "es", Country = "CO", Profiles = ["indigenous"] };

    private static IReadOnlyList<TrainingSuggestion> Trainings(CaseAnswers answers, DateTimeOffset now) =>
        Recommender(now).Recommend(answers).Trainings;

    [Fact]
    [CatalogueRule("R22", R22)]
    public void A_closed_iachr_course_is_never_suggested()
    {
        Assert.DoesNotContain(Trainings(ColombianInSpanish, Today), t => t.TrainingId == "iachr-hrd-course");
    }

    [Fact]
    [CatalogueRule("R22", R22)]
    public void The_iachr_course_is_open_during_its_call_with_the_deadline_in_the_organiser_s_time_and_priority_for_indigenous_defenders()
    {
        var trainings = Trainings(ColombianInSpanish, new DateTimeOffset(2019, 9, 20, 12, 0, 0, TimeSpan.Zero));

        var course = trainings[0];
        Assert.Equal(("iachr-hrd-course", RegistrationStatus.Open, "2019-2"), (course.TrainingId, course.Status, course.EditionLabel));
        Assert.Contains(course.Reasons, r => r.Key == Keys.TrainingInterAmericanPriority);
        var deadline = Assert.Single(course.Reasons, r => r.Key == Keys.TrainingOpenUntil);
        Assert.Equal(["viernes, 27 de septiembre de 2019 23:59", "America/New_York"], deadline.Arguments);
    }

    [Fact]
    public void A_minute_after_the_deadline_in_new_york_the_course_is_no_longer_open()
    {
        var justAfter = new DateTimeOffset(2019, 9, 28, 4, 0, 0, TimeSpan.Zero);

        Assert.DoesNotContain(Trainings(ColombianInSpanish, justAfter), t => t.TrainingId == "iachr-hrd-course");
    }

    [Fact]
    public void Before_its_call_opens_the_iachr_course_is_upcoming()
    {
        var course = Assert.Single(Trainings(ColombianInSpanish, new DateTimeOffset(2019, 9, 1, 0, 0, 0, TimeSpan.Zero)), t => t.TrainingId == "iachr-hrd-course");

        Assert.Equal(RegistrationStatus.Upcoming, course.Status);
        Assert.Contains(course.Reasons, r => r.Key == Keys.TrainingOpensOn);
    }

    [Fact]
    [CatalogueRule("R22", "everyone → ishr-academy, pi-elearning (en/es/fr)")]
    public void The_security_course_for_every_defender_comes_first_and_when_its_editions_have_closed_it_says_so_and_is_never_open()
    {
        var trainings = Trainings(ColombianInSpanish, Today);

        var elearning = trainings[0];
        Assert.Equal(("pi-elearning", RegistrationStatus.Closed), (elearning.TrainingId, elearning.Status));
        Assert.Contains(elearning.Reasons, r => r.Key == Keys.TrainingClosed);
        Assert.Equal("ishr-academy", trainings[1].TrainingId);
    }

    [Fact]
    public void Self_paced_and_on_request_trainings_carry_their_own_status()
    {
        var trainings = Trainings(ColombianInSpanish, Today);

        Assert.Equal(RegistrationStatus.AlwaysOpen, Assert.Single(trainings, t => t.TrainingId == "ishr-academy").Status);
        Assert.Equal(RegistrationStatus.OnRequest, Assert.Single(trainings, t => t.TrainingId == "fld-security-training").Status);
    }

    [Fact]
    [CatalogueRule("R22", "UN advocacy + English → ishr-hrdap (next call)")]
    public void The_geneva_programme_taught_in_english_comes_first_for_english_speakers_while_its_call_is_open()
    {
        var english = Trainings(new CaseAnswers { Language = "en", Country = "PH" }, Today);

        Assert.Equal(("ishr-hrdap", RegistrationStatus.Open), (english[0].TrainingId, english[0].Status));
        Assert.DoesNotContain(english[0].Reasons, r => r.Key == Keys.TrainingOtherLanguage);
    }

    [Fact]
    [CatalogueRule("R23", "if a mechanism does not accept the user's language, keep it but say so and offer the partner's help")]
    public void A_training_taught_only_in_english_is_shown_to_spanish_and_french_speakers_with_its_language_after_those_in_theirs()
    {
        foreach (var language in (string[])["es", "fr"])
        {
            var trainings = Trainings(new CaseAnswers { Language = language, Country = "KE" }, new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero)) ;
            var geneva = Assert.Single(trainings, t => t.TrainingId == "ishr-hrdap");
            var taughtIn = Assert.Single(geneva.Reasons, r => r.Key == Keys.TrainingOtherLanguage);
            Assert.Equal(["English"], taughtIn.Arguments);
            Assert.True(trainings.ToList().IndexOf(geneva) > trainings.ToList().FindIndex(t => t.TrainingId == "ishr-academy"));
        }
    }

    [Fact]
    [CatalogueRule("R22", "Africa/MENA/Asia-Pacific → ishr-regional-trainings")]
    public void Regional_trainings_are_offered_only_to_people_from_their_regions()
    {
        Assert.Contains(Trainings(new CaseAnswers { Language = "fr", Country = "TN" }, Today), t => t.TrainingId == "ishr-regional-trainings");
        Assert.DoesNotContain(Trainings(new CaseAnswers { Language = "fr", Country = "FR" }, Today), t => t.TrainingId == "ishr-regional-trainings");
        Assert.DoesNotContain(Trainings(new CaseAnswers { Language = "fr" }, Today), t => t.TrainingId == "ishr-regional-trainings");
    }

    [Fact]
    [CatalogueRule("R22", "Trainings (after safety)")]
    public void Nobody_in_immediate_danger_is_offered_a_training()
    {
        Assert.Empty(Trainings(ColombianInSpanish with { InImmediateDanger = true, Urgency = "immediate", Situations = ["threats"] }, Today));
    }

    [Fact]
    public void An_organisation_is_told_the_elearning_prefers_small_teams()
    {
        var elearning = Assert.Single(Trainings(new CaseAnswers { Language = "fr", Country = "KE", AtRisk = "organisation" }, Today), t => t.TrainingId == "pi-elearning");

        Assert.Contains(elearning.Reasons, r => r.Key == Keys.TrainingElearningTeams);
    }

    [Fact]
    public void The_iachr_priority_comes_from_the_course_data_not_from_code()
    {
        var during = new DateTimeOffset(2019, 9, 20, 12, 0, 0, TimeSpan.Zero);
        var trainings = Catalogue.Trainings();
        trainings[0] = trainings[0] with { PriorityCountries = ["US"], PriorityProfiles = [] };
        var recommender = Recommender(during, trainings: trainings);

        var fromTheUs = Assert.Single(recommender.Recommend(new CaseAnswers { Language = "es", Country = "US" }).Trainings, t => t.TrainingId == "iachr-hrd-course");
        var colombian = Assert.Single(recommender.Recommend(new CaseAnswers { Language = "es", Country = "CO", Profiles = ["indigenous"] }).Trainings, t => t.TrainingId == "iachr-hrd-course");

        Assert.Contains(fromTheUs.Reasons, r => r.Key == Keys.TrainingInterAmericanPriority);
        Assert.DoesNotContain(colombian.Reasons, r => r.Key == Keys.TrainingInterAmericanPriority);
    }

    [Fact]
    public void No_trainings_for_someone_who_only_wants_protection()
    {
        Assert.Empty(Trainings(ColombianInSpanish with { WantsTraining = false }, Today));
    }
}
