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
    [MemberData(nameof(OutOfScope))]
    public void A_question_the_data_does_not_answer_is_not_guessed(string language, string question)
    {
        var (match, reply) = Ask(question, language);

        Assert.Equal(CourseQuestionKind.Unsure, match.Kind);
        Assert.Null(reply);
    }

    [Fact]
    public void Every_topic_is_asked_in_every_language()
    {
        var asked = CourseQuestionSet.Common();

        foreach (var language in new[] { "es", "fr", "en" })
        {
            var topics = asked.Where(q => q.Language == language).Select(q => q.Topic).ToHashSet();
            Assert.All(CourseTopics.All.Where(t => t != CourseTopics.Staff).Append(CourseQuestion.Faq), t => Assert.Contains(t, topics));
            Assert.True(asked.Count(q => q.Language == language) >= 20, language);
        }
    }

    private static void AssertAnswered(CourseQuestion question)
    {
        var (match, reply) = Ask(question.Question, question.Language);

        var understood = $"{match.Kind} {match.CourseId} {match.Topic}";
        if (question.Topic == CourseQuestion.Faq)
            Assert.True(match.Kind == CourseQuestionKind.Faq && match.CourseId == question.Course, understood);
        else
            Assert.True(match.Kind == CourseQuestionKind.Topic && match.CourseId == question.Course && match.Topic == question.Topic, understood);
        Assert.NotNull(reply);
        foreach (var fact in question.Facts)
            Assert.Contains(fact, reply, StringComparison.OrdinalIgnoreCase);
    }
}
