using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Courses;

/// <summary>
/// What a person tells about themselves with a course question shapes the answer, typed as people write: a country
/// given before the bot knows the course still counts once it is chosen, someone a course is not open to is never told
/// they can apply anyway, and the languages a course is taught in read as a sentence of the person's language.
/// </summary>
public sealed class CourseVerdictConversationTests
{
    [Theory]
    [InlineData("es-CO", "soy de españa, puedo postular al curso de la cidh?", "España no está entre los países que pueden postular a este curso.", "puede postular igualmente")]
    [InlineData("fr-FR", "je suis en France, est ce que je peux candidater a la formation de la CIDH", "France ne fait pas partie des pays qui peuvent postuler à cette formation.", "tout de même postuler")]
    [InlineData("en-GB", "I live in Spain, am I eligible for the iachr course?", "Spain is not among the countries that can apply to this course.", "can still apply")]
    public async Task Someone_from_a_country_the_course_is_not_open_to_is_told_so_and_never_that_they_can_apply_anyway(
        string locale, string question, string ruledOut, string applyAnyway)
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), locale);

        var replies = await bot.SayAsync(question);

        Assert.Contains(replies, r => r.Text?.Contains(ruledOut, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(replies, r => r.Text?.Contains(applyAnyway, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("es-CO", "Vivo en Perú y soy indígena. ¿Cuándo cierra la convocatoria?", "Curso de la CIDH", "Perú está entre los países que pueden postular.")]
    [InlineData("fr-FR", "j'habite en haiti, c'est quand la date limite ?", "Formation de la CIDH", "Haïti fait partie des pays qui peuvent postuler.")]
    [InlineData("en-GB", "im from honduras when does registration close", "IACHR course", "Honduras is among the countries that can apply.")]
    public async Task A_country_given_with_a_question_that_names_no_course_counts_once_the_course_is_chosen(
        string locale, string question, string course, string verdict)
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), locale);

        var which = await bot.SayAsync(question);
        Assert.Contains(which, r => r.SuggestedActions?.Actions.Any(a => a.Title == course) == true);
        var answered = await bot.SayAsync(course);

        Assert.Contains(answered, r => r.Text?.Contains(verdict, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("es-CO", "en que idiomas son las formaciones regionales del ISHR?", "inglés, francés y árabe")]
    [InlineData("fr-FR", "Les formations régionales de l'ISHR sont en quelle langue ?", "anglais, français et arabe")]
    [InlineData("en-GB", "what languages are the ishr regional trainings in", "English, French and Arabic")]
    public async Task The_languages_of_a_course_read_as_a_list_of_the_persons_language(string locale, string question, string languages)
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), locale);

        var replies = await bot.SayAsync(question);

        Assert.Contains(replies, r => r.Text?.Contains(languages, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("es-CO", "necesito hablar ingles para el hrdap?", "(HRDAP)» se imparte")]
    [InlineData("fr-FR", "faut il parler espagnol pour la formation de la cidh", "« Formation de la CIDH » se déroule uniquement en espagnol")]
    [InlineData("en-GB", "is front line defenders training given in spanish", "is taught in")]
    public async Task A_question_about_the_language_of_a_course_is_answered_in_the_language_of_the_conversation(string locale, string question, string answer)
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), locale);

        var said = string.Join(" / ", (await bot.SayAsync(question)).Select(r => r.Text));

        Assert.Contains(answer, said, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es-CO", "que cursos estan abiertos ahorita?")]
    [InlineData("es-AR", "¿Hay alguna formación con inscripciones abiertas en este momento?")]
    [InlineData("fr-FR", "quelles formations sont ouvertes en ce moment ?")]
    [InlineData("fr-CD", "y a t il des formations ouvertes aux inscriptions maintenant")]
    [InlineData("en-GB", "which courses are open right now?")]
    [InlineData("en-KE", "any trainings still taking applications")]
    [InlineData("es-MX", "alguna formación que todavía reciba postulaciones?")]
    [InlineData("fr-SN", "est-ce que des formations acceptent encore des candidatures")]
    public async Task Asking_which_courses_are_open_now_tells_where_registration_stands_for_every_course(string locale, string question)
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), locale);

        var replies = await bot.SayAsync(question);

        var said = string.Join("\n", replies.Select(r => r.Text));
        Assert.True(said.Split('\n').Count(line => line.Contains("HRDAP", StringComparison.Ordinal) || line.Contains("ISHR", StringComparison.Ordinal)
            || line.Contains("CIDH", StringComparison.Ordinal) || line.Contains("IACHR", StringComparison.Ordinal)) >= 3, said);
        // Answered for every course, not "which course?".
        Assert.DoesNotContain(replies.SelectMany(r => r.SuggestedActions?.Actions ?? []), a => a.Title?.Contains("HRDAP", StringComparison.Ordinal) == true);
    }
}
