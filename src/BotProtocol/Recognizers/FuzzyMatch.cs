using System.Numerics;

namespace BotProtocol.Recognizers;

/// <summary>
/// Typo tolerance for single words. Short words are never fuzzy: one edit turns "dos" into "dios" or
/// "no" into "so", and a wrong guess costs more than a retry.
/// </summary>
public static class FuzzyMatch
{
    /// <summary>
    /// Edits tolerated between two words: 0 when either has fewer than 4 letters or contains a digit,
    /// 1 for 4–7 letters, 2 for 8 or more (counted on the shorter word).
    /// </summary>
    public static int AllowedEdits(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var shorter = Math.Min(a.Length, b.Length);
        if (shorter < 4 || a.ContainsAnyInRange('0', '9') || b.ContainsAnyInRange('0', '9'))
            return 0;
        return shorter < 8 ? 1 : 2;
    }

    /// <summary>
    /// The edit distance within the tolerance of <see cref="AllowedEdits"/>, or -1 when further apart. A slip keeps the
    /// first letter or its sound (<see cref="SameStart"/>): one letter changed in front turns a word into another
    /// ("fuimos", "huimos"), seldom into a typo.
    /// </summary>
    public static int Distance(ReadOnlySpan<char> typed, ReadOnlySpan<char> expected)
    {
        if (typed.SequenceEqual(expected))
            return 0;
        var allowed = AllowedEdits(typed, expected);
        if (allowed == 0 || !SameStart(typed, expected) || Math.Abs(typed.Length - expected.Length) > allowed || LettersApart(LetterSet(typed), LetterSet(expected)) > allowed)
            return -1;
        var distance = DamerauLevenshtein(typed, expected, allowed);
        return distance <= allowed ? distance : -1;
    }

    /// <summary>
    /// Whether two words start alike, as a slip leaves them: the same first letter, one that sounds the same ("kuesta",
    /// "cuesta"; "vaca", "baca"), or a silent "h" left out or added ("ospital").
    /// </summary>
    internal static bool SameStart(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty || b.IsEmpty)
            return a.IsEmpty == b.IsEmpty;
        static char Sound(char c) => c switch { 'k' or 'q' => 'c', 'v' => 'b', 'z' => 's', 'y' => 'i', _ => c };
        return Sound(a[0]) == Sound(b[0])
            || (a[0] == 'h' && a.Length > 1 && a[1] == b[0])
            || (b[0] == 'h' && b.Length > 1 && b[1] == a[0]);
    }

    /// <summary>The letters of a word, as <see cref="LettersApart"/> compares them; worth keeping for a word compared often.</summary>
    public static ulong LetterSet(ReadOnlySpan<char> word)
    {
        // Letters that share a bit only make the bound lower, never wrong; a to z have a bit each.
        var set = 0UL;
        foreach (var c in word)
            set |= 1UL << (c % 64);
        return set;
    }

    /// <summary>
    /// A lower bound of the distance between two words of these <see cref="LetterSet"/>s, far cheaper than the distance
    /// and enough to rule out most pairs: a letter one word has and the other lacks must be substituted, deleted or
    /// inserted, one edit per letter.
    /// </summary>
    public static int LettersApart(ulong a, ulong b) => Math.Max(BitOperations.PopCount(a & ~b), BitOperations.PopCount(b & ~a));

    /// <summary>
    /// Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of neighbours, as in
    /// "amenzaas"). Stops early and returns <paramref name="max"/> + 1 once the distance must exceed <paramref name="max"/>.
    /// </summary>
    public static int DamerauLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max = int.MaxValue - 1)
    {
        if (a.Length == 0 || b.Length == 0)
            return Math.Min(Math.Max(a.Length, b.Length), max + 1);

        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 256 ? stackalloc int[width * 3] : new int[width * 3];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(width * 2, width);
        for (var j = 0; j < width; j++)
            previous[j] = j;

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > max)
                return max + 1;

            var recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return Math.Min(previous[b.Length], max + 1);
    }
}
