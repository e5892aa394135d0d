using System.Collections.Frozen;
using System.Globalization;
using BotProtocol.Recognizers;
using ProtectionBot.Content;

namespace ProtectionBot.Knowledge.Countries;

/// <summary>What a typed country name matched: one country, or the few it could be.</summary>
public sealed record CountryMatch(Country? Country, IReadOnlyList<Country> Candidates)
{
    public static readonly CountryMatch None = new(null, []);
}

/// <summary>
/// The countries of <c>knowledge/countries.yaml</c> and how a typed name finds one. A name matches in any of the three
/// languages, with or without accents and capitals, as a listed other spelling ("RDC", "EEUU"), with a typo or two
/// ("Colmbia"), or inside a sentence ("estoy en Guatemala"). A name two countries share ("Congo") gives both, for the
/// person to choose; a guess is never made between them.
/// </summary>
public sealed class CountryCatalog
{
    private readonly FrozenDictionary<string, Country> _byCode;
    private readonly FrozenDictionary<string, Country[]> _byName;

    private CountryCatalog(IReadOnlyList<Country> countries)
    {
        All = countries;
        _byCode = countries.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _byName = countries
            .SelectMany(c => Names(c).Select(name => (name, country: c)))
            .GroupBy(n => n.name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(n => n.country).Distinct().ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<Country> All { get; }

    public Country? Find(string code) => _byCode.GetValueOrDefault(code);

    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>The region's countries sorted by their name in <paramref name="language"/>, as a list to pick from.</summary>
    public IReadOnlyList<Country> InRegion(string region, string language)
    {
        var compare = CultureInfo.GetCultureInfo(language).CompareInfo;
        return [.. All.Where(c => c.Region == region).OrderBy(c => c.Name.In(language), Comparer<string>.Create((a, b) => compare.Compare(a, b, CompareOptions.IgnoreNonSpace)))];
    }

    public CountryMatch Match(string? typed)
    {
        var said = TextNormalizer.Normalize(typed);
        if (said.Length == 0)
            return CountryMatch.None;
        if (_byName.TryGetValue(said, out var exact))
            return Result(exact);
        if (Closest(said) is { Length: > 0 } close)
            return Result(close);
        return Result(Mentioned(said));
    }

    /// <summary>The names within typo distance of the whole answer; only the nearest ones count.</summary>
    private Country[] Closest(string said)
    {
        var best = int.MaxValue;
        var found = new List<Country>();
        foreach (var (name, countries) in _byName)
        {
            var distance = FuzzyMatch.Distance(said, name);
            if (distance < 0 || distance > best)
                continue;
            if (distance < best)
            {
                best = distance;
                found.Clear();
            }
            found.AddRange(countries);
        }
        return [.. found.Distinct()];
    }

    /// <summary>Names that appear as whole words inside a sentence; the longest wins ("guinea ecuatorial" over "guinea").</summary>
    private Country[] Mentioned(string said)
    {
        var padded = $" {said} ";
        var mentioned = _byName
            .Where(n => n.Key.Length >= 4 && padded.Contains($" {n.Key} ", StringComparison.Ordinal))
            .ToList();
        if (mentioned.Count == 0)
            return [];
        var longest = mentioned.Max(n => n.Key.Length);
        return [.. mentioned.Where(n => n.Key.Length == longest).SelectMany(n => n.Value).Distinct()];
    }

    private static CountryMatch Result(Country[] countries) => countries.Length switch
    {
        0 => CountryMatch.None,
        1 => new CountryMatch(countries[0], countries),
        _ => new CountryMatch(null, countries),
    };

    private static IEnumerable<string> Names(Country country) =>
        new[] { country.Name.Es, country.Name.Fr, country.Name.En }.Concat(country.Aliases)
            .Select(TextNormalizer.Normalize)
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal);

    public static CountryCatalog Load(string contentRoot)
    {
        const string relative = "knowledge/countries.yaml";
        var problems = new List<string>();
        var path = Path.Combine(contentRoot, "knowledge", "countries.yaml");
        var countries = new List<Country>();
        if (!File.Exists(path))
            problems.Add($"{relative}: file missing");
        else if (YamlEntry.LoadFile(path, relative, problems) is YamlDotNet.RepresentationModel.YamlMappingNode root)
        {
            var file = new YamlEntry(root, relative, problems);
            file.Strings("sources");
            file.Date("last_verified");
            foreach (var entry in file.List("countries", "countries"))
            {
                if (ReadCountry(entry) is { } country)
                    countries.Add(country);
            }
            file.RejectUnknownKeys();
        }
        else if (problems.Count == 0)
            problems.Add($"{relative}:1: expected 'sources', 'last_verified' and 'countries'");

        foreach (var group in countries.GroupBy(c => c.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"{relative}: '{group.Key}' is listed {group.Count()} times");
        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new CountryCatalog(countries);
    }

    private static Country? ReadCountry(YamlEntry entry)
    {
        var code = entry.String("code");
        var name = entry.Localized("name");
        var aliases = entry.Strings("aliases", required: false);
        var region = entry.Code("region", KnowledgeCodes.Regions);
        var memberships = entry.Codes("memberships", KnowledgeCodes.Memberships, required: false);
        var callingCode = entry.String("calling_code", required: false);
        var language = entry.String("language", required: false);
        entry.RejectUnknownKeys();
        if (code is not null && !(code.Length == 2 && code.All(char.IsAsciiLetterUpper)))
        {
            entry.Problem($"'code' is '{code}'; use the two capital letters of ISO 3166-1 (e.g. CO)");
            return null;
        }
        if (callingCode is not null && !callingCode.All(char.IsAsciiDigit))
            entry.Problem($"'calling_code' is '{callingCode}'; write only digits, without '+'");
        if (language is not null && !Language.All.Contains(language))
            entry.Problem($"'language' is '{language}'; use one of {string.Join(", ", Language.All)}");
        if (code is null || name is null || region is null)
            return null;
        return new Country
        {
            Code = code,
            Name = name,
            Aliases = aliases,
            Region = region,
            Memberships = memberships.ToFrozenSet(StringComparer.Ordinal),
            CallingCode = callingCode,
            Language = language is not null && Language.All.Contains(language) ? language : null,
        };
    }
}
