using ProtectionBot.Content;
using YamlDotNet.RepresentationModel;

namespace ProtectionBot.Courses;

/// <summary>
/// A question people often ask about a course, in the ways they ask it, with its answer. From
/// <c>knowledge/course-questions.yaml</c> (every language) or added by course staff from the chat (one language, a
/// date, an expiry).
/// </summary>
/// <param name="Asks">Question types this entry answers for its course in place of the course data ("who funds it?").</param>
/// <param name="WrittenIn">The one language a staff answer was written in; null for the file's entries, written in all.</param>
/// <param name="AddedAt">When staff wrote it; null for the file's entries.</param>
internal sealed record CourseFaq(
    string CourseId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Questions,
    IReadOnlyDictionary<string, string> Answers,
    string Origin,
    IReadOnlyList<string>? Asks = null,
    string? WrittenIn = null,
    DateTimeOffset? AddedAt = null)
{
    /// <summary>The answer in <paramref name="language"/>, or in the language staff wrote it in.</summary>
    public string AnswerIn(string language) =>
        Answers.TryGetValue(language, out var answer) ? answer : Answers.Values.First();

    /// <summary>Whether it answers in <paramref name="language"/>, not in another one.</summary>
    public bool Speaks(string language) => Answers.ContainsKey(language);

    public bool IsFromStaff => WrittenIn is not null;
}

/// <summary>
/// The contents of <c>knowledge/course-questions.yaml</c>: the FAQ, what the bot says about the course staff, and the
/// Teams channel where the staff receive the questions the bot passes on (none: the questions wait until one is set).
/// </summary>
internal sealed record CourseQuestionsFile(IReadOnlyList<CourseFaq> Faq, LocalizedText StaffReplyTime, Handoff.TeamsDesk? StaffDesk = null)
{
    private const string Relative = "knowledge/course-questions.yaml";

    /// <param name="isCourse">Whether an id names a training of <c>trainings.yaml</c>.</param>
    public static CourseQuestionsFile Load(string contentRoot, DateOnly today, Func<string, bool> isCourse)
    {
        var problems = new List<string>();
        var path = Path.Combine(contentRoot, "knowledge", "course-questions.yaml");
        var faq = new List<CourseFaq>();
        LocalizedText? replyTime = null;
        Handoff.TeamsDesk? desk = null;
        if (!File.Exists(path))
            problems.Add($"{Relative}: file missing");
        else if (YamlEntry.LoadFile(path, Relative, problems) is YamlMappingNode root)
        {
            var file = new YamlEntry(root, Relative, problems);
            if (file.Map("staff") is { } staff)
            {
                replyTime = staff.Localized("reply_time");
                desk = staff.Map("teams", required: false) is { } teams ? Handoff.PartnerDirectory.ReadTeams(teams) : null;
                staff.RejectUnknownKeys();
            }
            foreach (var entry in file.List("faq", "questions"))
            {
                if (ReadFaq(entry, today, isCourse) is { } item)
                    faq.Add(item);
            }
            file.RejectUnknownKeys();
        }
        else if (problems.Count == 0)
            problems.Add($"{Relative}:1: expected 'staff' and 'faq'");

        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new CourseQuestionsFile(faq, replyTime!, desk);
    }

    private static CourseFaq? ReadFaq(YamlEntry entry, DateOnly today, Func<string, bool> isCourse)
    {
        var course = entry.String("course");
        var asks = entry.Codes("asks", QuestionTypes.Answerable, required: false);
        var questions = entry.LocalizedLists("questions");
        var answer = entry.Localized("answer");
        entry.Strings("sources");
        entry.LastVerified(today);
        entry.RejectUnknownKeys();
        if (course is not null && !isCourse(course))
        {
            entry.Problem($"'course' is '{course}', which is not the id of a training in knowledge/trainings.yaml");
            return null;
        }
        if (course is null || questions is null || answer is null)
            return null;
        var answers = Language.All.ToDictionary(l => l, answer.In, StringComparer.Ordinal);
        return new CourseFaq(course, questions, answers, entry.Origin, asks);
    }
}
