using ProtectionBot.Recommendations;
using static ProtectionBot.Tests.Recommendations.Catalogue;
using Keys = ProtectionBot.Recommendations.ReasonKeys;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>R22: trainings that fit, with their registration status on the day.</summary>
public sealed class TrainingRecommendationTests
{
    private static readonly CaseAnswers ColombianInSpanish = new() { Language = "es", Country = "CO", Profiles = ["indigenous"] };

    private static IReadOnlyList<TrainingSuggestion> Trainings(CaseAnswers answers, DateTimeOffset now) =>
        Recommender(now).Recommend(answers).Trainings;

    [Fact]
    public void A_closed_iachr_course_is_never_suggested()
    {
        var trainings = Trainings(ColombianInSpanish, Today);

        Assert.DoesNotContain(trainings, t => t.TrainingId == "iachr-hrd-course");
    }

    [Fact]
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
    public void A_recurring_course_whose_editions_have_all_closed_is_listed_as_closed_last_and_never_as_open()
    {
        var trainings = Trainings(ColombianInSpanish, Today);

        var elearning = Assert.Single(trainings, t => t.TrainingId == "pi-elearning");
        Assert.Equal(RegistrationStatus.Closed, elearning.Status);
        Assert.Contains(elearning.Reasons, r => r.Key == Keys.TrainingClosed);
        Assert.Equal("pi-elearning", trainings[^1].TrainingId);
    }

    [Fact]
    public void Self_paced_and_on_request_trainings_carry_their_own_status()
    {
        var trainings = Trainings(ColombianInSpanish, Today);

        Assert.Equal(RegistrationStatus.AlwaysOpen, Assert.Single(trainings, t => t.TrainingId == "ishr-academy").Status);
        Assert.Equal(RegistrationStatus.OnRequest, Assert.Single(trainings, t => t.TrainingId == "fld-security-training").Status);
    }

    [Fact]
    public void The_geneva_programme_taught_in_english_is_offered_to_english_speakers_only_and_first_while_its_call_is_open()
    {
        var english = Trainings(new CaseAnswers { Language = "en", Country = "PH" }, Today);
        var spanish = Trainings(new CaseAnswers { Language = "es", Country = "PH" }, Today);

        Assert.Equal(("ishr-hrdap", RegistrationStatus.Open), (english[0].TrainingId, english[0].Status));
        Assert.DoesNotContain(spanish, t => t.TrainingId == "ishr-hrdap");
    }

    [Fact]
    public void Regional_trainings_are_offered_only_to_people_from_their_regions()
    {
        Assert.Contains(Trainings(new CaseAnswers { Language = "fr", Country = "TN" }, Today), t => t.TrainingId == "ishr-regional-trainings");
        Assert.DoesNotContain(Trainings(new CaseAnswers { Language = "fr", Country = "FR" }, Today), t => t.TrainingId == "ishr-regional-trainings");
        Assert.DoesNotContain(Trainings(new CaseAnswers { Language = "fr" }, Today), t => t.TrainingId == "ishr-regional-trainings");
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
