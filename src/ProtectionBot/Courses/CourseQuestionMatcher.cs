using System.Text.RegularExpressions;
using BotProtocol.Recognizers;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Courses;

/// <summary>What a course question was understood to be.</summary>
internal enum CourseQuestionKind
{
    /// <summary>Nothing in it is about courses.</summary>
    None,

    /// <summary>A question type about one course (its dates, its cost…).</summary>
    Topic,

    /// <summary>A question of the FAQ.</summary>
    Faq,

    /// <summary>A course named, nothing asked about it: an overview.</summary>
    CourseOnly,

    /// <summary>Courses in general ("¿hay cursos?"): the list of courses.</summary>
    Courses,

    /// <summary>A clear question type, but which course is not said and not known from the conversation.</summary>
    WhichCourse,

    /// <summary>The person asks for a person of the course staff.</summary>
    Staff,

    /// <summary>About courses, but not clear enough to answer without guessing.</summary>
    Unsure,
}

/// <param name="Type">A <see cref="QuestionTypes"/> value, when one is clear.</param>
/// <param name="AlsoType">A second type asked in the same breath ("¿dónde y cuándo es?"), answered too.</param>
/// <param name="NamesCourse">A course was named, or a word such as "curso"/"training" was used.</param>
/// <param name="SaysCourse">A word such as "curso"/"formation"/"training" was used (not only a name like "CIDH", also a body's name).</param>
/// <param name="CourseNamed">One of the courses' names or aliases was used ("HRDAP", "ISHR Academy").</param>
/// <param name="NamedByPlace">The course was named only by where it is held ("Ginebra"), which a story names too.</param>
/// <param name="AsksQuestion">Written as a question: a question mark, or a first word such as "cuándo"/"combien"/"can".</param>
/// <param name="HasQuestionMark">Written with a question mark: "que" starts answers too ("Sí, que me contacten").</param>
/// <param name="Clear">The type rests on at least one strong word, not on hints alone.</param>
/// <param name="Candidates">The courses it could be about when <see cref="CourseId"/> is not settled (null: any).</param>
/// <param name="Country">A country named in the question ("¿puedo postular desde Brasil?").</param>
/// <param name="Profiles">Profile codes the person gave ("soy indígena").</param>
/// <param name="Edition">A year or edition label the person named ("2027").</param>
internal sealed record CourseQuestionMatch(
    CourseQuestionKind Kind,
    string? CourseId = null,
    string? Type = null,
    CourseFaq? Faq = null,
    string? AlsoType = null,
    bool NamesCourse = false,
    bool SaysCourse = false,
    bool CourseNamed = false,
    bool NamedByPlace = false,
    bool AsksQuestion = false,
    bool HasQuestionMark = false,
    bool Clear = false,
    IReadOnlyList<string>? Candidates = null,
    Country? Country = null,
    IReadOnlyList<string>? Profiles = null,
    string? Edition = null)
{
    public static readonly CourseQuestionMatch None = new(CourseQuestionKind.None);

    /// <summary>Clear about its course and what it asks: answered at any step, even while the interview waits for another answer.</summary>
    public bool IsConfident => NamesCourse && CourseId is not null && Kind is CourseQuestionKind.Topic or CourseQuestionKind.Faq;
}

/// <summary>
/// Finds what a question typed in Spanish, French or English asks and about which course, without a language service.
/// Every word is normalised (case, accents and punctuation away), lightly stemmed (plural -s/-x, final -e) and may
/// carry a typo; a listed word ending in * matches every word it starts. What names a course, a country or the person
/// (a profile) is set apart first; each question type then scores the rest of the question: every match of one of
/// its words or phrases counts once (a phrase more than a word, a strong word more than a hint, an exact match more
/// than a corrected one, the conversation's language more than the other two), and a word serves one match per type.
/// Nothing is guessed: a tie between types, a question most of whose words mean nothing known, or a word saying the
/// message is about something else (a threat, an arrest) leaves the answer to the person (which course?), to the course
/// staff, or to the rest of the bot.
/// </summary>
internal sealed partial class CourseQuestionMatcher
{
    private const double PhraseBonus = 1.5;
    private const double FuzzyFactor = 0.7;

    /// <summary>A phrase with a typo in one word is still mostly right: "fecha limte" is a deadline, not a date.</summary>
    private const double FuzzyPhraseFactor = 0.85;
    private const double OtherLanguageFactor = 0.6;
    private const double FaqClearly = 0.66;
    private const double FaqLikely = 0.5;
    private const double FaqVeryClose = 0.8;

    /// <summary>Names are only corrected in longer words: "coûte" is one letter from "cours", "close" from "class".</summary>
    private const int NameFuzzyLength = 6;

    /// <summary>Nor are four-letter words read as typos of a type's word: "help" is not "held", "tout" not "coût".</summary>
    private const int TypeFuzzyLength = 5;

    /// <summary>A question word counts when it is among the first words, after a greeting ("hola, ¿cuándo…").</summary>
    private const int QuestionWordWithin = 3;

    private readonly CourseVocabulary _vocabulary;
    private readonly (string CourseId, Keyword[] Names)[] _namesByCourse;
    private readonly (string CourseId, Keyword[] Places)[] _placesByCourse;
    private readonly Keyword[] _courseKeywords;
    private readonly IReadOnlyList<string> _menuCourses;
    private readonly KnownWords _typeWords;
    private readonly HashSet<string> _courseTokens;
    private readonly (CourseFaq Entry, Word[][] Phrasings)[] _faq;
    private readonly CountryCatalog _countries;
    private readonly Dictionary<string, HashSet<string>> _countryWords;
    private readonly HashSet<string> _editionLabels;
    private readonly HashSet<string> _questionTokens;

    public CourseQuestionMatcher(CourseVocabulary vocabulary, IReadOnlyList<Training> trainings, IReadOnlyList<CourseFaq> faq, CountryCatalog countries)
    {
        _vocabulary = vocabulary;
        _countries = countries;
        var courseNames = new List<(string CourseId, Keyword Keyword)>();
        foreach (var training in trainings)
        {
            var names = training.Aliases.AsEnumerable();
            if (training.ShortName is { } shortName)
                names = names.Concat([shortName.Es, shortName.Fr, shortName.En]);
            foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
                courseNames.Add((training.Id, Keyword.Parse(name, language: null, 1)));
        }
        _namesByCourse = [.. courseNames.GroupBy(n => n.CourseId, StringComparer.Ordinal).Select(g => (g.Key, g.Select(n => n.Keyword).ToArray()))];
        _placesByCourse = [.. trainings.Where(t => t.HeldIn.Count > 0)
            .Select(t => (t.Id, t.HeldIn.Distinct(StringComparer.OrdinalIgnoreCase).Select(p => Keyword.Parse(p, language: null, 1)).ToArray()))];
        _courseKeywords = [.. courseNames.Select(n => n.Keyword), .. _placesByCourse.SelectMany(p => p.Places), .. vocabulary.CourseWords];
        _menuCourses = [.. trainings.Where(t => t.ShortName is not null).Select(t => t.Id)];
        _typeWords = new KnownWords(vocabulary.Types.SelectMany(t => t.Keywords));
        _courseTokens = _courseKeywords.SelectMany(k => k.Tokens).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        _faq = [.. faq.Select(entry => (entry, Phrasings(entry)))];
        _countryWords = countries.All.ToDictionary(c => c.Code, NameWords, StringComparer.Ordinal);
        _questionTokens = vocabulary.QuestionWords.SelectMany(k => k.Tokens).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        _editionLabels = trainings.SelectMany(t => t.Editions).Select(e => TextNormalizer.Normalize(e.Label)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Trainings people can ask about, in the order of the knowledge file.</summary>
    public IReadOnlyList<string> Courses => _menuCourses;

    /// <param name="language">The conversation's language: its words count most.</param>
    /// <param name="currentCourse">The course the conversation was last about, for "¿y cuánto cuesta?".</param>
    /// <param name="staffFaq">Answers course staff added from the chat.</param>
    public CourseQuestionMatch Match(string? text, string language, string? currentCourse, IReadOnlyList<CourseFaq>? staffFaq = null)
    {
        var whole = MatchWhole(text, language, currentCourse, staffFaq);
        if (whole.Kind is not (CourseQuestionKind.Topic or CourseQuestionKind.Unsure) || whole.AlsoType is not null || text is null)
            return whole;
        // Two questions in a row ("¿cuánto cuesta la academia y hasta cuándo hay inscripciones?") read as one weigh their
        // words against each other and one of them is lost: each is read on its own, the course carried from the first.
        var parts = Questions(text).ToList();
        if (parts.Count != 2)
            return whole;
        var asked = new List<CourseQuestionMatch>();
        var course = currentCourse;
        foreach (var part in parts)
        {
            var match = MatchWhole(part, language, course, staffFaq);
            if (match is not { Kind: CourseQuestionKind.Topic, Type: { } })
                return whole;
            course = match.CourseId;
            asked.Add(match);
        }
        return asked[0].Type != asked[1].Type && asked[0].CourseId == asked[1].CourseId
            ? asked[0] with { AlsoType = asked[1].Type }
            : whole;
    }

    /// <summary>
    /// The questions of a message that asks several: split where a question mark, a comma or an "and" is followed by a
    /// question word ("y cuándo", "et où", "and how much").
    /// </summary>
    private IEnumerable<string> Questions(string text)
    {
        var start = 0;
        foreach (Match joint in Joint().Matches(text))
        {
            var rest = SplitWords(TextNormalizer.Normalize(text[(joint.Index + joint.Length)..]));
            if (joint.Index > start && rest.Length > 0 && (IsQuestionWordAt(rest, 0) || (rest.Length > 1 && IsQuestionWordAt(rest, 1))))
            {
                yield return text[start..joint.Index];
                start = joint.Index + joint.Length;
            }
        }
        yield return text[start..];
    }

    [GeneratedRegex(@"\?|,|;|\s(?:y|e|et|and)\s", RegexOptions.IgnoreCase)]
    private static partial Regex Joint();

    private CourseQuestionMatch MatchWhole(string? text, string language, string? currentCourse, IReadOnlyList<CourseFaq>? staffFaq)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
            return CourseQuestionMatch.None;
        var tokens = SplitWords(normalized);
        var content = MeaningfulMask(tokens);

        // What names a course, a country or the person is set apart, so that only the rest of the question has to be understood.
        var courseScores = new Dictionary<string, double>(StringComparer.Ordinal);
        var naming = new bool[tokens.Length];
        foreach (var (course, names) in _namesByCourse)
        {
            var score = Score(tokens, content, naming, names, language, NameFuzzyLength, _typeWords);
            if (score > 0)
                courseScores[course] = score;
        }
        // Where a course is held adds to its names ("the ISHR Geneva programme" is one of ISHR's courses); alone, it
        // names the course only in a question about it (CourseEntry).
        var namedByPlace = courseScores.Count == 0;
        foreach (var (course, places) in _placesByCourse)
        {
            var score = Score(tokens, content, naming, places, language, NameFuzzyLength, _typeWords);
            if (score > 0)
                courseScores[course] = courseScores.GetValueOrDefault(course) + score;
        }
        namedByPlace &= courseScores.Count > 0;
        var namedCourse = Best(courseScores, out var tiedCourses);
        // "curso", "training": not a question's word, but a phrase may go through it ("trainings in Africa").
        var generic = new bool[tokens.Length];
        var saysCourse = Score(tokens, content, generic, _vocabulary.CourseWords, language, NameFuzzyLength, _typeWords) > 0;
        for (var i = 0; i < tokens.Length; i++)
            naming[i] |= generic[i];
        var country = _countries.Match(normalized).Country;
        if (country is not null)
            MarkCountry(tokens, naming, country);
        var profiles = new List<string>();
        foreach (var (profile, words) in _vocabulary.Profiles)
        {
            if (Score(tokens, content, naming, words, language, NameFuzzyLength, _typeWords) > 0)
                profiles.Add(profile);
        }
        var edition = Edition(tokens);
        // Never corrected: "retenu" (selected) is one letter from "detenu" (detained).
        var vetoed = Any(tokens, _vocabulary.NotCourse);
        var questionMark = text!.AsSpan().IndexOfAny('?', '¿') >= 0;
        var asksQuestion = questionMark || StartsWithQuestionWord(tokens);

        // The type, from the words that do not name the course, the country or the person ("cours" is no typo of "bourse").
        var explained = new bool[tokens.Length];
        var question = new bool[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
            question[i] = content[i] && !naming[i];
        var (bestType, bestScore, secondType, second, strong, secondStrong, third) = BestType(tokens, question, generic, explained, language);
        var coverage = Coverage(question, explained);
        // A type known only from hints ("puedo", "can") must explain the whole question; a strong word, half of it.
        var enough = strong ? coverage >= 0.5 : coverage >= 0.99;
        // A strong word against hints only wins by a little; two strong types need a clear lead.
        var ahead = bestScore - second >= 0.5 && (strong && !secondStrong || bestScore >= 1.25 * second);
        var clearType = bestScore >= 1 && ahead && enough ? bestType : null;
        // Two strong types level with each other and well ahead of any other: both were asked ("où et à quelles dates").
        var alsoType = clearType is null && strong && secondStrong && enough && second >= 0.8 * bestScore && second - third >= 0.5 ? secondType : null;
        if (alsoType is not null)
            clearType = bestType;

        var namesCourse = namedCourse is not null || tiedCourses.Count > 1 || saysCourse;
        var courseId = namedCourse ?? (tiedCourses.Count > 1 ? null : currentCourse);
        var match = new CourseQuestionMatch(CourseQuestionKind.Unsure, courseId, NamesCourse: namesCourse, SaysCourse: saysCourse,
            CourseNamed: namedCourse is not null || tiedCourses.Count > 1, NamedByPlace: namedByPlace,
            AsksQuestion: asksQuestion, HasQuestionMark: questionMark, Clear: strong, Candidates: tiedCourses.Count > 1 ? tiedCourses : null, Country: country,
            Profiles: profiles, Edition: edition);

        // A threat, an arrest or a protection measure: about something else, unless a course and its question are plain
        // ("¿en el curso de la CIDH enseñan a pedir medidas cautelares?"); "la CIDH" alone is also the Commission.
        if (vetoed && !(saysCourse && namedCourse is not null && clearType is not null && clearType != QuestionTypes.Staff))
            return CourseQuestionMatch.None;

        // The FAQ: only entries of the course named (when one is), in any language.
        var faq = BestFaq(tokens, content, namedCourse ?? (tiedCourses.Count > 1 ? null : currentCourse), tiedCourses, staffFaq);
        // An entry that answers other types than the one the question clearly asks is not this question ("¿cuándo
        // cierra?" is no "¿cuándo sale la convocatoria?", however many words they share).
        if (faq.Entry is { Asks: { Count: > 0 } answers } && clearType is not null && !answers.Contains(clearType))
            faq = (null, 0, false);
        // An entry that says nothing of the types it answers must be very close to win over a type a strong word says.
        if (faq.Entry is { Asks: null or { Count: 0 } } && clearType is not null && strong && faq.Similarity < FaqVeryClose && !faq.Distinctive)
            faq = (null, 0, false);
        if (faq.Entry is { } entry && (faq.Similarity >= FaqClearly || (clearType is null && faq.Similarity >= FaqLikely) || faq.Distinctive))
            return match with { Kind = CourseQuestionKind.Faq, CourseId = entry.CourseId, Faq = entry };

        if (clearType == QuestionTypes.Staff)
        {
            // "Quiero hablar con una persona" alone asks for a caseworker, not for the course staff.
            return namesCourse || currentCourse is not null ? match with { Kind = CourseQuestionKind.Staff, Type = clearType } : CourseQuestionMatch.None;
        }
        if (clearType is not null)
            return match with { Kind = courseId is not null ? CourseQuestionKind.Topic : CourseQuestionKind.WhichCourse, Type = clearType, AlsoType = alsoType };
        if (bestScore == 0 && namedCourse is not null && coverage >= 0.5)
            return match with { Kind = CourseQuestionKind.CourseOnly };
        if (bestScore == 0 && tiedCourses.Count > 1 && coverage >= 0.5)
            return match with { Kind = CourseQuestionKind.WhichCourse };
        if (bestScore == 0 && saysCourse && coverage >= 0.5)
            return match with { Kind = CourseQuestionKind.Courses };
        return bestScore > 0 || namesCourse ? match : CourseQuestionMatch.None;
    }

    /// <summary>The words of the question, a shortened one ("q", "pk") read as the word it stands for.</summary>
    private Word[] SplitWords(string normalized)
    {
        var ranges = TextNormalizer.Tokenize(normalized);
        var tokens = new List<Word>(ranges.Length);
        foreach (var range in ranges)
        {
            var word = normalized[range];
            if (_vocabulary.Spelling.TryGetValue(word, out var full))
                tokens.AddRange(full.Split(' ').Select(w => new Word(w)));
            else
                tokens.Add(new Word(word));
        }
        return [.. tokens];
    }

    /// <summary>Which words may earn credit: not "de" or "the", nor words such as "hola" that say nothing of the question.</summary>
    private bool[] MeaningfulMask(Word[] tokens)
    {
        var content = new bool[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
            content[i] = !Vocabulary.IsStopWord(tokens[i].Text) && !_vocabulary.Ignored.Contains(tokens[i].Text);
        // An everyday phrase that only looks like a course word ("yes of course") earns nothing.
        foreach (var idiom in _vocabulary.Idioms)
        {
            for (var start = 0; start + idiom.Tokens.Length <= tokens.Length; start++)
            {
                if (idiom.MatchesAt(tokens, start, int.MaxValue, null, out _))
                    content.AsSpan(start, idiom.Tokens.Length).Clear();
            }
        }
        return content;
    }

    private bool StartsWithQuestionWord(Word[] tokens)
    {
        // Greetings and fillers before the question do not count ("hola buenas, cuándo…").
        var start = 0;
        while (start < tokens.Length && _vocabulary.Ignored.Contains(tokens[start].Text) && !IsQuestionWordAt(tokens, start))
            start++;
        for (var i = start; i < Math.Min(tokens.Length, start + QuestionWordWithin); i++)
        {
            if (IsQuestionWordAt(tokens, i))
                return true;
        }
        return false;
    }

    private bool IsQuestionWordAt(Word[] tokens, int start)
    {
        foreach (var keyword in _vocabulary.QuestionWords)
        {
            if (keyword.MatchesAt(tokens, start, int.MaxValue, null, out _))
                return true;
        }
        return false;
    }

    private static bool Any(Word[] tokens, Keyword[] keywords)
    {
        foreach (var keyword in keywords)
        {
            for (var start = 0; start < tokens.Length; start++)
            {
                if (keyword.MatchesAt(tokens, start, int.MaxValue, null, out _))
                    return true;
            }
        }
        return false;
    }

    /// <summary>A year ("2027") or an edition's label ("2019-2") the person named, for the course staff.</summary>
    private string? Edition(Word[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i + 1 < tokens.Length && _editionLabels.Contains($"{tokens[i].Text} {tokens[i + 1].Text}"))
                return $"{tokens[i].Text}-{tokens[i + 1].Text}";
            if (Year().IsMatch(tokens[i].Text))
                return tokens[i].Text;
        }
        return null;
    }

    [GeneratedRegex("^20[0-9]{2}$")]
    private static partial Regex Year();

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
    /// The best-scoring type (the first of the list on a tie) and the runner-up's score, and whether a strong word says
    /// each. A word that is itself in a list is never read as a typo of another ("comment" is not "commence").
    /// </summary>
    private (string? Type, double Score, string? SecondType, double Second, bool Strong, bool SecondStrong, double Third) BestType(
        Word[] tokens, bool[] question, bool[] generic, bool[] explained, string language)
    {
        var scored = new List<(string Type, double Score, bool Strong)>();
        foreach (var (type, keywords) in _vocabulary.Types)
        {
            var score = Score(tokens, question, explained, keywords, language, out var strongest, TypeFuzzyLength, _typeWords, generic);
            if (score > 0)
                scored.Add((type, score, strongest >= CourseVocabulary.StrongWeight));
        }
        // Stable: on a tie the type listed first stays first.
        var ranked = scored.OrderByDescending(s => s.Score).ToList();
        var best = ranked.ElementAtOrDefault(0);
        var second = ranked.ElementAtOrDefault(1);
        return (best.Type, best.Score, second.Type, second.Score, best.Strong, second.Strong, ranked.ElementAtOrDefault(2).Score);
    }

    /// <summary>The share of the question's words that some type explains; a question of no such word is fully explained.</summary>
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

    private static double Score(
        Word[] tokens, bool[] content, bool[] explained, Keyword[] keywords, string language, int fuzzyFrom = 0, KnownWords? neverCorrected = null) =>
        Score(tokens, content, explained, keywords, language, out _, fuzzyFrom, neverCorrected);

    /// <summary>
    /// Every match of a keyword counts once, the best first, and a word serves one match: "how many people must I train"
    /// is one "how many people" and one "must I train", not three words of a phrase. A word without meaning of its own
    /// ("de", "the") never earns credit, but may be part of a phrase.
    /// </summary>
    /// <param name="strongest">The highest weight of the words that matched, to tell a strong word from hints.</param>
    /// <param name="fuzzyFrom">Shorter words are never corrected.</param>
    /// <param name="neverCorrected">Words that are never read as a typo of a keyword here ("bourses" is not "courses").</param>
    /// <param name="anchors">Words that earn nothing but let a phrase match ("training" in "trainings in").</param>
    private static double Score(
        Word[] tokens, bool[] content, bool[] explained, Keyword[] keywords, string language, out double strongest, int fuzzyFrom = 0,
        KnownWords? neverCorrected = null, bool[]? anchors = null)
    {
        List<(int Start, int Length, double Value, double Weight)>? found = null;
        foreach (var keyword in keywords)
        {
            var languageFactor = keyword.Language is null || keyword.Language == language ? 1 : OtherLanguageFactor;
            for (var start = 0; start + keyword.Tokens.Length <= tokens.Length; start++)
            {
                // Where none of the words could earn credit, a match would change nothing: not worth comparing words.
                if ((!keyword.OnlyCommonWords && !AnyOf(content, start, keyword.Tokens.Length) && !(anchors is not null && keyword.Tokens.Length > 1 && AnyOf(anchors, start, keyword.Tokens.Length)))
                    || !keyword.MatchesAt(tokens, start, fuzzyFrom, neverCorrected, out var fuzzy))
                    continue;
                // "en línea" is one meaningful word, "fecha límite" two: only the second is worth more than a word.
                var phrase = Count(content, start, keyword.Tokens.Length) > 1;
                var value = keyword.Weight * languageFactor * (fuzzy ? phrase ? FuzzyPhraseFactor : FuzzyFactor : 1) * (phrase ? PhraseBonus : 1);
                (found ??= []).Add((start, keyword.Tokens.Length, value, keyword.Weight));
            }
        }
        strongest = 0;
        if (found is null)
            return 0;
        found.Sort((a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : b.Length.CompareTo(a.Length));
        Span<bool> used = tokens.Length <= 64 ? stackalloc bool[tokens.Length] : new bool[tokens.Length];
        var sum = 0.0;
        foreach (var (start, length, value, weight) in found)
        {
            if (Overlaps(used, content, start, length))
                continue;
            sum += value;
            strongest = Math.Max(strongest, weight);
            for (var i = start; i < start + length; i++)
            {
                if (!content[i])
                    continue;
                used[i] = true;
                explained[i] = true;
            }
        }
        return sum;
    }

    private static bool Overlaps(Span<bool> used, bool[] content, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (content[i] && used[i])
                return true;
        }
        return false;
    }

    private static int Count(bool[] flags, int start, int count)
    {
        var found = 0;
        for (var i = start; i < start + count; i++)
        {
            if (flags[i])
                found++;
        }
        return found;
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

    /// <summary>
    /// The FAQ entry closest to the question, among those of the course it is about: named, or the conversation's; of
    /// one of the courses a name could mean; of none when no course is known (the answer is one course's).
    /// </summary>
    private (CourseFaq? Entry, double Similarity, bool Distinctive) BestFaq(
        Word[] tokens, bool[] content, string? course, IReadOnlyList<string> tiedCourses, IReadOnlyList<CourseFaq>? staffFaq)
    {
        // Words that only name the course say nothing about which question it is.
        var asked = new List<Word>(tokens.Length);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (content[i] && !_courseTokens.Contains(tokens[i].Text))
                asked.Add(tokens[i]);
        }
        if (asked.Count == 0)
            return (null, 0, false);
        (CourseFaq? Entry, double Similarity, bool Distinctive) best = (null, 0, false);
        foreach (var (entry, phrasings) in _faq)
        {
            if (IsAbout(entry, course, tiedCourses))
                best = Closer(best, entry, phrasings, asked, byOwnWords: false);
        }
        // Staff add answers while the bot runs, each in one language: their words are read for each question.
        foreach (var entry in staffFaq ?? [])
        {
            if (IsAbout(entry, course, tiedCourses))
                best = Closer(best, entry, Phrasings(entry), asked, byOwnWords: entry.CourseId == course);
        }
        return best;
    }

    private static bool IsAbout(CourseFaq entry, string? course, IReadOnlyList<string> tiedCourses) =>
        course is not null ? entry.CourseId == course : tiedCourses.Contains(entry.CourseId);

    /// <summary>
    /// The entry when one of its phrasings shares more with the question than the best so far, else the best so far.
    /// </summary>
    /// <param name="byOwnWords">
    /// Also when the question has every word of the phrasing's own (no word list knows it: "visa", "guardería"), in
    /// whatever language the rest is written: a staff answer written in Spanish is found for a question in English
    /// about the same course that names the same thing.
    /// </param>
    private (CourseFaq? Entry, double Similarity, bool Distinctive) Closer(
        (CourseFaq? Entry, double Similarity, bool Distinctive) best, CourseFaq entry, Word[][] phrasings, List<Word> asked, bool byOwnWords)
    {
        foreach (var phrasing in phrasings)
        {
            var shared = 0;
            var distinctive = 0;
            var distinctiveShared = 0;
            foreach (var word in phrasing)
            {
                var isAsked = IsAsked(word, asked);
                if (isAsked)
                    shared++;
                if (byOwnWords && IsOwnWord(word))
                {
                    distinctive++;
                    if (isAsked)
                        distinctiveShared++;
                }
            }
            var allDistinctive = distinctive > 0 && distinctiveShared == distinctive;
            if (shared < Math.Min(2, phrasing.Length) && !allDistinctive)
                continue;
            var similarity = 2.0 * shared / (phrasing.Length + asked.Count);
            if (similarity > best.Similarity || (allDistinctive && !best.Distinctive))
                best = (entry, Math.Max(similarity, best.Similarity), allDistinctive || best.Distinctive);
        }
        return best;
    }

    private bool IsOwnWord(Word word) =>
        word.Text.Length >= 4 && !_typeWords.Contains(word.Text) && !_questionTokens.Contains(word.Text);

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
            .Where(t => !Vocabulary.IsStopWord(t) && !_vocabulary.Ignored.Contains(t) && !_courseTokens.Contains(t))
            .Select(t => new Word(t))];
    }
}
