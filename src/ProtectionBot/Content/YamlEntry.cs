using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProtectionBot.Content;

/// <summary>
/// One map of a content file (knowledge, texts), read field by field. Every problem is collected with the file and line of the field
/// (never thrown), so a caseworker sees all the mistakes of an edit at once. Reading a field marks it as known; what
/// is left unread at the end is a misspelt or unsupported key and is reported too.
/// </summary>
internal sealed class YamlEntry
{
    private readonly YamlMappingNode _map;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<string> _problems;

    public YamlEntry(YamlMappingNode map, string file, List<string> problems)
    {
        _map = map;
        File = file;
        _problems = problems;
    }

    public string File { get; }

    public int FirstLine => (int)_map.Start.Line;

    public string Origin => $"{File}:{FirstLine}";

    /// <summary>Reads a YAML file's root node, or reports why it cannot.</summary>
    public static YamlNode? LoadFile(string path, string relative, List<string> problems)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = System.IO.File.OpenText(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            problems.Add($"{relative}:{e.Start.Line}: {e.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way, without a position, on a list or map left open at the end.
            problems.Add($"{relative}: not valid YAML; look for a '[' or '{{' that is never closed");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            problems.Add($"{relative}:1: the file is empty");
            return null;
        }
        return stream.Documents[0].RootNode;
    }

    /// <summary>The maps of a list, each as an entry; anything else in the list is reported; null (an unreadable file) gives none.</summary>
    public static IEnumerable<YamlEntry> Entries(YamlNode? list, string file, List<string> problems, string what)
    {
        if (list is null)
            yield break; // already reported: the file could not be read
        if (list is not YamlSequenceNode sequence)
        {
            problems.Add($"{file}:{Line(list)}: expected a list of {what}");
            yield break;
        }
        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode map)
                yield return new YamlEntry(map, file, problems);
            else
                problems.Add($"{file}:{Line(item)}: expected one of the {what} (a map of keys), found '{item}'");
        }
    }

    public void Problem(string message) => _problems.Add($"{Origin}: {message}");

    public string? String(string key, bool required = true)
    {
        var node = Node(key, required);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } value } when !string.IsNullOrWhiteSpace(value):
                return value.Trim();
            default:
                Report(node, $"'{key}' must be a text");
                return null;
        }
    }

    /// <summary>A text in es, fr and en, each present, non-empty and no other language.</summary>
    public LocalizedText? Localized(string key, bool required = true)
    {
        var node = Node(key, required);
        if (node is null)
            return null;
        if (node is not YamlMappingNode map)
        {
            Report(node, $"'{key}' must give the text in each language: {{ es: …, fr: …, en: … }}");
            return null;
        }
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (languageNode, textNode) in map.Children)
        {
            var language = ((YamlScalarNode)languageNode).Value ?? "";
            if (!Language.All.Contains(language))
                Report(languageNode, $"'{key}' has a text in '{language}'; the bot's languages are {string.Join(", ", Language.All)}");
            else if (textNode is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
                texts[language] = text.Trim();
            else
                Report(textNode, $"'{key}.{language}' is empty");
        }
        var missing = Language.All.Where(l => !texts.ContainsKey(l)).ToList();
        if (missing.Count > 0)
        {
            Report(node, $"'{key}' has no text in {string.Join(", ", missing)}");
            return null;
        }
        return new LocalizedText(texts[Language.Spanish], texts[Language.French], texts[Language.English]);
    }

    /// <summary>
    /// A list of texts; a single text is taken as a list of one. <paramref name="allowEmpty"/> lets a required list be
    /// written empty on purpose (<c>languages: []</c>: nobody confirmed them).
    /// </summary>
    public IReadOnlyList<string> Strings(string key, bool required = true, bool allowEmpty = false)
    {
        var node = Node(key, required);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode { Value: { } single } when !string.IsNullOrWhiteSpace(single):
                return [single.Trim()];
            case YamlSequenceNode list:
                var values = new List<string>();
                foreach (var item in list.Children)
                {
                    if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
                        values.Add(value.Trim());
                    else
                        Report(item, $"'{key}' must be a list of texts");
                }
                if (required && !allowEmpty && list.Children.Count == 0)
                    Report(node, $"'{key}' is empty");
                return values;
            default:
                Report(node, $"'{key}' must be a list");
                return [];
        }
    }

    /// <summary>A list of codes, each one from <paramref name="allowed"/>.</summary>
    public IReadOnlyList<string> Codes(string key, IReadOnlyCollection<string> allowed, bool required = true, Func<string, bool>? alsoAllowed = null, bool allowEmpty = false)
    {
        var codes = Strings(key, required, allowEmpty);
        var node = Node(key, required: false);
        foreach (var code in codes)
        {
            if (!allowed.Contains(code) && alsoAllowed?.Invoke(code) != true)
                Report(node, $"'{key}' has an unknown code '{code}'; allowed: {string.Join(", ", allowed)}");
        }
        return codes.Distinct(StringComparer.Ordinal).ToList();
    }

    public string? Code(string key, IReadOnlyCollection<string> allowed)
    {
        var code = String(key);
        if (code is not null && !allowed.Contains(code))
        {
            Report(Node(key, required: false), $"'{key}' has an unknown code '{code}'; allowed: {string.Join(", ", allowed)}");
            return null;
        }
        return code;
    }

    public IReadOnlyList<Uri> Links(string key, bool required = true)
    {
        var links = new List<Uri>();
        foreach (var text in Strings(key, required))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                links.Add(uri);
            else
                Report(Node(key, required: false), $"'{key}' has '{text}', which is not a full http(s) address");
        }
        return links;
    }

    public DateOnly? Date(string key, bool required = true)
    {
        var text = String(key, required);
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Report(Node(key, required: false), $"'{key}' must be a date written YYYY-MM-DD, found '{text}'");
        return null;
    }

    /// <summary>
    /// A list of texts in each language (<c>{ es: [...], fr: [...], en: [...] }</c>); a language may be left out only
    /// when <paramref name="everyLanguage"/> is false.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? LocalizedLists(string key, bool everyLanguage = true)
    {
        var node = Node(key, required: true);
        if (node is null)
            return null;
        if (node is not YamlMappingNode map)
        {
            Report(node, $"'{key}' must give a list in each language: {{ es: [...], fr: [...], en: [...] }}");
            return null;
        }
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (languageNode, listNode) in map.Children)
        {
            var language = ((YamlScalarNode)languageNode).Value ?? "";
            if (!Language.All.Contains(language))
            {
                Report(languageNode, $"'{key}' has a list in '{language}'; the bot's languages are {string.Join(", ", Language.All)}");
                continue;
            }
            var texts = listNode switch
            {
                YamlScalarNode { Value: { } one } when !string.IsNullOrWhiteSpace(one) => [one.Trim()],
                YamlSequenceNode list when list.Children.Count > 0 && list.Children.All(c => c is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)) =>
                    list.Children.Select(c => ((YamlScalarNode)c).Value!.Trim()).ToList(),
                _ => null,
            };
            if (texts is null)
                Report(listNode, $"'{key}.{language}' must be a list of non-empty texts");
            else
                lists[language] = texts;
        }
        var missing = Language.All.Where(l => !lists.ContainsKey(l)).ToList();
        if (everyLanguage && missing.Count > 0)
        {
            Report(node, $"'{key}' has no list in {string.Join(", ", missing)}");
            return null;
        }
        return lists;
    }

    /// <summary>A moment with its UTC offset (<c>2026-01-15T23:59:00+01:00</c>): a deadline is meaningless without its zone.</summary>
    public DateTimeOffset? Moment(string key, bool required = true)
    {
        var text = String(key, required);
        if (text is null)
            return null;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mmzzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            return moment;
        Report(Node(key, required: false), $"'{key}' must be a date and time with its UTC offset, e.g. 2026-01-15T23:59:00+01:00, found '{text}'");
        return null;
    }

    /// <summary>The <c>last_verified</c> date, which cannot be in the future: nobody checked a fact tomorrow.</summary>
    public DateOnly LastVerified(DateOnly today)
    {
        var date = Date("last_verified");
        if (date > today)
            Problem($"'last_verified' is {date:yyyy-MM-dd}, a date in the future");
        return date ?? DateOnly.MinValue;
    }

    /// <summary>A nested map (<c>hours: { from: …, to: … }</c>), read as an entry of its own; null when absent or not a map.</summary>
    public YamlEntry? Map(string key, bool required = true)
    {
        var node = Node(key, required);
        if (node is null)
            return null;
        if (node is YamlMappingNode map)
            return new YamlEntry(map, File, _problems);
        Report(node, $"'{key}' must be a map of keys");
        return null;
    }

    /// <summary><c>true</c> or <c>false</c>; <paramref name="fallback"/> when absent.</summary>
    public bool Flag(string key, bool fallback = false)
    {
        var text = String(key, required: false);
        if (text is null)
            return fallback;
        if (bool.TryParse(text, out var value))
            return value;
        Report(Node(key, required: false), $"'{key}' must be true or false, found '{text}'");
        return fallback;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public int? Number(string key, int min, int max, bool required = true)
    {
        var text = String(key, required);
        if (text is null)
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        Report(Node(key, required: false), max == int.MaxValue
            ? $"'{key}' must be a whole number of at least {min}, found '{text}'"
            : $"'{key}' must be a whole number from {min} to {max}, found '{text}'");
        return null;
    }

    public IEnumerable<YamlEntry> List(string key, string what, bool required = true)
    {
        var node = Node(key, required);
        return node is null ? [] : Entries(node, File, _problems, what);
    }

    /// <summary>Reports every key that was never read: a typo ("situation:") or a field the bot does not know.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (keyNode, _) in _map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!_read.Contains(key))
                Report(keyNode, $"unknown key '{key}'");
        }
    }

    private YamlNode? Node(string key, bool required)
    {
        _read.Add(key);
        if (_map.Children.TryGetValue(new YamlScalarNode(key), out var node)
            && !(node is YamlScalarNode { Value: null or "" } scalar && scalar.Style == ScalarStyle.Plain))
        {
            return node;
        }
        if (required)
            Problem($"'{key}' is missing");
        return null;
    }

    private void Report(YamlNode? node, string message) =>
        _problems.Add($"{File}:{(node is null ? FirstLine : Line(node))}: {message}");

    private static int Line(YamlNode? node) => node is null ? 1 : (int)node.Start.Line;
}
