using ProtectionBot.Knowledge;
using static ProtectionBot.Tests.Courses.CourseContent;

namespace ProtectionBot.Tests.Courses;

/// <summary>Whether registration is open, upcoming or closed is worked out from the clock, in the organiser's time zone.</summary>
public sealed class RegistrationAnswerTests
{
    private const string Question = "¿Hasta cuándo puedo inscribirme al curso de la CIDH?";

    [Fact]
    public void Before_the_call_opens_the_deadline_answer_says_when_it_opens_and_closes_in_washington_time()
    {
        var (_, reply) = Ask(Question, "es", new DateTimeOffset(2019, 9, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal("La inscripción para «Curso de la CIDH» (edición 2019-2) abre el 12 de septiembre de 2019, a las 00:00 y cierra el 27 de septiembre de 2019, a las 23:59 (America/New_York, UTC-04:00).", reply);
    }

    [Fact]
    public void During_the_call_the_deadline_answer_says_it_is_open_until_the_deadline()
    {
        var (_, reply) = Ask("When is the deadline for the IACHR course?", "en", new DateTimeOffset(2019, 9, 20, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal("Registration for “IACHR course” (2019-2 edition) is open until 27 September 2019 at 23:59 (America/New_York, UTC-04:00).", reply);
    }

    [Fact]
    public void A_minute_after_the_deadline_in_new_york_the_answer_says_closed_and_that_no_open_edition_is_known()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2019, 9, 28, 3, 59, 0, TimeSpan.Zero));
        Assert.Contains("abierta hasta", Ask(Question, "es", time.GetUtcNow()).Reply);

        time.Advance(TimeSpan.FromMinutes(1));
        var (_, reply) = Ask(Question, "es", time.GetUtcNow());

        Assert.StartsWith("La inscripción para «Curso de la CIDH» está cerrada", reply);
        Assert.Contains("No se conoce ninguna edición abierta por ahora.", reply);
    }

    [Fact]
    public void The_geneva_programme_deadline_is_given_in_geneva_time()
    {
        var (_, reply) = Ask("Quelle est la date limite du HRDAP ?", "fr", new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero));

        Assert.Contains("ouvertes jusqu'au 15 janvier 2026 à 23h59 (Europe/Zurich, UTC+01:00)", reply);
    }

    [Fact]
    public void When_staff_add_next_year_s_session_to_the_data_the_bot_announces_it_without_code_changes()
    {
        var course = Course("iachr-hrd-course");
        var next = new TrainingEdition
        {
            Label = "2027",
            RegistrationOpens = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
            RegistrationCloses = new DateTimeOffset(2027, 3, 31, 23, 59, 0, TimeSpan.FromHours(-4)),
            TimeZone = "America/New_York",
            Stages = [new EditionStage("in-person", new DateOnly(2027, 6, 7), new DateOnly(2027, 6, 11), null)],
        };
        var updated = course with { Editions = [.. course.Editions, next] };

        var before = Answers.Deadline(updated, "en", new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var dates = Answers.Answer(updated, "dates", "en", new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Contains("(2027 edition) opens on 1 March 2027", before);
        Assert.Contains("In-person week: 7 June 2027 to 11 June 2027", dates);
        Assert.Contains("is open until 31 March 2027 at 23:59 (America/New_York, UTC-04:00)", dates);
    }

    [Fact]
    public void A_course_without_fixed_dates_says_so_and_how_to_ask()
    {
        var (_, reply) = Ask("¿Cuándo cierra la inscripción de las formaciones regionales del ISHR?", "es");

        Assert.Contains("no tiene convocatoria ni plazo fijo", reply);
        Assert.Contains("ishr.ch", reply);
    }
}
