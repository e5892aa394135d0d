using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Conversation;
using ProtectionBot.Interview;

namespace ProtectionBot.Courses;

/// <summary>
/// When a message is a course question, for the route table. Never while the bot waits for free text (the
/// description, a country, a question for the staff): what is typed there is an answer, whatever words it uses.
/// Elsewhere, "curso"/"cours"/"course" (or the button) opens the questions, and a question clear about its course
/// and topic is answered at once, even in the middle of the interview, which then asks its question again.
/// </summary>
internal sealed class CourseEntry(TextCatalog texts, CourseQuestionMatcher matcher)
{
    private const string TurnItem = "courses.match";

    private static readonly HashSet<string> FreeTextPrompts = new(StringComparer.Ordinal)
    {
        InterviewPrompts.Description, CountryDialog.TypedPrompt, CountryDialog.PickPrompt,
        CourseDialog.QuestionPrompt, CourseDialog.StaffQuestionPrompt,
    };

    private readonly HashSet<string> _openWords = texts.GetListInAllLanguages("courses.open")
        .Concat(Language.All.Select(l => texts.Get(l, "courses.button.menu")))
        .Concat(texts.GetListInAllLanguages("courses.eligibility.words"))
        .Select(TextNormalizer.Normalize)
        .ToHashSet(StringComparer.Ordinal);

    private readonly HashSet<string> _eligibilityWords = texts.GetListInAllLanguages("courses.eligibility.words")
        .Select(TextNormalizer.Normalize)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>"curso", the course button, or "¿Puedo postular?" as the whole message.</summary>
    public bool IsOpening(TurnContext turn) =>
        IsMessage(turn) && !IsWaitingForFreeText(turn) && _openWords.Contains(TextNormalizer.Normalize(turn.Activity.Text));

    public bool IsEligibilityRequest(TurnContext turn) => _eligibilityWords.Contains(TextNormalizer.Normalize(turn.Activity.Text));

    /// <summary>A question to answer now: clear, or about courses while no conversation is going on.</summary>
    public bool IsQuestion(TurnContext turn)
    {
        if (!IsMessage(turn) || IsWaitingForFreeText(turn))
            return false;
        // Both need a course named, which most messages (the interview's answers) do not: that is told far more
        // cheaply than the whole question is understood.
        if (!matcher.NamesCourse(turn.Activity.Text))
            return false;
        var match = Match(turn);
        return match.IsConfident || (turn.State.DialogStack.Count == 0 && match.NamesCourse);
    }

    /// <summary>The question as understood from the knowledge files, once per turn.</summary>
    public CourseQuestionMatch Match(TurnContext turn)
    {
        if (turn.TurnItems.TryGetValue(TurnItem, out var cached))
            return (CourseQuestionMatch)cached;
        var match = matcher.Match(turn.Activity.Text, ConversationLanguage.Of(turn), CourseDialog.CurrentCourse(turn));
        turn.TurnItems[TurnItem] = match;
        return match;
    }

    public static bool IsWaitingForFreeText(TurnContext turn) =>
        turn.State.DialogStack is [{ } top, ..] && FreeTextPrompts.Contains(top.Id);

    private static bool IsMessage(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.Message) && !string.IsNullOrWhiteSpace(turn.Activity.Text);
}
