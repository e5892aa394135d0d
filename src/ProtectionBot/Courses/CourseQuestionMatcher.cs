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

    private readonly (string Topic, Keyword[] Keywords)[] _topics;
    private readonly (string CourseId, Keyword[] Names)[] _namesByCourse;
    private readonly Keyword[] _courseWords;
    private readonly Keyword[] _courseKeywords;
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _menuCourses;
    private readonly KnownWords _topicWords;
    private readonly HashSet<string> _courseTokens;
    private readonly (CourseFaq Entry, Word[][] Phrasings)[] _faq;
    private readonly CountryCatalog _countries;
    private readonly Dictionary<string, HashSet<string>> _countryWords;

    public CourseQuestionMatcher(TextCatalog texts, IReadOnlyList<Training> trainings, IReadOnlyList<CourseFaq> faq, CountryCatalog countries)
    {
        _countries = countries;
        var topics = new Dictionary<string, List<Keyword>>(StringComparer.Ordinal);
        var courseWords = new List<Keyword>();
        foreach (var language in Language.All)
        {
            foreach (var topic in CourseTopics.All)
            {
                var list = topics.TryGetValue(topic, out var existing) ? existing : topics[topic] = [];
                list.AddRange(texts.GetList(language, $"courses.topics.{topic}.strong").Select(w => Keyword.Parse(w, language, StrongWeight)));
                list.AddRange(texts.GetList(language, $"courses.topics.{topic}.words").Select(w => Keyword.Parse(w, language, 1)));
            }
            courseWords.AddRange(texts.GetList(language, "courses.words").Select(w => Keyword.Parse(w, language, 1)));
            foreach (var word in texts.GetList(language, "courses.ignore"))
                _ignored.UnionWith(TextNormalizer.Normalize(word).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        var courseNames = new List<(string CourseId, Keyword Keyword)>();
        foreach (var training in trainings)
        {
            var names = training.Aliases.AsEnumerable();
            if (training.ShortName is { } shortName)
                names = names.Concat([shortName.Es, shortName.Fr, shortName.En]);
            foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
                courseNames.Add((training.Id, Keyword.Parse(name, language: null, 1)));
        }
        _topics = [.. topics.Select(t => (t.Key, t.Value.ToArray()))];
        _namesByCourse = [.. courseNames.GroupBy(n => n.CourseId, StringComparer.Ordinal).Select(g => (g.Key, g.Select(n => n.Keyword).ToArray()))];
        _courseWords = [.. courseWords];
        _courseKeywords = [.. courseNames.Select(n => n.Keyword), .. _courseWords];
        _menuCourses = [.. trainings.Where(t => t.ShortName is not null).Select(t => t.Id)];
        _topicWords = new KnownWords(_topics.SelectMany(t => t.Keywords).SelectMany(k => k.Tokens).SelectMany(t => new[] { t.Text, t.Stem.ToString() }));
        _courseTokens = _courseKeywords.SelectMany(k => k.Tokens).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        _faq = [.. faq.Select(entry => (entry, Phrasings(entry)))];
        _countryWords = countries.All.ToDictionary(c => c.Code, NameWords, StringComparer.Ordinal);
    }

    /// <summary>Trainings people can ask about, in the order of the knowledge file.</summary>
    public IReadOnlyList<string> Courses => _menuCourses;

    /// <summary>
    /// The <see cref="CourseQuestionMatch.NamesCourse"/> of <see cref="Match"/>, far more cheaply: a course's name or a
    /// word such as "curso" scores as soon as it matches over one meaningful word, so one such match is enough to know.
    /// </summary>
    public bool NamesCourse(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
            return false;
        var tokens = SplitWords(normalized);
        var content = MeaningfulMask(tokens);
        foreach (var keyword in _courseKeywords)
        {
            for (var start = 0; start + keyword.Tokens.Length <= tokens.Length; start++)
            {
                if (AnyOf(content, start, keyword.Tokens.Length) && Matches(tokens, start, keyword, NameFuzzyLength, _topicWords, out _))
                    return true;
            }
        }
        return false;
    }

    /// <param name="language">The conversation's language: its words count most.</param>
    /// <param name="currentCourse">The course the conversation was last about, for "¿y cuánto cuesta?".</param>
    /// <param name="staffFaq">Answers course staff added from the chat.</param>
    public CourseQuestionMatch Match(string? text, string language, string? currentCourse, IReadOnlyList<CourseFaq>? staffFaq = null)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
            return CourseQuestionMatch.None;
        var tokens = SplitWords(normalized);
        var content = MeaningfulMask(tokens);

        // The course: the names it is known by, then the conversation's course. What names a course or a country
        // is set apart, so that only the rest of the question has to be understood.
        var courseScores = new Dictionary<string, double>(StringComparer.Ordinal);
        var naming = new bool[tokens.Length];
        foreach (var (course, names) in _namesByCourse)
        {
            var score = Score(tokens, content, naming, names, language, NameFuzzyLength, _topicWords);
            if (score > 0)
                courseScores[course] = score;
        }
        var namedCourse = Best(courseScores, out var tiedCourses);
        var genericCourse = Score(tokens, content, naming, _courseWords, language, NameFuzzyLength, _topicWords) > 0;
        var country = _countries.Match(normalized).Country;
        if (country is not null)
            MarkCountry(tokens, naming, country);

        // The topic, from the words that do not name the course or the country ("cours" is no typo of "bourse").
        var explained = new bool[tokens.Length];
        var question = new bool[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
            question[i] = content[i] && !naming[i];
        var (bestTopic, bestScore, second) = BestTopic(tokens, question, explained, language);
        var coverage = Coverage(question, explained);
        // A topic known only from a hint ("necesito", "can") must explain more of the question than a clear word.
        var enough = bestScore >= StrongWeight * FuzzyFactor ? coverage >= 0.5 : coverage > 0.6;
        var clearTopic = bestScore >= 1 && bestScore - second >= 0.5 && bestScore >= 1.25 * second && enough ? bestTopic : null;

        var namesCourse = namedCourse is not null || tiedCourses.Count > 1 || genericCourse;
        var courseId = namedCourse ?? (tiedCourses.Count > 1 ? null : currentCourse);

        // The FAQ: only entries of the course named (when one is), in any language.
        var faq = BestFaq(tokens, content, courseScores, namedCourse, tiedCourses, staffFaq);
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
        if (bestScore == 0 && namedCourse is not null && coverage >= 0.5)
            return new CourseQuestionMatch(CourseQuestionKind.CourseOnly, namedCourse, NamesCourse: true, Country: country);
        if (bestScore == 0 && tiedCourses.Count > 1 && coverage >= 0.5)
            return new CourseQuestionMatch(CourseQuestionKind.WhichCourse, NamesCourse: true, Candidates: tiedCourses, Country: country);
        if (bestScore > 0 || namesCourse)
            return new CourseQuestionMatch(CourseQuestionKind.Unsure, courseId, NamesCourse: namesCourse, Candidates: tiedCourses, Country: country);
        return CourseQuestionMatch.None;
    }

    private static Word[] SplitWords(string normalized)
    {
        var ranges = TextNormalizer.Tokenize(normalized);
        var tokens = new Word[ranges.Length];
        for (var i = 0; i < ranges.Length; i++)
            tokens[i] = new Word(normalized[ranges[i]]);
        return tokens;
    }

    /// <summary>Which words may earn credit: not "de" or "the", nor words such as "hola" that say nothing of the question.</summary>
    private bool[] MeaningfulMask(Word[] tokens)
    {
        var content = new bool[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
            content[i] = !Vocabulary.IsStopWord(tokens[i].Text) && !_ignored.Contains(tokens[i].Text);
        return content;
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

    /// <summary>The best-scoring topic (the first of the table on a tie) and the score of the runner-up, which may equal it.</summary>
    private (string? Topic, double Score, double Second) BestTopic(Word[] tokens, bool[] question, bool[] explained, string language)
    {
        string? best = null;
        var bestScore = 0.0;
        var second = 0.0;
        foreach (var (topic, keywords) in _topics)
        {
            var score = Score(tokens, question, explained, keywords, language);
            if (score > bestScore)
            {
                second = bestScore;
                (best, bestScore) = (topic, score);
            }
            else if (score > second)
                second = score;
        }
        return (best, bestScore, second);
    }

    /// <summary>The share of the question's words that some topic explains; a question of no such word is fully explained.</summary>
    private static double Coverage(bool[] question, bool[] explained)
    {
        var asked = 0;
        var understood = 0;
        for (var i = 0; i < question.Length; i++)
        {
            if (!question[i])
                continue;
            asked++;
            if (explained[i])
                understood++;
        }
        return asked == 0 ? 1 : (double)understood / asked;
    }

    /// <summary>
    /// Each word of the question counts once per table: the best credit any keyword gives it. A word without meaning
    /// of its own ("de", "the") never earns credit, but may be part of a phrase.
    /// </summary>
    /// <param name="fuzzyFrom">Shorter words are never corrected.</param>
    /// <param name="neverCorrected">Words that are never read as a typo of a keyword here ("bourses" is not "courses").</param>
    private static double Score(
        Word[] tokens, bool[] content, bool[] explained, Keyword[] keywords, string language, int fuzzyFrom = 0, KnownWords? neverCorrected = null)
    {
        Span<double> credit = tokens.Length <= 64 ? stackalloc double[tokens.Length] : new double[tokens.Length];
        foreach (var keyword in keywords)
        {
            var languageFactor = keyword.Language is null || keyword.Language == language ? 1 : OtherLanguageFactor;
            for (var start = 0; start + keyword.Tokens.Length <= tokens.Length; start++)
            {
                // Where none of the words could earn credit, a match would change nothing: not worth comparing words.
                if (!AnyOf(content, start, keyword.Tokens.Length) || !Matches(tokens, start, keyword, fuzzyFrom, neverCorrected, out var fuzzy))
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
        var sum = 0.0;
        foreach (var value in credit)
            sum += value;
        return sum;
    }

    private static bool AnyOf(bool[] flags, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (flags[i])
                return true;
        }
        return false;
    }

    /// <summary>Whether the keyword's words are those from <paramref name="start"/> on; <paramref name="fuzzy"/> when one was corrected.</summary>
    private static bool Matches(Word[] tokens, int start, Keyword keyword, int fuzzyFrom, KnownWords? neverCorrected, out bool fuzzy)
    {
        fuzzy = false;
        for (var j = 0; j < keyword.Tokens.Length; j++)
        {
            var typed = tokens[start + j];
            var prefix = keyword.LastIsPrefix && j == keyword.Tokens.Length - 1;
            if (!typed.Matches(keyword.Tokens[j], prefix, out var corrected, fuzzyFrom)
                || (corrected && neverCorrected is not null && neverCorrected.Contains(typed.Text)))
                return false;
            fuzzy |= corrected;
        }
        return true;
    }

    private void MarkCountry(Word[] tokens, bool[] explained, Country country)
    {
        var names = _countryWords[country.Code];
        for (var i = 0; i < tokens.Length; i++)
            explained[i] |= names.Contains(tokens[i].Text);
    }

    private static HashSet<string> NameWords(Country country) =>
        new[] { country.Name.Es, country.Name.Fr, country.Name.En }.Concat(country.Aliases)
            .SelectMany(n => TextNormalizer.Normalize(n).Split(' '))
            .ToHashSet(StringComparer.Ordinal);

    private (CourseFaq? Entry, double Similarity) BestFaq(
        Word[] tokens, bool[] content, Dictionary<string, double> coursesNamed, string? namedCourse, IReadOnlyList<string> tiedCourses,
        IReadOnlyList<CourseFaq>? staffFaq)
    {
        // Words that only name the course say nothing about which question it is.
        var asked = new List<Word>(tokens.Length);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (content[i] && !_courseTokens.Contains(tokens[i].Text))
                asked.Add(tokens[i]);
        }
        if (asked.Count == 0)
            return (null, 0);
        (CourseFaq? Entry, double Similarity) best = (null, 0);
        foreach (var (entry, phrasings) in _faq)
        {
            if (IsAbout(entry, coursesNamed, namedCourse, tiedCourses))
                best = Closer(best, entry, phrasings, asked);
        }
        // Staff add answers while the bot runs: their words are read for each question.
        foreach (var entry in staffFaq ?? [])
        {
            if (IsAbout(entry, coursesNamed, namedCourse, tiedCourses))
                best = Closer(best, entry, Phrasings(entry), asked);
        }
        return best;
    }

    private static bool IsAbout(CourseFaq entry, Dictionary<string, double> coursesNamed, string? namedCourse, IReadOnlyList<string> tiedCourses) =>
        namedCourse is not null ? entry.CourseId == namedCourse : tiedCourses.Count <= 1 || coursesNamed.ContainsKey(entry.CourseId);

    /// <summary>The entry when one of its phrasings shares more with the question than the best so far, else the best so far.</summary>
    private static (CourseFaq? Entry, double Similarity) Closer(
        (CourseFaq? Entry, double Similarity) best, CourseFaq entry, Word[][] phrasings, List<Word> asked)
    {
        foreach (var phrasing in phrasings)
        {
            var shared = 0;
            foreach (var word in phrasing)
            {
                if (IsAsked(word, asked))
                    shared++;
            }
            if (shared < Math.Min(2, phrasing.Length))
                continue;
            var similarity = 2.0 * shared / (phrasing.Length + asked.Count);
            if (similarity > best.Similarity)
                best = (entry, similarity);
        }
        return best;
    }

    private static bool IsAsked(Word word, List<Word> asked)
    {
        foreach (var typed in asked)
        {
            if (typed.Matches(word, prefix: false, out _))
                return true;
        }
        return false;
    }

    /// <summary>The meaningful words of each of the entry's phrasings, in every language; phrasings of none are left out.</summary>
    private Word[][] Phrasings(CourseFaq entry)
    {
        var phrasings = new List<Word[]>();
        foreach (var questions in entry.Questions.Values)
        {
            foreach (var question in questions)
            {
                if (MeaningfulWords(question) is { Length: > 0 } words)
                    phrasings.Add(words);
            }
        }
        return [.. phrasings];
    }

    private Word[] MeaningfulWords(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return [.. TextNormalizer.Tokenize(normalized).Select(r => normalized[r])
            .Where(t => !Vocabulary.IsStopWord(t) && !_ignored.Contains(t) && !_courseTokens.Contains(t))
            .Select(t => new Word(t))];
    }

    /// <summary>A word or phrase of a table; <paramref name="Language"/> null for course names, which are the same in every language.</summary>
    private sealed record Keyword(Word[] Tokens, bool LastIsPrefix, string? Language, double Weight)
    {
        public static Keyword Parse(string text, string? language, double weight)
        {
            var trimmed = text.Trim();
            var prefix = trimmed.EndsWith('*');
            var normalized = TextNormalizer.Normalize(prefix ? trimmed[..^1] : trimmed);
            return new Keyword([.. normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => new Word(t))], prefix, language, weight);
        }
    }

    /// <summary>Words of the tables, as written and stemmed: a word that is one of them, or starts with one of 4 letters or more, is known.</summary>
    private sealed class KnownWords
    {
        private const int PrefixFrom = 4;

        private readonly HashSet<string> _words;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public KnownWords(IEnumerable<string> words)
        {
            _words = new HashSet<string>(words, StringComparer.Ordinal);
            _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public bool Contains(string token)
        {
            if (_words.Contains(token) || _lookup.Contains(Word.StemOf(token)))
                return true;
            // The word itself was looked up above; here the shorter words it starts with.
            for (var length = PrefixFrom; length < token.Length; length++)
            {
                if (_lookup.Contains(token.AsSpan(0, length)))
                    return true;
            }
            return false;
        }
    }
}

/// <summary>
/// A normalised word, and how it is the same as another: equal, equal once lightly stemmed, or one typo apart. Its
/// stem and its letters are found once, as each word of a table is compared with every word of every question.
/// </summary>
internal sealed class Word
{
    /// <summary>The most edits <see cref="FuzzyMatch.AllowedEdits"/> ever tolerates.</summary>
    private const int MostEdits = 2;

    private readonly int _stemLength;
    private readonly ulong _letters;
    private readonly ulong _stemLetters;

    public Word(string text)
    {
        Text = text;
        _stemLength = StemOf(text).Length;
        _letters = FuzzyMatch.LetterSet(text);
        _stemLetters = FuzzyMatch.LetterSet(Stem);
    }

    public string Text { get; }

    public ReadOnlySpan<char> Stem => Text.AsSpan(0, _stemLength);

    /// <summary>Whether this word, as typed, is <paramref name="expected"/>.</summary>
    /// <param name="prefix">Whether any word that <paramref name="expected"/> starts is meant.</param>
    /// <param name="fuzzyFrom">Words shorter than this are never corrected.</param>
    public bool Matches(Word expected, bool prefix, out bool corrected, int fuzzyFrom = 0)
    {
        corrected = false;
        if (Text.Length < fuzzyFrom)
            return prefix ? Text.StartsWith(expected.Text, StringComparison.Ordinal) : Text == expected.Text || Stem.SequenceEqual(expected.Stem);
        if (prefix)
        {
            if (Text.StartsWith(expected.Text, StringComparison.Ordinal))
                return true;
            // A typo inside the part the prefix fixes ("becs" is not enough, "bceas" is).
            corrected = expected.Text.Length >= 5 && Text.Length >= expected.Text.Length
                && FuzzyMatch.Distance(Text.AsSpan(0, expected.Text.Length), expected.Text) > 0;
            return corrected;
        }
        if (Text == expected.Text || Stem.SequenceEqual(expected.Stem))
            return true;
        corrected = IsTypo(Stem, _stemLetters, expected.Stem, expected._stemLetters) || IsTypo(Text, _letters, expected.Text, expected._letters);
        return corrected;
    }

    /// <summary>
    /// Light stemming shared by the three languages: plural -s/-x (fechas, bourses, fees), then a final -e
    /// (inscripciones → inscripcion, coûte → cout). Short words are left alone.
    /// </summary>
    public static ReadOnlySpan<char> StemOf(ReadOnlySpan<char> word)
    {
        var stem = word;
        if (stem.Length >= 4 && stem[^1] is 's' or 'x')
            stem = stem[..^1];
        if (stem.Length >= 5 && stem[^1] == 'e')
            stem = stem[..^1];
        return stem;
    }

    // Most pairs of words are told apart by their lengths or their letters alone, before the distance is computed.
    private static bool IsTypo(ReadOnlySpan<char> a, ulong aLetters, ReadOnlySpan<char> b, ulong bLetters) =>
        Math.Abs(a.Length - b.Length) <= MostEdits && FuzzyMatch.LettersApart(aLetters, bLetters) <= MostEdits && FuzzyMatch.Distance(a, b) > 0;
}
