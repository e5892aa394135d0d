using ProtectionBot.Content;
using ProtectionBot.Courses;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Courses;

/// <summary>A mistake in the course data stops the start-up with the file and line of each problem.</summary>
public sealed class CourseDataValidationTests : IDisposable
{
    private const string Countries = """
        sources: [example]
        last_verified: 2026-11-22
        countries:
          - code: CO
            name: { es: Colombia, fr: Colombie, en: Colombia }
            region: americas
            memberships: [oas]
        """;

    private const string Mechanism = """
        - id: un-sp-hrd
          name: { es: "Relatoría", fr: "Rapporteur", en: "Rapporteur" }
          system: UN
          kinds: [communication]
          situations: [threats]
          profiles: [any]
          urgency: [urgent]
          prepare: { es: "Prepare", fr: "Préparez", en: "Prepare it" }
          submit: { es: "Envíe", fr: "Envoyez", en: "Send it" }
          languages: [es, fr, en]
          links: ["https://spsubmission.ohchr.org/"]
          sources: [catalogue]
          last_verified: 2026-11-22
        """;

    // Line numbers below count from the first line of this text.
    private const string Course = """
        - id: iachr-hrd-course
          name: { es: "Curso", fr: "Formation", en: "Course" }
          short_name: { es: "Curso de la CIDH", fr: "Formation de la CIDH", en: "IACHR course" }
          aliases: [CIDH, IACHR]
          unverified: [cost]
          organiser: IACHR
          availability: dated
          editions:
            - label: "2027"
              registration_closes: 2027-03-31T23:59:00-04:00
              time_zone: America/New_York
              selection_notice: 2027-04-20
              places: 60
              stages:
                - stage: in-person
                  starts: 2027-06-07
                  ends: 2027-06-11
                  place: { es: "Washington D. C.", fr: "Washington", en: "Washington DC" }
          stages:
            - id: in-person
              name: { es: "Semana presencial", fr: "Semaine en présentiel", en: "In-person week" }
              description: { es: "cinco días", fr: "cinq jours", en: "five days" }
          description: { es: "Curso", fr: "Cours", en: "Course" }
          eligibility: { es: "Personas", fr: "Personnes", en: "People" }
          priorities: { es: "Prioridades", fr: "Priorités", en: "Priorities" }
          priority_countries: [CO]
          priority_profiles: [women, indigenous]
          open_to: [oas]
          languages: [es]
          cost: { es: "Gratuito", fr: "Gratuite", en: "Free" }
          scholarships: { es: "Becas", fr: "Bourses", en: "Scholarships" }
          certificate: { es: "Certificado", fr: "Attestation", en: "Certificate" }
          obligations: { es: "Réplica", fr: "Restitution", en: "Pass it on" }
          contact: { es: "Sitio web", fr: "Site", en: "Website" }
          how_to_apply: { es: "Formulario", fr: "Formulaire", en: "Form" }
          links: ["https://www.oas.org/en/iachr/"]
          sources: [catalogue]
          last_verified: 2026-11-22
        """;

    private const string References = """
        - id: cihrs
          name: { es: "Instituto", fr: "Institut", en: "Institute" }
          description: { es: "Socio", fr: "Partenaire", en: "Partner" }
          sources: [catalogue]
          last_verified: 2026-11-22
        """;

    private const string Questions = """
        staff:
          reply_time: { es: "En dos días.", fr: "Sous deux jours.", en: "Within two days." }
        faq:
          - course: iachr-hrd-course
            questions:
              es: ["¿Quién organiza el curso?"]
              fr: ["Qui organise la formation ?"]
              en: ["Who organises the course?"]
            answer: { es: "La CIDH.", fr: "La CIDH.", en: "The IACHR." }
            sources: [catalogue]
            last_verified: 2026-11-22
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("courses-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Well_formed_course_data_loads_with_its_editions_stages_priorities_and_faq()
    {
        var (knowledge, questions) = Load();

        var course = Assert.Single(knowledge.Trainings);
        var edition = Assert.Single(course.Editions);
        Assert.Equal((60, new DateOnly(2027, 4, 20)), (edition.Places!.Value, edition.SelectionNotice!.Value));
        Assert.Equal("Washington DC", Assert.Single(edition.Stages).Place!.En);
        Assert.Equal(["CO"], course.PriorityCountries);
        Assert.Equal(["cost"], course.Unverified);
        Assert.Equal("The IACHR.", Assert.Single(questions.Faq).AnswerIn("en"));
        Assert.Equal("Within two days.", questions.StaffReplyTime.En);
    }

    [Fact]
    public void An_edition_stage_that_the_course_does_not_list_is_refused_with_its_line()
    {
        var problem = Assert.Single(Problems(Course.Replace("- stage: in-person", "- stage: online")));

        Assert.Equal("knowledge/trainings.yaml:15: 'stage' is 'online'; the training's stages are in-person", problem);
    }

    [Fact]
    public void A_priority_country_that_is_not_in_the_country_list_is_refused()
    {
        var problem = Assert.Single(Problems(Course.Replace("priority_countries: [CO]", "priority_countries: [CO, XX]")));

        Assert.StartsWith("knowledge/trainings.yaml:26:", problem);
        Assert.Contains("'priority_countries' has an unknown code 'XX'", problem);
    }

    [Fact]
    public void An_unverified_mark_on_a_field_the_bot_never_quotes_is_refused()
    {
        var problem = Assert.Single(Problems(Course.Replace("unverified: [cost]", "unverified: [price]")));

        Assert.StartsWith("knowledge/trainings.yaml:5: 'unverified' has an unknown code 'price'", problem);
    }

    [Fact]
    public void A_number_of_places_that_is_not_a_number_is_refused()
    {
        var problem = Assert.Single(Problems(Course.Replace("places: 60", "places: sixty")));

        Assert.Equal("knowledge/trainings.yaml:13: 'places' must be a whole number of at least 1, found 'sixty'", problem);
    }

    [Fact]
    public void Priorities_as_codes_need_the_text_that_explains_them()
    {
        var problem = Assert.Single(Problems(Course.Replace("  priorities: { es: \"Prioridades\", fr: \"Priorités\", en: \"Priorities\" }\n", "")));

        Assert.Contains("need a 'priorities' text", problem);
    }

    [Fact]
    public void A_faq_entry_about_an_unknown_course_is_refused_with_its_line()
    {
        var problem = Assert.Single(Problems(questions: Questions.Replace("course: iachr-hrd-course", "course: iachr-course")));

        Assert.Equal("knowledge/course-questions.yaml:4: 'course' is 'iachr-course', which is not the id of a training in knowledge/trainings.yaml", problem);
    }

    [Fact]
    public void A_faq_entry_without_its_french_phrasings_is_refused()
    {
        var problem = Assert.Single(Problems(questions: Questions.Replace("      fr: [\"Qui organise la formation ?\"]\n", "")));

        Assert.Equal("knowledge/course-questions.yaml:6: 'questions' has no list in fr", problem);
    }

    [Fact]
    public void The_staff_reply_time_is_required()
    {
        var problem = Assert.Single(Problems(questions: Questions.Replace("staff:\n  reply_time: { es: \"En dos días.\", fr: \"Sous deux jours.\", en: \"Within two days.\" }\n", "")));

        Assert.Equal("knowledge/course-questions.yaml:1: 'staff' is missing", problem);
    }

    private (KnowledgeBase, CourseQuestionsFile) Load(string course = Course, string questions = Questions)
    {
        Write("countries.yaml", Countries);
        Write("mechanisms/un.yaml", Mechanism);
        Write("trainings.yaml", course);
        Write("references.yaml", References);
        Write("course-questions.yaml", questions);
        var countries = CountryCatalog.Load(_root, UnderstandingContent.Words);
        var knowledge = KnowledgeBase.Load(_root, new DateOnly(2026, 12, 4), countries.Contains);
        return (knowledge, CourseQuestionsFile.Load(_root, new DateOnly(2026, 12, 4), id => knowledge.Trainings.Any(t => t.Id == id)));
    }

    private IReadOnlyList<string> Problems(string course = Course, string questions = Questions)
    {
        try
        {
            Load(course, questions);
            return [];
        }
        catch (ContentValidationException e)
        {
            return e.Problems;
        }
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, "knowledge", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
