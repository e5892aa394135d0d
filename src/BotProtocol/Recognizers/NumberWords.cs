using System.Globalization;

namespace BotProtocol.Recognizers;

/// <summary>
/// Numbers as people answer a numbered list in Spanish, French or English: digits ("2", "#2" and "2." normalise
/// to "2"), digits with an ordinal suffix ("2nd", "2e", "2º"), cardinal words from 1 to 20 ("dos", "dix-sept",
/// "twelve") and ordinal words from 1 to 10 ("segunda", "deuxième", "second"). Input is normalised text
/// (<see cref="TextNormalizer"/>); locale data lives here as plain tables.
/// </summary>
public static class NumberWords
{
    private static readonly Dictionary<string, int> Words = BuildWords();
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> WordLookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> OrdinalSuffixes = new(StringComparer.Ordinal)
    {
        // es: 1º 1ª 1o 1a 1ro 1ra 2do 2da 3ro 3er 4to 7mo 9no; fr: 1er 1re 1ère 2e 2ème; en: 1st 2nd 3rd 4th
        "o", "a", "ro", "ra", "do", "da", "er", "to", "ta", "vo", "va", "mo", "ma", "no", "na",
        "re", "ere", "e", "eme",
        "st", "nd", "rd", "th",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SuffixLookup =
        OrdinalSuffixes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest number word in tokens ("dix sept").</summary>
    private const int MaxWordTokens = 2;

    /// <summary>
    /// Reads a number starting at <paramref name="index"/> of <paramref name="tokens"/> (ranges into
    /// <paramref name="normalized"/>, as <see cref="TextNormalizer.Tokenize"/> returns them).
    /// </summary>
    public static bool TryRead(string normalized, ReadOnlySpan<Range> tokens, int index, out NumberToken number)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        number = default;
        if ((uint)index >= (uint)tokens.Length)
            return false;

        var token = normalized.AsSpan()[tokens[index]];
        if (TryReadDigits(token, out var value))
        {
            number = new NumberToken(value, 1, IsWord: false);
            return true;
        }
        for (var count = Math.Min(MaxWordTokens, tokens.Length - index); count >= 1; count--)
        {
            var start = tokens[index].Start.GetOffset(normalized.Length);
            var end = tokens[index + count - 1].End.GetOffset(normalized.Length);
            if (WordLookup.TryGetValue(normalized.AsSpan(start, end - start), out value))
            {
                number = new NumberToken(value, count, IsWord: true);
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the whole of <paramref name="text"/> is one number ("2", "dos", "la deuxième" is not).</summary>
    public static bool TryParse(string? text, out int value)
    {
        var normalized = TextNormalizer.Normalize(text);
        var tokens = TextNormalizer.Tokenize(normalized);
        if (TryRead(normalized, tokens, 0, out var number) && number.TokenCount == tokens.Length)
        {
            value = number.Value;
            return true;
        }
        value = 0;
        return false;
    }

    private static bool TryReadDigits(ReadOnlySpan<char> token, out int value)
    {
        value = 0;
        var digits = 0;
        while (digits < token.Length && char.IsAsciiDigit(token[digits]))
            digits++;
        // Six digits is far beyond any list; the cap keeps int.Parse away from overflow.
        if (digits == 0 || digits > 6)
            return false;
        if (digits < token.Length && !SuffixLookup.Contains(token[digits..]))
            return false;
        value = int.Parse(token[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static Dictionary<string, int> BuildWords()
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int value, params string[] forms)
        {
            foreach (var form in forms)
                words[TextNormalizer.Normalize(form)] = value;
        }

        // Cardinals 1–20. "un"/"una"/"une" are also articles; callers decide whether a lone word counts.
        Add(1, "uno", "una", "un", "une", "one");
        Add(2, "dos", "deux", "two");
        Add(3, "tres", "trois", "three");
        Add(4, "cuatro", "quatre", "four");
        Add(5, "cinco", "cinq", "five");
        Add(6, "seis", "six");
        Add(7, "siete", "sept", "seven");
        Add(8, "ocho", "huit", "eight");
        Add(9, "nueve", "neuf", "nine");
        Add(10, "diez", "dix", "ten");
        Add(11, "once", "onze", "eleven");
        Add(12, "doce", "douze", "twelve");
        Add(13, "trece", "treize", "thirteen");
        Add(14, "catorce", "quatorze", "fourteen");
        Add(15, "quince", "quinze", "fifteen");
        Add(16, "dieciséis", "seize", "sixteen");
        Add(17, "diecisiete", "dix-sept", "seventeen");
        Add(18, "dieciocho", "dix-huit", "eighteen");
        Add(19, "diecinueve", "dix-neuf", "nineteen");
        Add(20, "veinte", "vingt", "twenty");

        // Ordinals 1–10.
        Add(1, "primero", "primera", "primer", "premier", "première", "first");
        Add(2, "segundo", "segunda", "deuxième", "second", "seconde");
        Add(3, "tercero", "tercera", "tercer", "troisième", "third");
        Add(4, "cuarto", "cuarta", "quatrième", "fourth");
        Add(5, "quinto", "quinta", "cinquième", "fifth");
        Add(6, "sexto", "sexta", "sixième", "sixth");
        Add(7, "séptimo", "séptima", "septième", "seventh");
        Add(8, "octavo", "octava", "huitième", "eighth");
        Add(9, "noveno", "novena", "neuvième", "ninth");
        Add(10, "décimo", "décima", "dixième", "tenth");
        return words;
    }
}

/// <summary>A number read from text: its value, how many tokens it took, and whether it was spelled out.</summary>
public readonly record struct NumberToken(int Value, int TokenCount, bool IsWord);
