using BotProtocol.Recognizers;

namespace ProtectionBot.Courses;

/// <summary>A word or phrase of a word list; <paramref name="Language"/> null for course names, the same in every language.</summary>
/// <param name="OnlyCommonWords">Every word of it is ignored or too common ("c'est où"): it counts though no word of it does.</param>
internal sealed record Keyword(Word[] Tokens, bool LastIsPrefix, string? Language, double Weight, bool OnlyCommonWords = false)
{
    public static Keyword Parse(string text, string? language, double weight)
    {
        var trimmed = text.Trim();
        var prefix = trimmed.EndsWith('*');
        var normalized = TextNormalizer.Normalize(prefix ? trimmed[..^1] : trimmed);
        return new Keyword([.. normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => new Word(t))], prefix, language, weight);
    }

    public string Text => string.Join(' ', Tokens.Select(t => t.Text)) + (LastIsPrefix ? "*" : "");

    /// <summary>Whether the keyword's words are those of <paramref name="tokens"/> from <paramref name="start"/> on; <paramref name="fuzzy"/> when one was corrected.</summary>
    /// <param name="fuzzyFrom">Shorter words are never corrected.</param>
    /// <param name="neverCorrected">Words never read as a typo of a keyword here ("bourses" is not "courses").</param>
    public bool MatchesAt(Word[] tokens, int start, int fuzzyFrom, KnownWords? neverCorrected, out bool fuzzy)
    {
        fuzzy = false;
        if (start + Tokens.Length > tokens.Length)
            return false;
        for (var j = 0; j < Tokens.Length; j++)
        {
            var typed = tokens[start + j];
            var prefix = LastIsPrefix && j == Tokens.Length - 1;
            if (!typed.Matches(Tokens[j], prefix, out var corrected, fuzzyFrom)
                || (corrected && neverCorrected is not null && neverCorrected.Contains(typed.Text)))
                return false;
            fuzzy |= corrected;
        }
        return true;
    }
}

/// <summary>
/// The words of some word lists: a word that is one of them as written or stemmed, or starts as one of their
/// prefixes does ("postul*"), is known. A known word is never read as a typo of another.
/// </summary>
internal sealed class KnownWords
{
    private readonly HashSet<string> _words;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string[] _prefixes;

    public KnownWords(IEnumerable<Keyword> keywords)
    {
        var all = keywords.ToList();
        _words = new HashSet<string>(all.SelectMany(k => k.Tokens).SelectMany(t => new[] { t.Text, t.Stem.ToString() }), StringComparer.Ordinal);
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixes = [.. all.Where(k => k.LastIsPrefix).Select(k => k.Tokens[^1].Text).Distinct(StringComparer.Ordinal)];
    }

    public bool Contains(string token) =>
        _words.Contains(token) || _lookup.Contains(Word.StemOf(token)) || _prefixes.Any(p => token.StartsWith(p, StringComparison.Ordinal));
}

/// <summary>
/// A normalised word, and how it is the same as another: equal, equal once lightly stemmed, or one typo apart. Its
/// stem and its letters are found once, as each word of a list is compared with every word of every question.
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
