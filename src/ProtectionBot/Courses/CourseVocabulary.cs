using BotProtocol.Recognizers;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Courses;

/// <summary>
/// The words course questions are read with, from <c>dialogs/texts/{es,fr,en}/courses.yaml</c>: per question type
/// (<c>courses.asks.{type}.strong</c> and <c>.words</c>), words that name a course without saying which
/// (<c>courses.words</c>), words that say nothing (<c>courses.ignore</c>), words that say a message is about something
/// else (<c>courses.not_course</c>), everyday phrases that only look like a course word (<c>courses.idioms</c>: "of
/// course", "en cours", "en curso"), words a question starts with (<c>courses.question_words</c>), how people
/// describe themselves (<c>courses.profiles.{code}</c>) and how they shorten words (<c>courses.spelling</c>, "q=qué"). Checked when the app starts: every type of
/// <see cref="QuestionTypes"/> has its strong words and no other type is listed; no strong word says two types in one
/// language; no single word is one that never counts (ignored, or too common). A phrase of such words only counts as a hint.
/// </summary>
internal sealed class CourseVocabulary
{
    public const double StrongWeight = 2;
    private const string AsksPrefix = "courses.asks.";
    private const string ProfilesPrefix = "courses.profiles.";

    private CourseVocabulary(
        IReadOnlyList<(string Type, Keyword[] Keywords)> types, Keyword[] courseWords, IReadOnlySet<string> ignored, Keyword[] notCourse,
        Keyword[] idioms, Keyword[] questionWords, IReadOnlyList<(string Profile, Keyword[] Words)> profiles, IReadOnlyDictionary<string, string> spelling)
    {
        Spelling = spelling;
        Types = types;
        CourseWords = courseWords;
        Ignored = ignored;
        NotCourse = notCourse;
        Idioms = idioms;
        QuestionWords = questionWords;
        Profiles = profiles;
    }

    public IReadOnlyList<(string Type, Keyword[] Keywords)> Types { get; }

    public Keyword[] CourseWords { get; }

    public IReadOnlySet<string> Ignored { get; }

    public Keyword[] NotCourse { get; }

    /// <summary>"Yes of course", "la procédure est en cours": their words neither name a course nor ask anything.</summary>
    public Keyword[] Idioms { get; }

    public Keyword[] QuestionWords { get; }

    public IReadOnlyList<(string Profile, Keyword[] Words)> Profiles { get; }

    /// <summary>Shortened words and the word they stand for, normalised: "q" → "que", "pk" → "pourquoi".</summary>
    public IReadOnlyDictionary<string, string> Spelling { get; }

    /// <exception cref="ContentValidationException">The word lists are incomplete or contradict each other; each problem names its file and line.</exception>
    public static CourseVocabulary Load(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var problems = new List<string>();
        CheckTypeKeys(texts, problems);

        var ignored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var language in Language.All)
        {
            foreach (var word in texts.GetList(language, "courses.ignore"))
                ignored.UnionWith(TextNormalizer.Normalize(word).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        var types = new List<(string, Keyword[])>();
        foreach (var type in QuestionTypes.All)
        {
            var keywords = new List<Keyword>();
            foreach (var language in Language.All)
            {
                keywords.AddRange(Read(texts, language, $"{AsksPrefix}{type}.strong", StrongWeight, ignored, problems));
                if (texts.Has($"{AsksPrefix}{type}.words"))
                    keywords.AddRange(Read(texts, language, $"{AsksPrefix}{type}.words", 1, ignored, problems));
            }
            types.Add((type, [.. keywords]));
        }
        CheckStrongWordsSayOneType(texts, types, problems);

        var courseWords = Language.All.SelectMany(l => Read(texts, l, "courses.words", 1, ignored, problems)).ToArray();
        var notCourse = Language.All.SelectMany(l => Read(texts, l, "courses.not_course", 1, ignored: null, problems)).ToArray();
        var idioms = Language.All.SelectMany(l => Read(texts, l, "courses.idioms", 1, ignored: null, problems)).ToArray();
        var questionWords = Language.All.SelectMany(l => Read(texts, l, "courses.question_words", 1, ignored: null, problems)).ToArray();
        var profiles = new List<(string, Keyword[])>();
        foreach (var key in texts.KeysUnder(ProfilesPrefix))
        {
            var code = key[ProfilesPrefix.Length..];
            if (!KnowledgeCodes.Profiles.Contains(code))
                problems.Add($"{texts.Origin(Language.Default, key)}: '{code}' is not a profile code of knowledge/README.md ({string.Join(", ", KnowledgeCodes.Profiles)})");
            profiles.Add((code, [.. Language.All.SelectMany(l => Read(texts, l, key, 1, ignored: null, problems))]));
        }

        var spelling = ReadSpelling(texts, problems);

        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new CourseVocabulary(types, courseWords, ignored, notCourse, idioms, questionWords, profiles, spelling);
    }

    private static Dictionary<string, string> ReadSpelling(TextCatalog texts, List<string> problems)
    {
        var spelling = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Language.All)
        {
            foreach (var pair in texts.GetList(language, "courses.spelling"))
            {
                var parts = pair.Split('=', 2);
                var shortened = parts.Length == 2 ? TextNormalizer.Normalize(parts[0]) : "";
                var full = parts.Length == 2 ? TextNormalizer.Normalize(parts[1]) : "";
                if (shortened.Length == 0 || shortened.Contains(' ', StringComparison.Ordinal) || full.Length == 0)
                    problems.Add($"{texts.Origin(language, "courses.spelling")}: '{pair}' should be a shortened word, '=', and what it stands for (\"q=qué\")");
                else
                    spelling[shortened] = full;
            }
        }
        return spelling;
    }

    private static void CheckTypeKeys(TextCatalog texts, List<string> problems)
    {
        foreach (var type in QuestionTypes.All)
        {
            if (!texts.Has($"{AsksPrefix}{type}.strong"))
                problems.Add($"dialogs/texts/{Language.Default}/courses.yaml: 'courses.asks.{type}.strong' is missing: every question type needs the words that say it");
        }
        foreach (var key in texts.KeysUnder(AsksPrefix))
        {
            var rest = key[AsksPrefix.Length..];
            var dot = rest.LastIndexOf('.');
            var (type, list) = dot < 0 ? (rest, "") : (rest[..dot], rest[(dot + 1)..]);
            if (!QuestionTypes.All.Contains(type))
                problems.Add($"{texts.Origin(Language.Default, key)}: '{type}' is not a question type ({string.Join(", ", QuestionTypes.All)})");
            else if (list is not ("strong" or "words"))
                problems.Add($"{texts.Origin(Language.Default, key)}: a question type lists 'strong' and 'words', not '{list}'");
        }
    }

    private static IEnumerable<Keyword> Read(TextCatalog texts, string language, string key, double weight, HashSet<string>? ignored, List<string> problems)
    {
        if (!texts.Has(key))
            yield break;
        foreach (var text in texts.GetList(language, key))
        {
            var keyword = Keyword.Parse(text, language, weight);
            if (keyword.Tokens.Length == 0)
            {
                problems.Add($"{texts.Origin(language, key)}: '{text}' has no letters or digits");
                continue;
            }
            if (ignored is not null && keyword.Tokens.All(t => ignored.Contains(t.Text) || Vocabulary.IsStopWord(t.Text)))
            {
                // A word that is never meaningful can never count on its own: listing it would only mislead whoever edits the list.
                if (keyword.Tokens.Length == 1)
                {
                    problems.Add($"{texts.Origin(language, key)}: '{text}' never counts on its own (it is in courses.ignore or too common); use it in a phrase");
                    continue;
                }
                // A phrase of common words only ("para mí", "c'est où") is a hint, however it is listed: such words turn up everywhere.
                keyword = keyword with { Weight = Math.Min(keyword.Weight, 1), OnlyCommonWords = true };
            }
            yield return keyword;
        }
    }

    private static void CheckStrongWordsSayOneType(TextCatalog texts, List<(string Type, Keyword[] Keywords)> types, List<string> problems)
    {
        foreach (var language in Language.All)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (type, keywords) in types)
            {
                foreach (var keyword in keywords.Where(k => k.Language == language && k.Weight == StrongWeight))
                {
                    if (seen.TryGetValue(keyword.Text, out var other) && other != type)
                        problems.Add($"{texts.Origin(language, $"{AsksPrefix}{type}.strong")}: '{keyword.Text}' is a strong word of both '{other}' and '{type}'; keep it under one");
                    else
                        seen[keyword.Text] = type;
                }
            }
        }
    }
}
