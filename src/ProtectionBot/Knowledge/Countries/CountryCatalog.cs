using System.Collections.Frozen;
using System.Globalization;
using BotProtocol.Recognizers;
using ProtectionBot.Content;

namespace ProtectionBot.Knowledge.Countries;

/// <summary>What a typed country name matched: one country, or the few it could be.</summary>
internal sealed record CountryMatch(Country? Country, IReadOnlyList<Country> Candidates)
{
    public static readonly CountryMatch None = new(null, []);

    /// <summary>
    /// Where the person says they live now, when it is not where it happens: "Venezuela, but I live in Colombia now" is
    /// Venezuela, and a move already made.
    /// </summary>
    public Country? NowIn { get; init; }
}

/// <summary>
/// The countries of <c>knowledge/countries.yaml</c> and how a typed name finds one. A name matches in any of the three
/// languages, with or without accents and capitals, as a listed other spelling ("RDC", "EEUU"), with a typo or two
/// ("Colmbia"), or inside a sentence ("estoy en Guatemala"). A name two countries share ("Congo"), or two countries
/// named in one answer ("guatemala y méxico, estoy en la frontera"), give both, for the person to choose; a guess is
/// never made between them.
/// </summary>
internal sealed class CountryCatalog
{
    /// <summary>Short names are everyday words too ("us", and "usa" in Spanish): inside a sentence only longer ones count.</summary>
    private const int MentionedFrom = 4;

    private readonly FrozenDictionary<string, Country> _byCode;
    private readonly FrozenDictionary<string, Country[]> _byName;

    // Every name once, in the order of _byName: what several names match is listed in that order.
    private readonly (string Name, Country[] Countries, ulong Letters)[] _names;

    // Positions in _names by the length of the name, for the typos: a typo changes the length by a letter or two.
    private readonly int[][] _byLength;

    // Positions in _names of the names that count inside a sentence, looked up by a run of the sentence's words.
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _mentionable;
    private readonly int _mostWordsInName;

    // Words of something happening, and of a border, that tell where it happens (dialogs/understanding).
    private readonly UnderstandingWords _words;

    // Names that are what a country's people are called ("venezolana"), not the country.
    private readonly HashSet<string> _demonyms;

    private CountryCatalog(IReadOnlyList<Country> countries, UnderstandingWords words)
    {
        _words = words;
        All = countries;
        _byCode = countries.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _byName = countries
            .SelectMany(c => Names(c).Select(name => (name, country: c)))
            .GroupBy(n => n.name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(n => n.country).Distinct().ToArray(), StringComparer.Ordinal);
        _names = [.. _byName.Select(n => (n.Key, n.Value, FuzzyMatch.LetterSet(n.Key)))];
        var longest = _names.Length == 0 ? 0 : _names.Max(n => n.Name.Length);
        var ofLength = Enumerable.Range(0, _names.Length).ToLookup(i => _names[i].Name.Length);
        _byLength = [.. Enumerable.Range(0, longest + 1).Select(length => ofLength[length].ToArray())];
        _demonyms = [.. countries.SelectMany(c => c.Demonyms).Select(TextNormalizer.Normalize)];
        var mentionable = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            if (_names[i].Name.Length >= MentionedFrom)
                mentionable[_names[i].Name] = i;
        }
        _mentionable = mentionable.GetAlternateLookup<ReadOnlySpan<char>>();
        _mostWordsInName = mentionable.Keys.Select(n => n.Count(' ') + 1).DefaultIfEmpty(0).Max();
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
        // "le Congo", "en guate", "the States": the small words before a name are no part of it ("el salvador" is, and
        // was found whole above), and would otherwise make a typo of another name ("le congo" is two slips from "rd congo").
        var name = WithoutLeadingSmallWords(said);
        if (name != said && _byName.TryGetValue(name, out var named))
            return Result(named);
        if (Closest(name) is { Length: > 0 } close)
            return Result(close);
        if (Mentioned(said) is { Length: > 0 } mentioned)
            return mentioned.Length > 1 && (WhereItHappens(said) ?? BesideTheBorder(said) ?? ThreatenedHere(said) ?? LivingElsewhereNow(said) ?? LeftFor(said, mentioned) ?? InExileFrom(said, mentioned) ?? WhereOverNationality(said)) is { } settled
                ? settled
                : Result(mentioned);
        return Result(MentionedWithATypo(said));
    }

    /// <summary>Living somewhere, said in so many words: enough alone after a "but".</summary>
    private static readonly HashSet<string> Living = new(StringComparer.Ordinal)
    {
        "live", "living", "moved", "based", "reside", "residing", "relocated", "exiled", "exile", "refugee",
        "vivo", "vivimos", "resido", "residimos", "radico", "mude", "mudamos", "exiliado", "exiliada", "exilio", "refugiado", "refugiada",
        "vis", "vit", "vivons", "habite", "habitons", "installe", "installee", "installes", "exil", "exilee", "refugie", "refugiee",
    };

    /// <summary>
    /// Being somewhere: after a "but", only with a word of a move already made ("pero ya estamos en México", "but i am in
    /// Colombia since 2022", "but im in vilnius now, left after 2020"); "honduras pero ahorita estoy en nicaragua" may be
    /// a stay, and is asked about.
    /// </summary>
    private static readonly HashSet<string> Being = new(StringComparer.Ordinal)
    {
        "am", "im", "m", "stay", "staying", "estoy", "estamos", "suis", "sommes",
    };

    private static readonly HashSet<string> Settled = new(StringComparer.Ordinal) { "since", "already", "ya", "desde", "depuis", "deja", "desormais", "now", "ahora", "maintenant", "mnt" };

    /// <summary>Words that add a place to another: "they follow me also here" names two places, and is asked about.</summary>
    private static readonly HashSet<string> Adding = new(StringComparer.Ordinal) { "also", "too", "even", "tambien", "hasta", "aussi", "meme" };

    /// <summary>
    /// "je suis à Dakar mnt mais tout ça se passe en Guinée", "it happened in monrovia but i am in accra now", "vivo en
    /// España pero lo que pasa es en Honduras": the one country named just after a word of happening is where it happens.
    /// </summary>
    private CountryMatch? WhereItHappens(string said)
    {
        var words = said.Split(' ');
        var mentions = Mentions(said);
        bool IsHappening((int First, int Last, int Name) m) =>
            !_demonyms.Contains(_names[m.Name].Name) && Enumerable.Range(Math.Max(0, m.First - 4), Math.Min(4, m.First)).Any(i => _words.Happening.Contains(words[i]));
        var named = mentions.Where(IsHappening).SelectMany(m => _names[m.Name].Countries).Distinct().ToList();
        // "soy nica pero estoy en costa rica, lo que pasa es allá en nicaragua": the nationality of the country where it
        // happens is no other place.
        var others = mentions.Where(m => !IsHappening(m) && !(named.Count == 1 && _demonyms.Contains(_names[m.Name].Name) && _names[m.Name].Countries.Contains(named[0])))
            .SelectMany(m => _names[m.Name].Countries).ToList();
        return named is [var there] && others.Count > 0 && !others.Contains(there) ? new CountryMatch(there, [there]) { NowIn = others.Distinct().Count() == 1 ? others[0] : null } : null;
    }

    /// <summary>
    /// "Rep. Dominicana, en la frontera con Haití", "au Bénin, à la frontière avec le Nigeria", "Kenya, on the border with
    /// Somalia": the country named after the border is the neighbour; the one other country is where it happens. A border
    /// named by both ("on the Kenya Uganda border", "entre le Mali et le Burkina") is still asked about.
    /// </summary>
    private CountryMatch? BesideTheBorder(string said)
    {
        var words = said.Split(' ');
        var mentions = Mentions(said);
        bool Beyond((int First, int Last, int Name) m)
        {
            var before = m.First - 1;
            if (before >= 0 && before < words.Length && (words[before] is "la" or "le" or "l" or "el" or "the"))
                before--;
            return before >= 1 && before < words.Length && _words.BorderJoints.Contains(words[before]) && _words.Border.Contains(words[before - 1]);
        }
        var neighbours = mentions.Where(Beyond).SelectMany(m => _names[m.Name].Countries).Distinct().ToList();
        var here = mentions.Where(m => !Beyond(m)).SelectMany(m => _names[m.Name].Countries).Distinct().ToList();
        return neighbours.Count > 0 && here is [var one] && !neighbours.Contains(one) ? new CountryMatch(one, [one]) : null;
    }

    /// <summary>
    /// "Parti en 2022", "me tocó salir", "tuve que irme": gone, or made to go, after a "but", is a move made. Not a flight
    /// word elsewhere: "le parti au pouvoir".
    /// </summary>
    private static readonly HashSet<string> Departed = new(StringComparer.Ordinal)
    {
        "parti", "partie", "partis", "parties", "sorti", "sortie", "sortis", "gone", "toco", "tuve", "tuvimos",
    };

    /// <summary>"Here": the country named after it is where it happens (<see cref="ThreatenedHere"/>).</summary>
    private static readonly HashSet<string> Here = new(StringComparer.Ordinal) { "aqui", "aca", "ici", "here" };

    /// <summary>
    /// "Venezuela, but i am in Colombia since 2022", "es en Honduras pero ya estamos en México", "au Cameroun, mais je
    /// vis à Paris maintenant": where it happens, then, after a "but", where the person lives now. The country named
    /// before the "but" is the answer, the other is where they went; "soy de Honduras pero estoy en Nicaragua", with no
    /// word of living there now, is still asked about.
    /// </summary>
    private CountryMatch? LivingElsewhereNow(string said)
    {
        var words = said.Split(' ');
        var but = Array.FindIndex(words, LanguageRules.IsContrast);
        if (but <= 0)
            return null;
        var after = words[(but + 1)..];
        // "belarus but im in vilnius now, left after 2020": a word of leaving says the move is made.
        if (!after.Any(Living.Contains) && !(after.Any(Being.Contains) && after.Any(w => Settled.Contains(w) || Fleeing.Contains(w) || Departed.Contains(w))))
            return null;
        var before = Mentioned(string.Join(' ', words[..but]));
        var now = Mentioned(string.Join(' ', after));
        return before is [var home] && now is [var elsewhere] && elsewhere != home
            ? new CountryMatch(home, [home]) { NowIn = elsewhere }
            : null;
    }

    /// <summary>
    /// "i'm Sudanese but they threaten me here in Egypt", "soy venezolana pero me amenazan aquí en Colombia", "Honduras,
    /// pero aquí en México": the one country named after "here" is where it happens; a nationality, or a country said
    /// before, is where the person comes from.
    /// </summary>
    private CountryMatch? ThreatenedHere(string said)
    {
        var at = Array.FindIndex(said.Split(' '), Here.Contains);
        // "Tajikistan but they follow me also here in Moscow": here too, not instead.
        if (at < 0 || said.Split(' ').Any(Adding.Contains))
            return null;
        var mentions = Mentions(said);
        bool IsHere((int First, int Last, int Name) m) => m.First > at && !_demonyms.Contains(_names[m.Name].Name);
        var named = mentions.Where(IsHere).SelectMany(m => _names[m.Name].Countries).Distinct().ToList();
        var from = mentions.Where(m => !IsHere(m)).SelectMany(m => _names[m.Name].Countries).ToList();
        return named is [var here] && from.Count > 0 && !from.Contains(here) ? new CountryMatch(here, [here]) : null;
    }

    /// <summary>
    /// "in Qatar, i am a Nepali worker", "soy hondureño trabajando en México": one country named as where (after "in",
    /// "en", "au"), the other only as the person's nationality: where it happens is the answer. A word of living, leaving
    /// or settling ("i live", "since", "ya") makes it a move, read by the rules above, or asked.
    /// </summary>
    private CountryMatch? WhereOverNationality(string said)
    {
        var words = said.Split(' ');
        if (words.Any(w => Living.Contains(w) || Fleeing.Contains(w) || Settled.Contains(w)))
            return null;
        var mentions = Mentions(said);
        bool IsNationality((int First, int Last, int Name) m) => _demonyms.Contains(_names[m.Name].Name);
        // "à Bujumbura" is typed "a bujumbura": here, "a" and "at" say where too.
        bool IsAt((int First, int Last, int Name) m) => IsWhere(words, m.First) || (m.First > 0 && words[m.First - 1] is "a" or "at");
        // "in Saudi": a name that is also a nationality is a place after a word of where.
        bool IsPlace((int First, int Last, int Name) m) => IsNationality(m) ? IsWhere(words, m.First) : IsAt(m);
        var where = mentions.Where(IsPlace).SelectMany(m => _names[m.Name].Countries).Distinct().ToList();
        var others = mentions.Where(m => !IsNationality(m) && !IsAt(m)).ToList();
        var from = mentions.Where(m => IsNationality(m) && !IsPlace(m)).SelectMany(m => _names[m.Name].Countries).ToList();
        return where is [var here] && others.Count == 0 && from.Count > 0 && !from.Contains(here) ? new CountryMatch(here, [here]) : null;
    }

    /// <summary>
    /// "originally Ugandan, i am in London since 2023", "j'ai fui la Guinée, déjà à Dakar": of two countries, the one said
    /// as left is where it happened; the person is now in the other.
    /// </summary>
    private CountryMatch? LeftFor(string said, Country[] mentioned)
    {
        if (mentioned.Length != 2 || Left(said) is not { } home || !mentioned.Contains(home))
            return null;
        return new CountryMatch(home, [home]) { NowIn = mentioned.First(c => c != home) };
    }

    /// <summary>
    /// "estoy en argentina exiliado, soy venezolano", "réfugiée à Dakar, je suis guinéenne", "i'm Eritrean, in exile in
    /// Kampala": in exile, the nationality is the country left; the person is now in the other.
    /// </summary>
    private CountryMatch? InExileFrom(string said, Country[] mentioned)
    {
        if (mentioned.Length != 2 || !said.Split(' ').Any(Exile.Contains) || Nationality(said) is not { } home || !mentioned.Contains(home))
            return null;
        return new CountryMatch(home, [home]) { NowIn = mentioned.First(c => c != home) };
    }

    /// <summary>Words of exile said of oneself (a word of the plural, "refugiados", names the people one works with).</summary>
    private static readonly HashSet<string> Exile = new(StringComparer.Ordinal)
    {
        "exiled", "exile", "refugee", "asylum", "exiliado", "exiliada", "exilio", "refugiado", "refugiada", "asilo",
        "exil", "exilee", "refugie", "refugiee", "asile",
    };

    /// <summary>
    /// A word of living somewhere or of exile ("living in the UK since 2021", "exiliado en Costa Rica", "je vis à Paris"):
    /// the story tells where the teller lives, and a date in it may be the move's.
    /// </summary>
    public static bool TellsWhereTheyLive(string? text) => TextNormalizer.Normalize(text).Split(' ').Any(Living.Contains);

    /// <summary>The one country a nationality names in <paramref name="text"/> ("soy venezolano", "i'm an afro-colombian woman").</summary>
    public Country? Nationality(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        var named = Mentions(said).Where(m => _demonyms.Contains(_names[m.Name].Name)).SelectMany(m => _names[m.Name].Countries).Distinct().ToList();
        return named is [var country] ? country : null;
    }

    /// <summary>
    /// The one country a story says was left: after "from", "originally", "fled", "hui de", "j'ai fui", "je viens du"
    /// ("from Burundi, i am in Nairobi since March"). "soy de Honduras" is where the person is from, not a country left.
    /// Asked whether they may need to leave, a country to be left ("quiero salir de Cuba", "je dois quitter le Togo", "i
    /// have to leave Uganda") is where the person is now, so where it happens too.
    /// </summary>
    public Country? Left(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        if (said.Length == 0)
            return null;
        var words = said.Split(' ');
        var left = Mentions(said).Where(m => IsLeft(words, m.First)).SelectMany(m => _names[m.Name].Countries).Distinct().ToList();
        return left is [var country] ? country : null;
    }

    private static bool IsLeft(string[] words, int first)
    {
        var before = first - 1;
        while (before > 0 && words[before] is "the" or "la" or "le" or "el" or "l" or "de" or "du" or "d" or "des")
            before--;
        return before >= 0 && (LeftFrom.Contains(words[before]) || Fleeing.Contains(words[before]));
    }

    private static readonly HashSet<string> LeftFrom = new(StringComparer.Ordinal)
    {
        "from", "originally", "vengo", "venimos", "originario", "originaria", "oriundo", "oriunda", "viens", "venons", "originaire",
        "salir", "irme", "irnos", "quitter", "leave",
    };

    private static readonly HashSet<string> LeadingSmallWords = new(StringComparer.Ordinal)
    {
        "el", "la", "los", "las", "en", "de", "del", "desde", "le", "l", "les", "au", "aux", "a", "du", "des", "dans", "the", "in", "from", "at",
    };

    private static string WithoutLeadingSmallWords(string said)
    {
        var words = said.Split(' ');
        var first = 0;
        while (first < words.Length - 1 && LeadingSmallWords.Contains(words[first]))
            first++;
        return string.Join(' ', words[first..]);
    }

    /// <summary>A name of one word typed with a slip inside a sentence: "Colmbia, en el cauca". The first such word counts.</summary>
    private Country[] MentionedWithATypo(string said)
    {
        foreach (var word in said.Split(' '))
        {
            if (word.Length >= 5 && Closest(word) is { Length: > 0 } close)
                return close;
        }
        return [];
    }

    /// <summary>The names within typo distance of the whole answer; only the nearest ones count.</summary>
    private Country[] Closest(string said)
    {
        // No name is more edits away than the answer's own length allows (fewer letters or digits allow fewer).
        var reach = FuzzyMatch.AllowedEdits(said, said);
        var letters = FuzzyMatch.LetterSet(said);
        var best = int.MaxValue;
        var found = new List<int>();
        for (var length = Math.Max(0, said.Length - reach); length <= said.Length + reach && length < _byLength.Length; length++)
        {
            foreach (var i in _byLength[length])
            {
                if (FuzzyMatch.LettersApart(letters, _names[i].Letters) > reach)
                    continue;
                var distance = FuzzyMatch.Distance(said, _names[i].Name);
                if (distance < 0 || distance > best)
                    continue;
                if (distance < best)
                {
                    best = distance;
                    found.Clear();
                }
                found.Add(i);
            }
        }
        return CountriesOf(found);
    }

    /// <summary>
    /// Names that appear as whole words inside a sentence; of names that overlap the longest wins ("guinea ecuatorial"
    /// over "guinea"). Two countries named apart ("entre le Mali et le Burkina", "on the Kenya Uganda border") are both
    /// given, for the person to say which; a name several countries share is settled by another that names one of them
    /// ("Congo, RDC").
    /// </summary>
    private Country[] Mentioned(string said)
    {
        var sets = Mentions(said).Select(k => _names[k.Name].Countries).ToList();
        var settled = sets.Where(set => !sets.Any(other => other.Length < set.Length && other.All(set.Contains)));
        return [.. settled.SelectMany(set => set).Distinct()];
    }

    /// <summary>
    /// The one country a story names as where things happen: "we protest every day in Sri Lanka", "aquí en Honduras", "au
    /// Cameroun". Only after "in", "en", "au", "dans": "I fled Venezuela" or "I report on Syria" may name a country left or
    /// watched from afar, and beside a word of flight or exile ("refugiada en Ecuador") the country reached is not where
    /// it happened. Two countries named tell none.
    /// </summary>
    public Country? NamedAsWhere(string? text)
    {
        var said = TextNormalizer.Normalize(text);
        if (said.Length == 0)
            return null;
        var words = said.Split(' ');
        if (words.Any(w => Living.Contains(w) || Fleeing.Contains(w)))
            return null;
        var mentions = Mentions(said);
        if (Mentioned(said) is not [var country])
            return null;
        return mentions.Any(m => IsWhere(words, m.First)) ? country : null;
    }

    private static bool IsWhere(string[] words, int first)
    {
        var before = first - 1;
        if (before > 0 && words[before] is "the" or "la" or "le" or "el" or "l")
            before--;
        return before >= 0 && Where.Contains(words[before]);
    }

    private static readonly HashSet<string> Where = new(StringComparer.Ordinal) { "in", "inside", "en", "au", "aux", "dans" };

    private static readonly HashSet<string> Fleeing = new(StringComparer.Ordinal)
    {
        "fled", "flee", "fleeing", "escaped", "left", "asylum",
        "hui", "huimos", "huir", "huyendo", "sali", "salimos", "escape", "escapamos", "asilo",
        "fui", "fuir", "fuyant", "enfui", "enfuie", "enfuis", "quitte", "quittee", "asile",
        // Going somewhere: "je veux partir au Canada", "irme a vivir en España" name where the person would go.
        "partir", "irme", "irnos", "mudarme", "mudarnos", "emigrar", "emigrer", "relocate", "relocating", "emigrate",
    };

    /// <summary>The country names said as whole words, each run once; of names that overlap the longest wins.</summary>
    private List<(int First, int Last, int Name)> Mentions(string said)
    {
        var words = TextNormalizer.Tokenize(said);
        var hits = new List<(int First, int Last, int Name)>();
        for (var first = 0; first < words.Length; first++)
        {
            var start = words[first].Start.GetOffset(said.Length);
            for (var last = first; last < words.Length && last - first < _mostWordsInName; last++)
            {
                var run = said.AsSpan(start, words[last].End.GetOffset(said.Length) - start);
                if (_mentionable.TryGetValue(run, out var i))
                    hits.Add((first, last, i));
            }
        }
        var kept = new List<(int First, int Last, int Name)>();
        foreach (var hit in hits.OrderByDescending(h => _names[h.Name].Name.Length).ThenBy(h => h.First))
        {
            if (!kept.Any(k => hit.First <= k.Last && k.First <= hit.Last))
                kept.Add(hit);
        }
        return [.. kept.OrderBy(k => k.First)];
    }

    /// <summary>The countries of the names found, in the order of <see cref="_names"/>, each once.</summary>
    private Country[] CountriesOf(List<int> names)
    {
        if (names.Count == 0)
            return [];
        names.Sort();
        return [.. names.SelectMany(i => _names[i].Countries).Distinct()];
    }

    private static CountryMatch Result(Country[] countries) => countries.Length switch
    {
        0 => CountryMatch.None,
        1 => new CountryMatch(countries[0], countries),
        _ => new CountryMatch(null, countries),
    };

    private static IEnumerable<string> Names(Country country) =>
        new[] { country.Name.Es, country.Name.Fr, country.Name.En }.Concat(country.Aliases).Concat(country.Demonyms)
            .Select(TextNormalizer.Normalize)
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal);

    /// <summary>The countries of <c>knowledge/countries.yaml</c>, found in a story with the <paramref name="words"/> of <c>dialogs/understanding</c>.</summary>
    public static CountryCatalog Load(string contentRoot, UnderstandingWords words)
    {
        ArgumentNullException.ThrowIfNull(words);
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
        return new CountryCatalog(countries, words);
    }

    private static Country? ReadCountry(YamlEntry entry)
    {
        var code = entry.String("code");
        var name = entry.Localized("name");
        var aliases = entry.Strings("aliases", required: false);
        var demonyms = entry.Strings("demonyms", required: false);
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
            Demonyms = demonyms,
            Region = region,
            Memberships = memberships.ToFrozenSet(StringComparer.Ordinal),
            CallingCode = callingCode,
            Language = language is not null && Language.All.Contains(language) ? language : null,
        };
    }
}
