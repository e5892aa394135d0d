using BotProtocol.Recognizers;
using ProtectionBot.Content;
using YamlDotNet.RepresentationModel;

namespace ProtectionBot.Knowledge.Countries;

/// <summary>
/// Places, groups and laws that belong to one country, so that saying them in passing tells where the person is:
/// "soy líder social en el Cauca" (Colombia), "they red-tag me as NPA" (the Philippines), "les Imbonerakure" (Burundi).
/// Kept in <c>dialogs/understanding/places.yaml</c>, matched like the vocabularies (stems, small typos), checked at
/// start-up against the countries the bot knows. A message naming places of two countries tells none.
/// </summary>
internal sealed class CountryHints
{
    private const string Relative = "dialogs/understanding/places.yaml";

    private readonly Dictionary<string, List<(string Code, Phrase Phrase)>> _byLanguage;

    private CountryHints(Dictionary<string, List<(string Code, Phrase Phrase)>> byLanguage) => _byLanguage = byLanguage;

    /// <summary>The one country <paramref name="utterance"/> names a place of, or null (none, or places of several).</summary>
    /// <param name="known">
    /// Words of the vocabularies: typed, one is itself and no slip of a place's name, so the Ecuadorian police's "chapas"
    /// is not the Mexican "Chiapas".
    /// </param>
    public string? Of(Utterance utterance, IReadOnlySet<string>? known = null)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        if (!_byLanguage.TryGetValue(utterance.Language, out var hints))
            return null;
        var codes = hints.Where(h => h.Phrase.FindIn(utterance, known).Any()).Select(h => h.Code).Distinct().ToList();
        return codes is [var code] ? code : null;
    }

    public static CountryHints Load(string contentRoot, CountryCatalog countries, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(lexicon);
        var problems = new List<string>();
        var byLanguage = Language.All.ToDictionary(l => l, _ => new List<(string, Phrase)>(), StringComparer.Ordinal);
        var path = Path.Combine(contentRoot, "dialogs", "understanding", "places.yaml");
        if (!File.Exists(path))
            problems.Add($"{Relative}: file missing");
        else if (YamlEntry.LoadFile(path, Relative, problems) is YamlMappingNode root)
        {
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (codeNode, names) in root.Children)
            {
                var code = ((YamlScalarNode)codeNode).Value ?? "";
                var at = $"{Relative}:{codeNode.Start.Line}";
                if (!countries.Contains(code))
                    problems.Add($"{at}: '{code}' is not a country of knowledge/countries.yaml");
                if (names is not YamlSequenceNode list)
                {
                    problems.Add($"{at}: expected a list of places, groups or laws of {code}");
                    continue;
                }
                foreach (var item in list.Children)
                {
                    var text = (item as YamlScalarNode)?.Value;
                    var origin = $"{Relative}:{item.Start.Line}";
                    var normalized = TextNormalizer.Normalize(text);
                    if (normalized.Length == 0)
                    {
                        problems.Add($"{origin}: expected a place name");
                        continue;
                    }
                    if (owners.TryGetValue(normalized, out var owner) && owner != code)
                        problems.Add($"{origin}: '{text}' is listed under {owner} and {code}; a place of two countries tells none");
                    // The country question reads the catalogue's aliases: both must send a place to the same country.
                    if (countries.Match(text).Country is { } named && named.Code != code)
                        problems.Add($"{origin}: '{text}' is {named.Code} in knowledge/countries.yaml, not {code}");
                    owners[normalized] = code;
                    foreach (var language in Language.All)
                    {
                        if (Phrase.Compile(text!, language, lexicon) is { } phrase)
                            byLanguage[language].Add((code, phrase));
                    }
                }
            }
        }
        else if (problems.Count == 0)
            problems.Add($"{Relative}:1: expected country codes, each with a list of places");
        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new CountryHints(byLanguage);
    }
}
