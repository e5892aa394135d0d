using BotProtocol.Recognizers;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Courses;

/// <summary>What a course question was understood to be.</summary>
internal enum CourseQuestionKind
{
    /// <summary>Nothing in it is about courses.</summary>
    None,

    /// <summary>A topic of one course (its dates, its cost…).</summary>
    Topic,

    /// <summary>A question of the FAQ.</summary>
    Faq,

    /// <summary>A course named, nothing asked about it: an overview.</summary>
    CourseOnly,

    /// <summary>A clear topic, but which course is not said and not known from the conversation.</summary>
    WhichCourse,

    /// <summary>The person asks for a person.</summary>
    Staff,

    /// <summary>About courses, but not clear enough to answer without guessing.</summary>
    Unsure,
}

/// <param name="NamesCourse">A course was named, or a word such as "curso"/"training" was used.</param>
/// <param name="Candidates">The courses it could be about when <see cref="CourseId"/> is not settled.</param>
/// <param name="Country">A country named in the question ("¿puedo postular desde Brasil?").</param>
internal sealed record CourseQuestionMatch(
    CourseQuestionKind Kind,
    string? CourseId = null,
    string? Topic = null,
    CourseFaq? Faq = null,
    bool NamesCourse = false,
    IReadOnlyList<string>? Candidates = null,
    Country? Country = null)
{
    public static readonly CourseQuestionMatch None = new(CourseQuestionKind.None);

    /// <summary>Clear enough to be answered at any step, even while the interview waits for another answer.</summary>
    public bool IsConfident => NamesCourse && CourseId is not null && Kind is CourseQuestionKind.Topic or CourseQuestionKind.Faq;
}

/// <summary>
/// Finds the course and the topic of a question typed in Spanish, French or English, without a language service.
/// Every word is normalised (case, accents and punctuation away), lightly stemmed (plural -s/-x, final -e) and may
/// carry a typo (<see cref="FuzzyMatch"/>); a listed word ending in * matches every word it starts. Each topic's
/// words score where they occur: phrases more than single words, "strong" words more than hints, exact matches
/// more than corrected ones, words of the conversation's language more than those of the other two. A course is
/// found by its aliases and short names. The FAQ is matched by how many of a phrasing's meaningful words the
/// question shares. Nothing is guessed: a tie between topics, a question most of whose words mean nothing known, or
/// a topic without a course leaves the answer to the person (which course?) or to the course staff.
/// </summary>
internal sealed class CourseQuestionMatcher
{
    private const double StrongWeight = 2;
    private const double PhraseBonus = 1.5;
    private const double FuzzyFactor = 0.7;
    private const double OtherLanguageFactor = 0.6;
    private const double FaqClearly = 0.66;
    private const double FaqLikely = 0.5;

    /// <summary>Names are only corrected in longer words: "coûte" is one letter from "cours", "close" from "class".</summary>
    private const int NameFuzzyLength = 6;

    private readonly Dictionary<string, List<Keyword>> _topics = new(StringComparer.Ordinal);
    private readonly List<(string CourseId, Keyword Keyword)> _courseNames = [];
    private readonly List<Keyword> _courseWords = [];
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _menuCourses;
    private readonly HashSet<string> _topicWords;
    private readonly IReadOnlyList<CourseFaq> _faq;
    private readonly CountryCatalog _countries;

    public CourseQuestionMatcher(TextCatalog texts, IReadOnlyList<Training> trainings, IReadOnlyList<CourseFaq> faq, CountryCatalog countries)
    {
        _faq = faq;
        _countries = countries;
        foreach (var language in Language.All)
        {
            foreach (var topic in CourseTopics.All)
            {
                var list = _topics.TryGetValue(topic, out var existing) ? existing : _topics[topic] = [];
                list.AddRange(texts.GetList(language, $"courses.topics.{topic}.strong").Select(w => Keyword.Parse(w, language, StrongWeight)));
                list.AddRange(texts.GetList(language, $"courses.topics.{topic}.words").Select(w => Keyword.Parse(w, language, 1)));
            }
            _courseWords.AddRange(texts.GetList(language, "courses.words").Select(w => Keyword.Parse(w, language, 1)));
            foreach (var word in texts.GetList(language, "courses.ignore"))
                _ignored.UnionWith(TextNormalizer.Normalize(word).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        foreach (var training in trainings)
        {
            var names = training.Aliases.AsEnumerable();
            if (training.ShortName is { } shortName)
                names = names.Concat([shortName.Es, shortName.Fr, shortName.En]);
            foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
                _courseNames.Add((training.Id, Keyword.Parse(name, language: null, 1)));
        }
        _menuCourses = [.. trainings.Where(t => t.ShortName is not null).Select(t => t.Id)];
        _topicWords = _topics.Values.SelectMany(k => k).SelectMany(k => k.Tokens).SelectMany(t => new[] { t, Words.Stem(t) }).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Trainings people can ask about, in the order of the knowledge file.</summary>
    public IReadOnlyList<string> Courses => _menuCourses;

    /// <param name="language">The conversation's language: its words count most.</param>
    /// <param name="currentCourse">The course the conversation was last about, for "¿y cuánto cuesta?".</param>
    /// <param name="staffFaq">Answers course staff added from the chat.</param>
    public CourseQuestionMatch Match(string? text, string language, string? currentCourse, IReadOnlyList<CourseFaq>? staffFaq = null)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
            return CourseQuestionMatch.None;
        var tokens = TextNormalizer.Tokenize(normalized).Select(r => normalized[r]).ToArray();
        var content = tokens.Select(t => !Vocabulary.IsStopWord(t) && !_ignored.Contains(t)).ToArray();

        // The course: the names it is known by, then the conversation's course. What names a course or a country
        // is set apart, so that only the rest of the question has to be understood.
        var courseScores = new Dictionary<string, double>(StringComparer.Ordinal);
        var naming = new bool[tokens.Length];
        foreach (var group in _courseNames.GroupBy(n => n.CourseId, StringComparer.Ordinal))
        {
            var score = Score(tokens, content, naming, group.Select(g => g.Keyword), language, NameFuzzyLength, _topicWords);
            if (score > 0)
                courseScores[group.Key] = score;
        }
        var namedCourse = Best(courseScores, out var tiedCourses);
        var genericCourse = Score(tokens, content, naming, _courseWords, language, NameFuzzyLength, _topicWords) > 0;
        var country = _countries.Match(normalized).Country;
        if (country is not null)
            MarkCountry(tokens, naming, country);

        // The topic, from the words that do not name the course or the country ("cours" is no typo of "bourse").
        var explained = new bool[tokens.Length];
        var question = Enumerable.Range(0, tokens.Length).Select(i => content[i] && !naming[i]).ToArray();
        var topicScores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (topic, keywords) in _topics)
        {
            var score = Score(tokens, question, explained, keywords, language);
            if (score > 0)
                topicScores[topic] = score;
        }
        var ranked = topicScores.OrderByDescending(t => t.Value).ToList();
        var best = ranked.Count > 0 ? ranked[0] : default;
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        var asked = Enumerable.Range(0, tokens.Length).Where(i => content[i] && !naming[i]).ToList();
        var coverage = asked.Count == 0 ? 1 : (double)asked.Count(i => explained[i]) / asked.Count;
        // A topic known only from a hint ("necesito", "can") must explain more of the question than a clear word.
        var enough = best.Value >= StrongWeight * FuzzyFactor ? coverage >= 0.5 : coverage > 0.6;
        var clearTopic = best.Value >= 1 && best.Value - second >= 0.5 && best.Value >= 1.25 * second && enough ? best.Key : null;

        var namesCourse = namedCourse is not null || tiedCourses.Count > 1 || genericCourse;
        var courseId = namedCourse ?? (tiedCourses.Count > 1 ? null : currentCourse);

        // The FAQ: only entries of the course named (when one is), in any language.
        var faq = BestFaq(tokens, content, courseScores.Keys.ToHashSet(StringComparer.Ordinal), namedCourse, tiedCourses, staffFaq);
        if (faq.Entry is { } entry && (faq.Similarity >= FaqClearly || (clearTopic is null && faq.Similarity >= FaqLikely)))
            return new CourseQuestionMatch(CourseQuestionKind.Faq, entry.CourseId, null, entry, namesCourse, null, country);

        if (clearTopic == CourseTopics.Staff)
            return new CourseQuestionMatch(CourseQuestionKind.Staff, courseId, CourseTopics.Staff, NamesCourse: namesCourse, Country: country);
        if (clearTopic is not null)
        {
            return courseId is not null
                ? new CourseQuestionMatch(CourseQuestionKind.Topic, courseId, clearTopic, NamesCourse: namesCourse, Country: country)
                : new CourseQuestionMatch(CourseQuestionKind.WhichCourse, null, clearTopic, NamesCourse: namesCourse,
                    Candidates: tiedCourses.Count > 1 ? tiedCourses : _menuCourses, Country: country);
        }
        if (best.Value == 0 && namedCourse is not null && coverage >= 0.5)
            return new CourseQuestionMatch(CourseQuestionKind.CourseOnly, namedCourse, NamesCourse: true, Country: country);
        if (best.Value == 0 && tiedCourses.Count > 1 && coverage >= 0.5)
            return new CourseQuestionMatch(CourseQuestionKind.WhichCourse, NamesCourse: true, Candidates: tiedCourses, Country: country);
        if (best.Value > 0 || namesCourse)
            return new CourseQuestionMatch(CourseQuestionKind.Unsure, courseId, NamesCourse: namesCourse, Candidates: tiedCourses, Country: country);
        return CourseQuestionMatch.None;
    }

    private static string? Best(Dictionary<string, double> scores, out IReadOnlyList<string> tied)
    {
        if (scores.Count == 0)
        {
            tied = [];
            return null;
        }
        var top = scores.Values.Max();
        tied = [.. scores.Where(s => s.Value == top).Select(s => s.Key)];
        return tied.Count == 1 ? tied[0] : null;
    }

    /// <summary>
    /// Each word of the question counts once per table: the best credit any keyword gives it. A word without meaning
    /// of its own ("de", "the") never earns credit, but may be part of a phrase.
    /// </summary>
    /// <param name="fuzzyFrom">Shorter words are never corrected.</param>
    /// <param name="neverCorrected">Words that are never read as a typo of a keyword here ("bourses" is not "courses").</param>
    private static double Score(
        string[] tokens, bool[] content, bool[] explained, IEnumerable<Keyword> keywords, string language, int fuzzyFrom = 0, HashSet<string>? neverCorrected = null)
    {
        var credit = new double[tokens.Length];
        foreach (var keyword in keywords)
        {
            var languageFactor = keyword.Language is null || keyword.Language == language ? 1 : OtherLanguageFactor;
            for (var start = 0; start + keyword.Tokens.Length <= tokens.Length; start++)
            {
                var fuzzy = false;
                var all = true;
                for (var j = 0; j < keyword.Tokens.Length && all; j++)
                {
                    var prefix = keyword.LastIsPrefix && j == keyword.Tokens.Length - 1;
                    all = Words.Match(tokens[start + j], keyword.Tokens[j], prefix, out var corrected, fuzzyFrom)
                        && !(corrected && neverCorrected is not null && IsKnownWord(tokens[start + j], neverCorrected));
                    fuzzy |= corrected;
                }
                if (!all)
                    continue;
                var value = keyword.Weight * languageFactor * (keyword.Tokens.Length > 1 ? PhraseBonus : 1) * (fuzzy ? FuzzyFactor : 1);
                for (var j = 0; j < keyword.Tokens.Length; j++)
                {
                    var i = start + j;
                    if (!content[i])
                        continue;
                    credit[i] = Math.Max(credit[i], value);
                    explained[i] = true;
                }
            }
        }
        return credit.Sum();
    }

    private static bool IsKnownWord(string token, HashSet<string> words) =>
        words.Contains(token) || words.Contains(Words.Stem(token)) || words.Any(w => w.Length >= 4 && token.StartsWith(w, StringComparison.Ordinal));

    private static void MarkCountry(string[] tokens, bool[] explained, Country country)
    {
        var names = new[] { country.Name.Es, country.Name.Fr, country.Name.En }.Concat(country.Aliases)
            .SelectMany(n => TextNormalizer.Normalize(n).Split(' '))
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
            explained[i] |= names.Contains(tokens[i]);
    }

    private (CourseFaq? Entry, double Similarity) BestFaq(
        string[] tokens, bool[] content, HashSet<string> coursesNamed, string? namedCourse, IReadOnlyList<string> tiedCourses, IReadOnlyList<CourseFaq>? staffFaq)
    {
        // Words that only name the course say nothing about which question it is.
        var courseTokens = _courseNames.SelectMany(n => n.Keyword.Tokens).Concat(_courseWords.SelectMany(w => w.Tokens)).ToHashSet(StringComparer.Ordinal);
        var asked = Enumerable.Range(0, tokens.Length).Where(i => content[i] && !courseTokens.Contains(tokens[i])).Select(i => tokens[i]).ToList();
        if (asked.Count == 0)
            return (null, 0);
        CourseFaq? best = null;
        var bestSimilarity = 0.0;
        foreach (var entry in _faq.Concat(staffFaq ?? []))
        {
            if (namedCourse is not null ? entry.CourseId != namedCourse : tiedCourses.Count > 1 && !coursesNamed.Contains(entry.CourseId))
                continue;
            foreach (var question in entry.Questions.Values.SelectMany(q => q))
            {
                var phrasing = MeaningfulWords(question, courseTokens);
                if (phrasing.Count == 0)
                    continue;
                var shared = phrasing.Count(p => asked.Any(a => Words.Match(a, p, prefix: false, out _)));
                if (shared < Math.Min(2, phrasing.Count))
                    continue;
                var similarity = 2.0 * shared / (phrasing.Count + asked.Count);
                if (similarity > bestSimilarity)
                    (best, bestSimilarity) = (entry, similarity);
            }
        }
        return (best, bestSimilarity);
    }

    private List<string> MeaningfulWords(string text, HashSet<string> courseTokens)
    {
        var normalized = TextNormalizer.Normalize(text);
        return [.. TextNormalizer.Tokenize(normalized).Select(r => normalized[r])
            .Where(t => !Vocabulary.IsStopWord(t) && !_ignored.Contains(t) && !courseTokens.Contains(t))];
    }

    /// <summary>A word or phrase of a table; <paramref name="Language"/> null for course names, which are the same in every language.</summary>
    private sealed record Keyword(string[] Tokens, bool LastIsPrefix, string? Language, double Weight)
    {
        public static Keyword Parse(string text, string? language, double weight)
        {
            var trimmed = text.Trim();
            var prefix = trimmed.EndsWith('*');
            var normalized = TextNormalizer.Normalize(prefix ? trimmed[..^1] : trimmed);
            return new Keyword(normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries), prefix, language, weight);
        }
    }
}

/// <summary>How two normalised words are the same word: equal, equal once lightly stemmed, or one typo apart.</summary>
internal static class Words
{
    /// <param name="fuzzyFrom">Words shorter than this are never corrected.</param>
    public static bool Match(string typed, string expected, bool prefix, out bool corrected, int fuzzyFrom = 0)
    {
        corrected = false;
        if (typed.Length < fuzzyFrom)
            return typed == expected || (!prefix && Stem(typed) == Stem(expected)) || (prefix && typed.StartsWith(expected, StringComparison.Ordinal));
        if (prefix)
        {
            if (typed.StartsWith(expected, StringComparison.Ordinal))
                return true;
            // A typo inside the part the prefix fixes ("becs" is not enough, "bceas" is).
            corrected = expected.Length >= 5 && typed.Length >= expected.Length && FuzzyMatch.Distance(typed.AsSpan(0, expected.Length), expected) > 0;
            return corrected;
        }
        if (typed == expected)
            return true;
        var a = Stem(typed);
        var b = Stem(expected);
        if (a == b)
            return true;
        corrected = FuzzyMatch.Distance(a, b) > 0 || FuzzyMatch.Distance(typed, expected) > 0;
        return corrected;
    }

    /// <summary>
    /// Light stemming shared by the three languages: plural -s/-x (fechas, bourses, fees), then a final -e
    /// (inscripciones → inscripcion, coûte → cout). Short words are left alone.
    /// </summary>
    public static string Stem(string word)
    {
        var stem = word;
        if (stem.Length >= 4 && stem[^1] is 's' or 'x')
            stem = stem[..^1];
        if (stem.Length >= 5 && stem[^1] == 'e')
            stem = stem[..^1];
        return stem;
    }
}
