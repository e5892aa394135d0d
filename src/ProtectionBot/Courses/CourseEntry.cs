using BotProtocol.Dialogs;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Interview;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Courses;

/// <summary>
/// When a message is a course question, for the route table. Never while the bot waits for free text (the
/// description, a question for the staff): what is typed there is an answer, whatever words it uses, unless the
/// description opens with a question about courses; asked for a country, only a clear course question that names no
/// country.
/// Elsewhere, "curso"/"cours"/"course" (or the button) opens the questions. With nothing going on (the first message
/// of a conversation, or after the interview), a message is a course question by what it asks ("¿Cuántas plazas
/// hay?"), with or without a course named. In the middle of the interview, whose answers use the same words ("a largo
/// plazo"), it must also be asked as a question: clear about its course and type, it is answered at once and the
/// interview asks its question again; otherwise the course questions open on top of the interview.
/// </summary>
internal sealed class CourseEntry(TextCatalog texts, CourseQuestionMatcher matcher, CountryCatalog countries, DialogSet dialogs)
{
    private const string TurnItem = "courses.match";

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

    /// <summary>A question to answer now, or to open the course questions with.</summary>
    public bool IsQuestion(TurnContext turn)
    {
        if (!IsMessage(turn))
            return false;
        if (IsWaitingForFreeText(turn) && !IsWaitingForACountry(turn))
            return IsWaitingForTheDescription(turn) && OpensWithACourseQuestion(turn);
        var match = Match(turn);
        if (match.Kind == CourseQuestionKind.None)
            return false;
        if (IsWaitingForACountry(turn))
            return IsQuestionDuringSomethingElse(match) && countries.Match(turn.Activity.Text) is { Country: null, Candidates.Count: 0 };
        return turn.State.DialogStack.Count == 0 ? IsQuestionOnItsOwn(match) : IsQuestionDuringSomethingElse(match);
    }

    /// <summary>
    /// A question that names a course, by its name or as a course ("help me with the visa for the Geneva course", "what's
    /// the deadline to apply for the course?"): it wins over the help its words may ask for; "comment ça marche ?" and
    /// "what is a non-state actor?" ask about the bot and its question.
    /// </summary>
    public bool IsQuestionAboutACourse(TurnContext turn) => IsQuestion(turn) && Match(turn).NamesCourse;

    /// <summary>
    /// Asked for a country, a person may ask about a course instead ("¿cuáles son los requisitos para postular al
    /// curso?"): a clear course question that names no country is one.
    /// </summary>
    private static bool IsWaitingForACountry(TurnContext turn) =>
        turn.State.DialogStack is [{ Id: CountryDialog.TypedPrompt }, ..];

    private static bool IsWaitingForTheDescription(TurnContext turn) =>
        turn.State.DialogStack is [{ Id: InterviewPrompts.Description }, ..];

    /// <summary>
    /// Asked to tell what happened, a person may ask about a course first ("¿cuándo empieza el curso de protección? me
    /// dijeron que era gratis"): the message's first question, up to its question mark, names courses and asks about
    /// them. A story that mentions a course asks nothing of it.
    /// </summary>
    private bool OpensWithACourseQuestion(TurnContext turn)
    {
        var text = turn.Activity.Text!;
        var end = text.IndexOf('?', StringComparison.Ordinal);
        if (end <= 0)
            return false;
        var first = matcher.Match(text[..(end + 1)], ConversationLanguage.Of(turn), CourseDialog.CurrentCourse(turn));
        return first.SaysCourse && IsQuestionDuringSomethingElse(first);
    }

    /// <summary>
    /// A question about the language a course is taught in ("is the FLD training given in Spanish?", "necesito hablar
    /// inglés para el HRDAP"): the language it names is the course's, not one to go on in.
    /// </summary>
    public bool AsksACoursesLanguage(TurnContext turn) =>
        IsQuestion(turn) && Match(turn) is { Type: QuestionTypes.Language } or { AlsoType: QuestionTypes.Language };

    /// <summary>The question as understood from the knowledge files, once per turn.</summary>
    public CourseQuestionMatch Match(TurnContext turn)
    {
        if (turn.TurnItems.TryGetValue(TurnItem, out var cached))
            return (CourseQuestionMatch)cached;
        var match = matcher.Match(turn.Activity.Text, ConversationLanguage.Of(turn), CourseDialog.CurrentCourse(turn));
        turn.TurnItems[TurnItem] = match;
        return match;
    }

    /// <summary>The prompt waiting for an answer declared itself free text (<see cref="Dialog.TakesFreeText"/>).</summary>
    public bool IsWaitingForFreeText(TurnContext turn) =>
        turn.State.DialogStack is [{ } top, ..] && dialogs.Find(top.Id) is { TakesFreeText: true };

    /// <summary>
    /// Nothing else is going on: a clear type is enough when the message is asked as a question or names a course
    /// ("becas cidh"); a course's name is enough alone ("HRDAP"), its city only when asked about; a course question
    /// the bot cannot answer must name a course ("perdí mi contraseña de la ISHR Academy") or be asked about courses
    /// ("¿el curso incluye comida?"), so that "hola" or a threat is never taken for one.
    /// </summary>
    private static bool IsQuestionOnItsOwn(CourseQuestionMatch match) => match.Kind switch
    {
        CourseQuestionKind.Topic or CourseQuestionKind.WhichCourse => match.NamesCourse || match.AsksQuestion,
        CourseQuestionKind.CourseOnly => IsAboutTheCourse(match),
        CourseQuestionKind.Faq or CourseQuestionKind.Courses or CourseQuestionKind.Staff => true,
        CourseQuestionKind.Unsure => match.CourseNamed ? IsAboutTheCourse(match) : match.NamesCourse && match.AsksQuestion,
        _ => false,
    };

    /// <summary>
    /// Named by its name ("perdí mi contraseña de la ISHR Academy"), or by where it is held in a question about it ("in
    /// Geneva do we share rooms?"): a story that names the city ("after Geneva the police call me") asks nothing of it.
    /// </summary>
    private static bool IsAboutTheCourse(CourseQuestionMatch match) => !match.NamedByPlace || match.HasQuestionMark || match.SaysCourse;

    /// <summary>
    /// The interview waits for an answer, which may use the same words ("a largo plazo", "Sí, que me contacten"): only
    /// a question clear about its course and type, one written with a question mark on a strong word of a course matter
    /// ("¿y hay becas?"), one naming a course both by its name and as a course, or one about courses in so many words
    /// ("cuándo es el curso"), is taken from it. A question mark on a word of everyday questions is not one: "on peut
    /// continuer en français ?" asks for a language, "¿ya me contestó alguien?" about the case.
    /// </summary>
    private static bool IsQuestionDuringSomethingElse(CourseQuestionMatch match) =>
        match.IsConfident
        || (match.Kind is CourseQuestionKind.Topic or CourseQuestionKind.WhichCourse && match.Clear
            && (match.SaysCourse || (match.HasQuestionMark && (match.CourseId is not null || IsCourseMatter(match.Type)))))
        // "When does the ISHR training start?": a course named by its name and as a course, asked as a question, whatever
        // the words of its type ("la CIDH, ¿cuándo me responde?" names the Commission, not a course).
        || (match.Kind is CourseQuestionKind.Topic or CourseQuestionKind.WhichCourse && match.CourseNamed && match.SaysCourse && match.AsksQuestion)
        || (match.Kind is CourseQuestionKind.Faq or CourseQuestionKind.Courses && match.SaysCourse)
        || (match.Kind is CourseQuestionKind.Unsure or CourseQuestionKind.CourseOnly or CourseQuestionKind.Staff && match.SaysCourse && match.HasQuestionMark);

    /// <summary>What only a course has: a fee, a grant, places, a deadline, a certificate, applying and who may.</summary>
    private static bool IsCourseMatter(string? type) => type is QuestionTypes.Cost or QuestionTypes.Scholarships or QuestionTypes.Places
        or QuestionTypes.Deadline or QuestionTypes.Certificate or QuestionTypes.NextEdition or QuestionTypes.Eligibility or QuestionTypes.HowToApply
        or QuestionTypes.Stages or QuestionTypes.Selection;

    private static bool IsMessage(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.Message) && !string.IsNullOrWhiteSpace(turn.Activity.Text);
}
