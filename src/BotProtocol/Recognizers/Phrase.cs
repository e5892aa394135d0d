namespace BotProtocol.Recognizers;

/// <summary>
/// One way of saying something, compiled for matching in one language: its distinctive words in order, each matched by
/// stem, by a small typo, or as the start of a word when written with a trailing <c>*</c> ("amenaz*"). Stop words are
/// left out between two distinctive words, so "derechos de las mujeres" is found in "derechos mujeres"; with one
/// distinctive word they stay, so "mi madre" is not found in "la madre tierra". Words of a
/// phrase may have up to two other words between them, never a full stop nor a negator. A phrase written <c>=paso</c> counts only as
/// the whole message.
/// </summary>
public sealed class Phrase
{
    /// <summary>Words that may stand between two words of a phrase: "me amenazaron de muerte" still matches "amenaz* muerte".</summary>
    private const int MaxGap = 2;

    private readonly PatternWord[] _words;

    private Phrase(string text, PatternWord[] words, bool wholeMessage)
    {
        Text = text;
        _words = words;
        WholeMessage = wholeMessage;
    }

    /// <summary>The phrase as written in its file.</summary>
    public string Text { get; }

    public bool WholeMessage { get; }

    /// <summary>How many words must match: longer phrases win over the words inside them.</summary>
    public int Length => _words.Length;

    /// <summary>
    /// How many of its words are not stop words: of two phrases as long, "iachr hearing" says more than "the hearing".
    /// </summary>
    internal int Distinctive => _words.Count(w => !Vocabulary.IsStopWord(w.Surface));

    /// <summary>Its only word, when it has one: two options of a question must not share it.</summary>
    public string? SingleWord => _words.Length == 1 ? _words[0].Stem + (_words[0].Prefix ? "*" : "") : null;

    /// <summary>Its whole words (not the prefixes), as normalised: words of the language that are never typos of another.</summary>
    internal IEnumerable<string> WholeWords => _words.Where(w => !w.Prefix).Select(w => w.Surface);

    /// <summary>Null when nothing is left to match once normalised.</summary>
    public static Phrase? Compile(string text, string language, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(lexicon);
        var trimmed = text.Trim();
        var whole = trimmed.StartsWith('=');
        if (whole)
            trimmed = trimmed[1..];
        var all = new List<PatternWord>();
        foreach (var raw in trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = raw.EndsWith('*');
            var normalized = TextNormalizer.Normalize(prefix ? raw[..^1] : raw);
            if (normalized.Length == 0)
                continue;
            var parts = normalized.Split(' ');
            for (var i = 0; i < parts.Length; i++)
            {
                var isPrefix = prefix && i == parts.Length - 1;
                all.Add(new PatternWord(parts[i], isPrefix ? parts[i] : LightStemmer.Stem(parts[i], language, lexicon), isPrefix, TextNormalizer.SoundsAlike(parts[i])));
            }
        }
        if (all.Count == 0)
            return null;
        // Stop words tell nothing apart between two distinctive words ("derechos de las mujeres"), but with one or none
        // they are what makes the phrase: "mi madre" is not "madre tierra", "no se" is not "no".
        var surfaces = all.ConvertAll(a => a.Surface);
        var significant = Enumerable.Range(0, all.Count).Count(i => !Vocabulary.IsStopWord(surfaces[i], language) && !LanguageRules.IsNegator(surfaces, i, lexicon));
        var kept = whole || significant <= 1 ? all : all.FindAll(w => !Vocabulary.IsStopWord(w.Surface, language));
        return new Phrase(text.Trim(), [.. kept], whole);
    }

    /// <summary>Every place <paramref name="utterance"/> says this phrase, cheapest reading first at each start.</summary>
    /// <param name="known">Words read as themselves, never as a slip of this phrase's words (see <see cref="AddHitsTo"/>).</param>
    public IEnumerable<PhraseHit> FindIn(Utterance utterance, IReadOnlySet<string>? known = null)
    {
        var hits = new List<PhraseHit>();
        AddHitsTo(utterance, hits, known);
        return hits;
    }

    /// <summary>
    /// <see cref="FindIn"/> into a list the caller keeps: a reading tries every phrase of a question in up to three
    /// languages, and most find nothing, so nothing is allocated for them.
    /// </summary>
    /// <param name="known">
    /// Words the reader knows as words in their own right (every word of its vocabularies): typed, they are never taken
    /// for a slip of another word, so "services" is not "sévices" nor "fuimos" "huimos".
    /// </param>
    internal void AddHitsTo(Utterance utterance, List<PhraseHit> hits, IReadOnlySet<string>? known = null)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        if (WholeMessage)
        {
            // The whole message, but for the courtesy around it: "recommencer s'il vous plaît", "reset pls", "sí, gracias".
            var first = 0;
            var end = utterance.Count;
            while (end - first > _words.Length && LanguageRules.IsCourtesy(utterance.Words[end - 1]))
                end--;
            while (end - first > _words.Length && LanguageRules.IsCourtesy(utterance.Words[first]))
                first++;
            if (end - first != _words.Length)
                return;
            // A loop, not a lambda: a lambda over the parameters would allocate its closure on every call, hit or not.
            for (var i = 0; i < _words.Length; i++)
            {
                if (Matches(_words[i], utterance, first + i, known) < 0)
                    return;
            }
            hits.Add(new PhraseHit(this, [.. Enumerable.Range(first, _words.Length)], 0));
            return;
        }
        for (var start = 0; start < utterance.Count; start++)
        {
            var cost = Matches(_words[0], utterance, start, known);
            if (cost < 0)
                continue;
            var positions = new int[_words.Length];
            positions[0] = start;
            var complete = true;
            for (var w = 1; w < _words.Length && complete; w++)
            {
                complete = false;
                var previous = positions[w - 1];
                for (var p = previous + 1; p <= previous + 1 + MaxGap && p < utterance.Count; p++)
                {
                    if (utterance.Clauses[p] != utterance.Clauses[start])
                        break;
                    var c = Matches(_words[w], utterance, p, known);
                    if (c < 0)
                    {
                        // "i do not agree" is not "i agree": a phrase never reaches over a negator.
                        if (LanguageRules.IsNegator(utterance.Words, p, utterance.Lexicon))
                            break;
                        continue;
                    }
                    positions[w] = p;
                    cost += c;
                    complete = true;
                    break;
                }
            }
            if (complete)
                hits.Add(new PhraseHit(this, positions, cost));
        }
    }

    /// <summary>
    /// 0 for the same word or stem, 1 or 2 for a typo in a word of six letters or more, -1 for another word. A typo keeps
    /// its first letter or its sound, and a word of the language is never a typo of another (<paramref name="known"/>, stop words).
    /// </summary>
    private static int Matches(PatternWord pattern, Utterance utterance, int position, IReadOnlySet<string>? known)
    {
        var word = utterance.Words[position];
        if (pattern.Prefix)
            return word.StartsWith(pattern.Surface, StringComparison.Ordinal) ? 0
                : known?.Contains(word) == true ? -1
                : PrefixTypo(utterance, position, pattern);
        if (word == pattern.Surface)
            return 0;
        // "menacé" is not quite "menacée", nor "abogado" "abogada": the same stem with the other gender's ending costs as a
        // slip, so the phrase that says it exactly wins over the one of the other gender ("je suis militant" is a man).
        if (utterance.Stems[position] == pattern.Stem)
            return LanguageRules.DiffersInGender(word, pattern.Surface) ? 1 : 0;
        if (known?.Contains(word) == true)
            return -1;
        // How each word sounds is worked out once per phrase and once per utterance: this runs for every pair of words.
        if (word.Length >= 4 && utterance.HeardAt(position) == pattern.Heard)
            return 1;
        // Short words are never guessed ("dos" is not "dios"); longer ones forgive one slip, long ones two.
        var shorter = Math.Min(word.Length, pattern.Surface.Length);
        if (shorter < 6 || !FuzzyMatch.SameStart(word, pattern.Surface) || Vocabulary.IsStopWord(word))
            return -1;
        var allowed = shorter >= 9 ? 2 : 1;
        if (Math.Abs(word.Length - pattern.Surface.Length) > allowed)
            return -1;
        var distance = FuzzyMatch.DamerauLevenshtein(word, pattern.Surface, allowed);
        return distance <= allowed ? distance : -1;
    }

    /// <summary>
    /// One slip in the first letters of a long prefix: "amenzaron" starts like "amenaz*". The first letter is kept, or
    /// many a word would start like a prefix with one slip ("andaban" like "banda*").
    /// </summary>
    private static int PrefixTypo(Utterance utterance, int position, PatternWord pattern)
    {
        var word = utterance.Words[position];
        var prefix = pattern.Surface;
        if (prefix.Length < 5 || word.Length < prefix.Length || word[0] != prefix[0])
            return -1;
        // A short prefix forgives only a slip of the ear ("menasse" for "menac*"), not any letter ("defender" is not "deten*").
        if (prefix.Length < 6)
        {
            // The prefix's last "c" may be soft in the word: "menac*" is heard in "menasse".
            var heard = utterance.HeardAt(position).AsSpan();
            var folded = pattern.Heard.AsSpan();
            return heard.StartsWith(folded, StringComparison.Ordinal)
                || (folded[^1] == 'c' && heard.Length >= folded.Length && heard.StartsWith(folded[..^1], StringComparison.Ordinal) && heard[folded.Length - 1] == 's')
                ? 1 : -1;
        }
        for (var length = prefix.Length - 1; length <= prefix.Length + 1 && length <= word.Length; length++)
        {
            if (FuzzyMatch.DamerauLevenshtein(word.AsSpan(0, length), prefix, 1) <= 1)
                return 1;
        }
        return -1;
    }

    public override string ToString() => Text;

    /// <param name="Heard">The word as it sounds (<see cref="TextNormalizer.SoundsAlike"/>).</param>
    private readonly record struct PatternWord(string Surface, string Stem, bool Prefix, string Heard);
}

/// <summary>Where a phrase was found: the positions of its words in the utterance, and how many typos it took.</summary>
public sealed record PhraseHit(Phrase Phrase, IReadOnlyList<int> Positions, int Cost)
{
    public int First => Positions[0];

    public int Last => Positions[^1];

    public bool Overlaps(PhraseHit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Positions.Any(other.Positions.Contains);
    }
}
