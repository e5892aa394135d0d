using ProtectionBot.Courses;
using static ProtectionBot.Tests.Courses.CourseContent;

namespace ProtectionBot.Tests.Courses;

/// <summary>Free-text course questions in three languages find their course and topic and are answered from the data.</summary>
public sealed class CourseQuestionTests
{
    public static TheoryData<CourseQuestion> Common() => [.. CourseQuestionSet.Common()];

    public static TheoryData<CourseQuestion> HeldOut() => [.. CourseQuestionSet.HeldOut()];

    public static TheoryData<string, string> OutOfScope() => CourseQuestionSet.OutOfScope();

    [Theory]
    [MemberData(nameof(Common))]
    public void A_common_question_is_answered_with_the_facts_of_its_course_and_topic(CourseQuestion question) => AssertAnswered(question);

    [Theory]
    [MemberData(nameof(HeldOut))]
    public void A_paraphrase_with_typos_or_without_accents_is_answered_too(CourseQuestion question) => AssertAnswered(question);

    [Theory]
    [InlineData("en", "yes of course")]
    [InlineData("en", "of course i want them to contact me")]
    [InlineData("en", "they cut the course of the river for the dam")]
    [InlineData("es", "la denuncia sigue en curso")]
    [InlineData("es", "defendemos el curso del rio")]
    [InlineData("fr", "la procédure est en cours")]
    public void An_everyday_phrase_that_only_looks_like_a_course_word_names_no_course(string language, string message) =>
        Assert.False(CourseContent.Matcher.Match(message, language, currentCourse: null).NamesCourse);

    [Theory]
    [MemberData(nameof(OutOfScope))]
    public void A_question_the_data_does_not_answer_is_not_guessed(string language, string question)
    {
        var (match, reply) = Ask(question, language);

        Assert.Equal(CourseQuestionKind.Unsure, match.Kind);
        Assert.Null(reply);
    }

    [Fact]
    public void Every_question_type_the_data_answers_is_asked_in_every_language()
    {
        var asked = CourseQuestionSet.Common();

        foreach (var language in new[] { "es", "fr", "en" })
        {
            var types = asked.Where(q => q.Language == language).Select(q => q.Type).ToHashSet();
            string[] expected = [QuestionTypes.Dates, QuestionTypes.Deadline, QuestionTypes.Eligibility, QuestionTypes.Selection, QuestionTypes.Places,
                QuestionTypes.Cost, QuestionTypes.Scholarships, QuestionTypes.Language, QuestionTypes.Stages, QuestionTypes.Certificate,
                QuestionTypes.Obligations, QuestionTypes.HowToApply, QuestionTypes.Contact, CourseQuestion.Faq];
            Assert.All(expected, t => Assert.Contains(t, types));
            Assert.True(asked.Count(q => q.Language == language) >= 20, language);
        }
    }

    private static void AssertAnswered(CourseQuestion question)
    {
        var (match, reply) = Ask(question.Question, question.Language);

        var understood = $"{match.Kind} {match.CourseId} {match.Type}";
        Assert.True(match.CourseId == question.Course, understood);
        if (question.Type == CourseQuestion.Faq)
            Assert.True(match.Kind == CourseQuestionKind.Faq || (match.Kind == CourseQuestionKind.Topic && Questions.Faq.Any(f => f.CourseId == question.Course && f.Asks?.Contains(match.Type!) == true)), understood);
        else
            Assert.True(match.Kind == CourseQuestionKind.Topic && match.Type == question.Type, understood);
        Assert.NotNull(reply);
        foreach (var fact in question.Facts)
            Assert.True(reply.Contains(fact, StringComparison.OrdinalIgnoreCase), $"'{fact}' not in: {reply}");
    }
}
