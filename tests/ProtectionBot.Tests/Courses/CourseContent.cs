using ProtectionBot.Content;
using ProtectionBot.Courses;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Courses;

/// <summary>The shipped texts and knowledge, loaded once, and the matcher and answers built on them as the app builds them.</summary>
internal static class CourseContent
{
    /// <summary>A day after every edition in the data closed (the HRDAP 2026 call closed on 15 January 2026).</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly TextCatalog Texts = TextCatalog.Load(AppContext.BaseDirectory);
    public static readonly CountryCatalog Countries = CountryCatalog.Load(AppContext.BaseDirectory, UnderstandingContent.Words);
    public static readonly KnowledgeBase Knowledge = KnowledgeBase.Load(AppContext.BaseDirectory, new DateOnly(2026, 12, 4), Countries.Contains);
    public static readonly CourseQuestionsFile Questions =
        CourseQuestionsFile.Load(AppContext.BaseDirectory, new DateOnly(2026, 12, 4), id => Knowledge.Trainings.Any(t => t.Id == id));
    public static readonly CourseVocabulary Vocabulary = CourseVocabulary.Load(Texts);
    public static readonly CourseQuestionMatcher Matcher = new(Vocabulary, Knowledge.Trainings, Questions.Faq, Countries);
    public static readonly CourseAnswers Answers = new(Texts, Knowledge, Countries, Questions);

    public static Training Course(string id) => Knowledge.Trainings.Single(t => t.Id == id);

    /// <summary>What the bot replies to a question asked with no course discussed before; null when it would not answer.</summary>
    public static (CourseQuestionMatch Match, string? Reply) Ask(string question, string language, DateTimeOffset? now = null, string? currentCourse = null,
        IReadOnlyList<CourseFaq>? staffFaq = null)
    {
        var match = Matcher.Match(question, language, currentCourse, staffFaq);
        var when = now ?? Now;
        string? reply = match.Kind switch
        {
            CourseQuestionKind.Faq => match.Faq!.AnswerIn(language),
            CourseQuestionKind.Topic => Answers.Answer(Course(match.CourseId!), match.Type!, language, when, match.Country, match.Profiles),
            CourseQuestionKind.CourseOnly => Answers.Overview(Course(match.CourseId!), language, when),
            _ => null,
        };
        if (reply is not null && match.AlsoType is { } also && Answers.Answer(Course(match.CourseId!), also, language, when) is { } more)
            reply = $"{reply}\n{more}";
        return (match, reply);
    }
}
