using BotProtocol.Recognizers;
using YamlDotNet.RepresentationModel;

namespace ProtectionBot.Content;

/// <summary>
/// Reads <c>dialogs/understanding/{es,fr,en}.yaml</c>: for each question, the phrases that name each of its options
/// (<c>questions:</c>), the strong phrases that answer it from an answer to another question (<c>anywhere:</c>), the
/// requests understood at any step (<c>intents:</c>) and the ways of saying "prefer not to say" (<c>prefer_not:</c>);
/// their word lists (<c>words:</c>, <c>shorthand:</c>…) are read apart (<see cref="LoadWords"/>). Loading fails, naming
/// file and line, on an unknown question or option, a phrase with no word to match, or one word naming two options of a
/// question.
/// </summary>
internal static class UnderstandingFiles
{
    /// <summary>The pseudo-question of the requests understood at any step.</summary>
    public const string IntentQuestion = "intent";

    /// <summary>The question that asks who is behind it: "la policía no hace nada" names a bystander, not the one behind it.</summary>
    private static readonly string[] AskWhoDidIt = ["perpetrator"];

    public static Understanding Load(
        string contentRoot, IReadOnlyDictionary<string, IReadOnlyList<string>> questions, IReadOnlyList<string> intents, UnderstandingWords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var problems = new List<string>();
        var lines = new List<VocabularyLine>();
        foreach (var (language, relative, root) in LanguageFiles(contentRoot, problems))
        {
            foreach (var (keyNode, value) in root.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value;
                var at = $"{relative}:{keyNode.Start.Line}";
                switch (key)
                {
                    case "prefer_not":
                        lines.AddRange(Phrases(value, relative, problems).Select(p => new VocabularyLine(language, Understanding.PreferNotQuestion, "", p.Text, p.Origin)));
                        break;
                    case "questions":
                        ReadQuestions(value, relative, language, questions, anywhere: false, lines, problems);
                        break;
                    case "anywhere":
                        ReadQuestions(value, relative, language, questions, anywhere: true, lines, problems);
                        break;
                    case "intents":
                        var names = new Dictionary<string, IReadOnlyList<string>> { [IntentQuestion] = intents };
                        ReadOptions(IntentQuestion, value, relative, language, names, anywhere: false, lines, problems);
                        break;
                    case var section when SectionsOfWords(language).Contains(section):
                        break;
                    default:
                        problems.Add($"{at}: unknown section '{key}' (expected prefer_not, questions, anywhere, intents, {string.Join(", ", SectionsOfWords(language))})");
                        break;
                }
            }
        }
        lines.AddRange(ProperNames(contentRoot).Select(n => new VocabularyLine(Language.Default, Understanding.ProperNameQuestion, "", n.Text, n.Origin)));
        var understanding = Understanding.Build(
            lines, problems, outweighs: Outweighs(contentRoot, questions, problems), askWhoDidIt: AskWhoDidIt, rereads: Rereads(contentRoot, questions, problems),
            lexicon: words.Lexicon);
        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return understanding;
    }

    /// <summary>The lists under <c>words:</c>, the languages whose file holds each, and whether it holds phrases, not words.</summary>
    private static readonly (string Name, string[] Languages, bool Phrases)[] WordLists =
    [
        ("colleagues", ["es", "fr", "en"], false), ("crowds", ["es", "fr", "en"], false), ("crowd_articles", ["es", "fr", "en"], false),
        ("recurring_times", ["es", "fr", "en"], true), ("courtesy_openers", ["es", "fr", "en"], false), ("nan_lead_ins", ["fr"], false),
        ("general_doubts", ["es", "fr", "en"], true), ("ca_verbs", ["fr"], false), ("unstemmed", ["fr"], false),
        ("reflexive_followers", ["es"], false), ("followers", ["en"], false), ("killing", ["es", "fr", "en"], false),
        ("past_watching", ["es", "fr", "en"], false), ("happening", ["es", "fr", "en"], false), ("border", ["es", "fr", "en"], false),
        ("border_joints", ["es", "fr", "en"], false), ("wish_lead_ins", ["es", "fr", "en"], false),
    ];

    /// <summary>The sections of word lists a language's file holds, each required there.</summary>
    private static string[] SectionsOfWords(string language) => language switch
    {
        "fr" => ["words", "shorthand", "own_shorthand", "not_shorthand"],
        "en" => ["words", "shorthand", "own_shorthand"],
        _ => ["words", "shorthand"],
    };

    /// <summary>
    /// The word lists of <c>dialogs/understanding/{es,fr,en}.yaml</c>, normalised and joined over the languages. Loading
    /// fails, naming file and line, on a missing or empty section or list, an unknown list, an entry that is no word (or,
    /// in a list of phrases, no phrase), or a shorthand typed the same for two things.
    /// </summary>
    public static UnderstandingWords LoadWords(string contentRoot)
    {
        var problems = new List<string>();
        var lists = WordLists.ToDictionary(l => l.Name, _ => new List<(string Language, string Text)>(), StringComparer.Ordinal);
        var shorthand = new Dictionary<string, (IReadOnlyList<string> Words, string Origin)>(StringComparer.Ordinal);
        var ownShorthand = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        var notShorthand = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (language, relative, root) in LanguageFiles(contentRoot, problems))
        {
            var sections = root.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value ?? "", c => c, StringComparer.Ordinal);
            foreach (var name in SectionsOfWords(language).Where(n => !sections.ContainsKey(n)))
                problems.Add($"{relative}:{root.Start.Line}: missing section '{name}'");
            if (sections.TryGetValue("words", out var words))
                ReadWordLists(words, relative, language, lists, problems);
            if (sections.TryGetValue("shorthand", out var general))
            {
                foreach (var (form, (expansion, origin)) in ReadShorthand(general, relative, problems))
                {
                    if (shorthand.TryGetValue(form, out var other))
                        problems.Add($"{origin}: '{form}' already stands for '{string.Join(' ', other.Words)}' ({other.Origin})");
                    else
                        shorthand[form] = (expansion, origin);
                }
            }
            if (sections.TryGetValue("own_shorthand", out var own))
                ownShorthand[language] = ReadShorthand(own, relative, problems).ToDictionary(f => f.Key, f => f.Value.Words, StringComparer.Ordinal);
            if (sections.TryGetValue("not_shorthand", out var plain))
                notShorthand[language] = Words(OneWords(plain.Value, relative, "not_shorthand", problems));
        }
        IReadOnlySet<string> All(string name) => Words(lists[name].Select(e => e.Text));
        var lexicon = new Lexicon
        {
            Colleagues = All("colleagues"),
            Crowds = All("crowds"),
            CrowdArticles = All("crowd_articles"),
            RecurringTimes = [.. lists["recurring_times"].Select(e => (IReadOnlyList<string>)TextNormalizer.Normalize(e.Text).Split(' '))],
            CourtesyOpeners = All("courtesy_openers"),
            NanLeadIns = All("nan_lead_ins"),
            // Read as phrases of doubt, and told apart by how they are written.
            GeneralDoubts = [.. lists["general_doubts"].Select(e => e.Text)],
            Shorthand = shorthand.ToDictionary(s => s.Key, s => s.Value.Words, StringComparer.Ordinal),
            ShorthandIn = ownShorthand,
            NotShorthandIn = notShorthand,
            CaVerbs = All("ca_verbs"),
            Unstemmed = lists["unstemmed"].GroupBy(e => e.Language).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)Words(g.Select(e => e.Text)), StringComparer.Ordinal),
            ReflexiveFollowers = All("reflexive_followers"),
        };
        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new UnderstandingWords
        {
            Lexicon = lexicon,
            Followers = All("followers"),
            Killing = All("killing"),
            PastWatching = All("past_watching"),
            Happening = All("happening"),
            Border = All("border"),
            BorderJoints = All("border_joints"),
            WishLeadIns = All("wish_lead_ins"),
        };
    }

    private static HashSet<string> Words(IEnumerable<string> entries) => entries.Select(TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    /// <summary>The lists under <c>words:</c> in <paramref name="language"/>'s file, each entry with its language.</summary>
    private static void ReadWordLists(
        KeyValuePair<YamlNode, YamlNode> section, string file, string language, Dictionary<string, List<(string Language, string Text)>> lists,
        List<string> problems)
    {
        var expected = WordLists.Where(l => l.Languages.Contains(language)).ToList();
        if (section.Value is not YamlMappingNode map)
        {
            problems.Add($"{file}:{section.Key.Start.Line}: expected the lists of 'words', each with its words");
            return;
        }
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            var index = expected.FindIndex(l => l.Name == name);
            if (index < 0)
            {
                problems.Add($"{file}:{keyNode.Start.Line}: unknown list '{name}' (expected {string.Join(", ", expected.Select(l => l.Name))})");
                continue;
            }
            found.Add(name);
            var entries = expected[index].Phrases ? NonEmpty(value, file, name, problems) : OneWords(value, file, name, problems);
            lists[name].AddRange(entries.Select(e => (language, e)));
        }
        foreach (var missing in expected.Where(l => !found.Contains(l.Name)))
            problems.Add($"{file}:{section.Key.Start.Line}: missing list '{missing.Name}' under 'words'");
    }

    /// <summary>The phrases of a list, which must hold one at least.</summary>
    private static List<string> NonEmpty(YamlNode node, string file, string name, List<string> problems)
    {
        var phrases = Phrases(node, file, problems).Where(p =>
        {
            if (TextNormalizer.Normalize(p.Text).Length > 0)
                return true;
            problems.Add($"{p.Origin}: '{p.Text}' has no word");
            return false;
        }).Select(p => p.Text.Trim()).ToList();
        if (node is YamlSequenceNode { Children.Count: 0 })
            problems.Add($"{file}:{node.Start.Line}: '{name}' is empty");
        return phrases;
    }

    /// <summary>The words of a list, each one word once normalised; the list must hold one at least.</summary>
    private static List<string> OneWords(YamlNode node, string file, string name, List<string> problems)
    {
        var words = NonEmpty(node, file, name, problems);
        var bad = words.FindAll(w => TextNormalizer.Normalize(w).Contains(' ', StringComparison.Ordinal));
        foreach (var word in bad)
            problems.Add($"{file}:{LineOf(node, word)}: '{word}' is not one word");
        return words.Except(bad).ToList();
    }

    private static long LineOf(YamlNode list, string entry) =>
        list is YamlSequenceNode sequence && sequence.Children.FirstOrDefault(c => (c as YamlScalarNode)?.Value?.Trim() == entry) is { } item
            ? item.Start.Line
            : list.Start.Line;

    /// <summary>A map of what shorthand stands for to the ways it is typed, read as each way typed to its words.</summary>
    private static Dictionary<string, (IReadOnlyList<string> Words, string Origin)> ReadShorthand(
        KeyValuePair<YamlNode, YamlNode> section, string file, List<string> problems)
    {
        var forms = new Dictionary<string, (IReadOnlyList<string> Words, string Origin)>(StringComparer.Ordinal);
        var name = ((YamlScalarNode)section.Key).Value ?? "";
        if (section.Value is not YamlMappingNode { Children.Count: > 0 } map)
        {
            problems.Add($"{file}:{section.Key.Start.Line}: expected '{name}' to map what is meant to the ways it is typed");
            return forms;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var meant = TextNormalizer.Normalize(((YamlScalarNode)keyNode).Value);
            if (meant.Length == 0)
            {
                problems.Add($"{file}:{keyNode.Start.Line}: expected the words the shorthand stands for");
                continue;
            }
            foreach (var form in OneWords(value, file, meant, problems).Select(TextNormalizer.Normalize))
            {
                if (!forms.TryAdd(form, (meant.Split(' '), $"{file}:{keyNode.Start.Line}")))
                    problems.Add($"{file}:{keyNode.Start.Line}: '{form}' already stands for '{string.Join(' ', forms[form].Words)}' ({forms[form].Origin})");
            }
        }
        return forms;
    }

    /// <summary>Each language's <c>dialogs/understanding/{language}.yaml</c> that loads; a missing or unreadable one is a problem.</summary>
    private static IEnumerable<(string Language, string Relative, YamlMappingNode Root)> LanguageFiles(string contentRoot, List<string> problems)
    {
        foreach (var language in Language.All)
        {
            var relative = $"dialogs/understanding/{language}.yaml";
            var path = Path.Combine(contentRoot, "dialogs", "understanding", language + ".yaml");
            if (!File.Exists(path))
                problems.Add($"{relative}: file missing");
            else if (YamlEntry.LoadFile(path, relative, problems) is YamlMappingNode root)
                yield return (language, relative, root);
        }
    }

    /// <summary>
    /// The names of countries, their cities and regions (<c>knowledge/countries.yaml</c>) and the places of
    /// <c>dialogs/understanding/places.yaml</c>: typed, they are places, not slips of a vocabulary word. Both files are
    /// validated where they are loaded for what they say.
    /// </summary>
    private static IEnumerable<(string Text, string Origin)> ProperNames(string contentRoot)
    {
        var ignored = new List<string>();
        foreach (var relative in new[] { "knowledge/countries.yaml", "dialogs/understanding/places.yaml" })
        {
            var path = Path.Combine(contentRoot, relative);
            if (!File.Exists(path) || YamlEntry.LoadFile(path, relative, ignored) is not { } root)
                continue;
            foreach (var name in NamesIn(root, named: relative.EndsWith("places.yaml", StringComparison.Ordinal)))
                yield return (name.Value ?? "", $"{relative}:{name.Start.Line}");
        }
    }

    /// <summary>The scalars under "name", "aliases" and "demonyms" keys, or all of them once <paramref name="named"/>.</summary>
    private static IEnumerable<YamlScalarNode> NamesIn(YamlNode node, bool named) => node switch
    {
        YamlScalarNode scalar when named && !string.IsNullOrWhiteSpace(scalar.Value) => [scalar],
        YamlSequenceNode list => list.Children.SelectMany(c => NamesIn(c, named)),
        YamlMappingNode map => map.Children.SelectMany(p => NamesIn(p.Value,
            named || ((YamlScalarNode)p.Key).Value is "name" or "aliases" or "demonyms")),
        _ => [],
    };

    /// <summary>
    /// <c>dialogs/understanding/outweighs.yaml</c>, the same in every language: per question, the options that leave out
    /// another named in the same answer (<see cref="Outweighing"/>).
    /// </summary>
    private static List<Outweighing> Outweighs(string contentRoot, IReadOnlyDictionary<string, IReadOnlyList<string>> questions, List<string> problems)
    {
        const string relative = "dialogs/understanding/outweighs.yaml";
        var rules = new List<Outweighing>();
        foreach (var (question, known, map) in QuestionMaps(contentRoot, relative, questions, "its options", problems))
        {
            foreach (var (optionNode, outweighed) in map.Children)
            {
                var option = ((YamlScalarNode)optionNode).Value ?? "";
                foreach (var (other, origin) in Phrases(outweighed, relative, problems).Prepend((option, $"{relative}:{optionNode.Start.Line}")))
                {
                    if (!known.Contains(other))
                        problems.Add($"{origin}: '{other}' is not an option of '{question}'");
                }
                rules.AddRange(Phrases(outweighed, relative, []).Select(p => new Outweighing(question, option, p.Text)));
            }
        }
        return rules;
    }

    /// <summary>
    /// <c>dialogs/understanding/rereads.yaml</c>, the same in every language: per question, a marker and the options it
    /// makes read as another (<see cref="Rereading"/>).
    /// </summary>
    private static List<Rereading> Rereads(string contentRoot, IReadOnlyDictionary<string, IReadOnlyList<string>> questions, List<string> problems)
    {
        const string relative = "dialogs/understanding/rereads.yaml";
        var rules = new List<Rereading>();
        foreach (var (question, known, markerMap) in QuestionMaps(contentRoot, relative, questions, "its markers", problems))
        {
            foreach (var (markerNode, reads) in markerMap.Children)
            {
                var marker = ((YamlScalarNode)markerNode).Value ?? "";
                if (reads is not YamlMappingNode readMap)
                {
                    problems.Add($"{relative}:{markerNode.Start.Line}: expected a map of an option to the option it is read as");
                    continue;
                }
                // "after:" holds what is read so when said after the marker, a place ("in the cells"), or just before it.
                var after = readMap.Children.Where(c => ((YamlScalarNode)c.Key).Value == "after").Select(c => c.Value).OfType<YamlMappingNode>();
                var said = readMap.Children.Where(c => ((YamlScalarNode)c.Key).Value != "after").Select(c => (c, false))
                    .Concat(after.SelectMany(a => a.Children).Select(c => (c, true)));
                foreach (var ((optionNode, readAsNode), isAfter) in said)
                {
                    var (option, readAs) = (((YamlScalarNode)optionNode).Value ?? "", (readAsNode as YamlScalarNode)?.Value ?? "");
                    var unknown = new[] { marker, option, readAs }.Where(o => !known.Contains(o)).ToList();
                    if (unknown.Count > 0)
                        problems.Add($"{relative}:{optionNode.Start.Line}: '{string.Join("', '", unknown)}' is not an option of '{question}'");
                    else
                        rules.Add(new Rereading(question, marker, option, readAs, isAfter));
                }
            }
        }
        return rules;
    }

    /// <summary>
    /// The entries of a file kept the same in every language, a map of the interview's questions to a map of
    /// <paramref name="what"/>; an entry that is not is a problem named by its line. A missing file has none.
    /// </summary>
    private static IEnumerable<(string Question, IReadOnlyList<string> Options, YamlMappingNode Map)> QuestionMaps(
        string contentRoot, string relative, IReadOnlyDictionary<string, IReadOnlyList<string>> questions, string what, List<string> problems)
    {
        var path = Path.Combine(contentRoot, relative);
        if (!File.Exists(path) || YamlEntry.LoadFile(path, relative, problems) is not YamlMappingNode root)
            yield break;
        foreach (var (questionNode, value) in root.Children)
        {
            var question = ((YamlScalarNode)questionNode).Value ?? "";
            if (!questions.TryGetValue(question, out var known) || value is not YamlMappingNode map)
            {
                problems.Add($"{relative}:{questionNode.Start.Line}: expected a question of the interview, with a map of {what}");
                continue;
            }
            yield return (question, known, map);
        }
    }

    private static void ReadQuestions(
        YamlNode node, string file, string language, IReadOnlyDictionary<string, IReadOnlyList<string>> questions, bool anywhere,
        List<VocabularyLine> lines, List<string> problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Add($"{file}:{node.Start.Line}: expected a map of questions");
            return;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var question = ((YamlScalarNode)keyNode).Value ?? "";
            if (!questions.ContainsKey(question))
            {
                problems.Add($"{file}:{keyNode.Start.Line}: unknown question '{question}' (known: {string.Join(", ", questions.Keys)})");
                continue;
            }
            ReadOptions(question, value, file, language, questions, anywhere, lines, problems);
        }
    }

    private static void ReadOptions(
        string question, YamlNode node, string file, string language, IReadOnlyDictionary<string, IReadOnlyList<string>> questions, bool anywhere,
        List<VocabularyLine> lines, List<string> problems)
    {
        if (node is not YamlMappingNode options)
        {
            problems.Add($"{file}:{node.Start.Line}: expected the options of '{question}', each with its phrases");
            return;
        }
        foreach (var (keyNode, value) in options.Children)
        {
            var option = ((YamlScalarNode)keyNode).Value ?? "";
            if (!questions[question].Contains(option))
            {
                problems.Add($"{file}:{keyNode.Start.Line}: '{option}' is not an option of '{question}' (options: {string.Join(", ", questions[question])})");
                continue;
            }
            lines.AddRange(Phrases(value, file, problems).Select(p => new VocabularyLine(language, question, option, p.Text, p.Origin, anywhere)));
        }
    }

    private static IEnumerable<(string Text, string Origin)> Phrases(YamlNode node, string file, List<string> problems)
    {
        if (node is not YamlSequenceNode list)
        {
            problems.Add($"{file}:{node.Start.Line}: expected a list of phrases");
            yield break;
        }
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
                yield return (text, $"{file}:{item.Start.Line}");
            else
                problems.Add($"{file}:{item.Start.Line}: expected a phrase");
        }
    }
}
