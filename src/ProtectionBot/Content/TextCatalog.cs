using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ProtectionBot.Content;

/// <summary>
/// Every user-facing text by key and language, read from every <c>dialogs/texts/{es,fr,en}/*.yaml</c> (one file per area of the conversation). Nested YAML maps
/// become dotted keys (<c>interview.danger.ask</c>). A value is a text or a list of texts (e.g. words that trigger a
/// command). Loading fails, naming file and line, when a key is missing, empty or left untranslated in a language.
/// </summary>
internal sealed class TextCatalog
{
    private readonly Dictionary<string, Dictionary<string, TextEntry>> _byLanguage;

    private TextCatalog(Dictionary<string, Dictionary<string, TextEntry>> byLanguage) => _byLanguage = byLanguage;

    public IEnumerable<string> Keys => _byLanguage[Language.Default].Keys;

    /// <summary>The text for <paramref name="key"/>, with <c>{0}</c>-style arguments filled in.</summary>
    public string Get(string language, string key, params object?[] arguments)
    {
        var text = Entry(language, key).Texts[0];
        return arguments.Length == 0 ? text : string.Format(CultureInfo.GetCultureInfo(language), text, arguments);
    }

    public IReadOnlyList<string> GetList(string language, string key) => Entry(language, key).Texts;

    /// <summary>Whether <paramref name="key"/> exists (then in every language: loading checks that).</summary>
    public bool Has(string key) => _byLanguage[Language.Default].ContainsKey(key);

    /// <summary>Where <paramref name="key"/> is written, as <c>file:line</c>, for content checks that name it.</summary>
    public string Origin(string language, string key)
    {
        var entry = Entry(language, key);
        return $"{entry.File}:{entry.Line}";
    }

    /// <summary>The keys that start with <paramref name="prefix"/> (e.g. <c>courses.asks.</c>), in the default language.</summary>
    public IEnumerable<string> KeysUnder(string prefix) => Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The list under <paramref name="key"/> in every language at once (commands work whatever language is active).</summary>
    public IEnumerable<string> GetListInAllLanguages(string key) => Language.All.SelectMany(l => GetList(l, key));

    private TextEntry Entry(string language, string key) =>
        _byLanguage.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var entry)
            ? entry
            : throw new KeyNotFoundException($"No text '{key}' in language '{language}'.");

    public static TextCatalog Load(string contentRoot)
    {
        var problems = new List<string>();
        var byLanguage = new Dictionary<string, Dictionary<string, TextEntry>>();
        foreach (var language in Language.All)
        {
            var folder = Path.Combine(contentRoot, "dialogs", "texts", language);
            var entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal);
            byLanguage[language] = entries;
            if (!Directory.Exists(folder))
            {
                problems.Add($"dialogs/texts/{language}/: folder missing");
                continue;
            }
            foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
                Read($"dialogs/texts/{language}/{Path.GetFileName(path)}", path, entries, problems);
        }

        CheckCompleteness(byLanguage, problems);
        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new TextCatalog(byLanguage);
    }

    private static void Read(string relative, string path, Dictionary<string, TextEntry> entries, List<string> problems)
    {
        var root = YamlEntry.LoadFile(path, relative, problems);
        if (root is null)
            return;
        if (root is not YamlMappingNode map)
        {
            problems.Add($"{relative}:1: expected a map of text keys");
            return;
        }
        Flatten(map, prefix: "", relative, entries, problems);
    }

    private static void Flatten(YamlMappingNode map, string prefix, string file, Dictionary<string, TextEntry> entries, List<string> problems)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = prefix + ((YamlScalarNode)keyNode).Value;
            var line = (int)keyNode.Start.Line;
            switch (valueNode)
            {
                case YamlMappingNode child:
                    Flatten(child, key + ".", file, entries, problems);
                    break;
                case not YamlMappingNode when entries.TryGetValue(key, out var first):
                    problems.Add($"{file}:{line}: '{key}' is already defined at {first.File}:{first.Line}");
                    break;
                case YamlScalarNode { Value: { } text } when !string.IsNullOrWhiteSpace(text):
                    entries[key] = new TextEntry([text.Trim()], file, line);
                    break;
                case YamlSequenceNode list when list.Children.Count > 0 && list.Children.All(c => c is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)):
                    entries[key] = new TextEntry([.. list.Children.Select(c => ((YamlScalarNode)c).Value!.Trim())], file, line);
                    break;
                default:
                    problems.Add($"{file}:{line}: '{key}' is empty; give it a text or a list of texts");
                    break;
            }
        }
    }

    private static void CheckCompleteness(Dictionary<string, Dictionary<string, TextEntry>> byLanguage, List<string> problems)
    {
        var allKeys = byLanguage.Values.SelectMany(e => e.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var key in allKeys.Order(StringComparer.Ordinal))
        {
            var present = byLanguage.Where(l => l.Value.ContainsKey(key)).ToList();
            var example = present[0].Value[key];
            foreach (var (language, entries) in byLanguage)
            {
                if (!entries.ContainsKey(key))
                    problems.Add($"dialogs/texts/{language}/: '{key}' is missing (see {example.File}:{example.Line})");
            }
            // The same sentence in two languages is a forgotten translation, unless it is a proper name or a short label.
            var duplicated = present
                .Where(p => p.Value[key].Texts.Count == 1 && p.Value[key].Texts[0].Length > 24)
                .GroupBy(p => p.Value[key].Texts[0], StringComparer.Ordinal)
                .Where(g => g.Count() > 1);
            foreach (var group in duplicated)
            {
                var entry = group.Last().Value[key];
                problems.Add($"{entry.File}:{entry.Line}: '{key}' is identical in {string.Join(" and ", group.Select(g => g.Key))}: translate it");
            }
        }
    }

    private sealed record TextEntry(IReadOnlyList<string> Texts, string File, int Line);
}
