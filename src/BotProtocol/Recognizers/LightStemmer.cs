namespace BotProtocol.Recognizers;

/// <summary>
/// A light stemmer for Spanish, French and English words already normalised (no accents): it strips plural and gender
/// endings and the commonest verb and noun endings, so "amenazas", "amenazaron" and "amenazado" meet on "amenaz". It is
/// applied the same way to a vocabulary and to what people type, so what matters is that both sides meet, not that the
/// stem is a real root. A stem never gets shorter than four letters, and a Spanish noun keeps its gender: "casa" and
/// "caso", "hermana" and "hermano" stay apart.
/// </summary>
/// <remarks>
/// Snowball stemmers need the accents that people on a phone leave out ("menacé" typed "menace"), and would bring a
/// search engine into a protocol library; these few tables do what matching answers needs.
/// </remarks>
public static class LightStemmer
{
    private const int ShortestStem = 4;

    // Longest first: the first ending that leaves a long enough stem is removed.
    // Applied after the plural's s (or x) is gone.
    private static readonly string[] Spanish =
    [
        "amiento", "imiento", "ieron", "iendo", "aron", "ando", "acion", "icion", "ucion",
        "mente", "aban", "ado", "ada", "ido", "ida", "aba", "ian", "ar", "er", "ir", "an", "en",
    ];

    private static readonly string[] French =
    [
        "issement", "ement", "ation", "trice", "euse", "eur", "aient", "erent", "ent", "ons", "ez", "er", "ee", "e",
    ];

    private static readonly string[] English = ["ation", "ing", "ie", "ied", "ed", "er", "ly"];

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>
    /// The stem of <paramref name="word"/> (normalised, one word) in <paramref name="language"/> (es, fr, en; else
    /// unchanged). A word of the language whose ending is no ending (<see cref="Lexicon.Unstemmed"/>: French "violation"
    /// is not "viol") keeps it.
    /// </summary>
    public static string Stem(string word, string language, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(lexicon);
        var endings = language switch
        {
            "es" => Spanish,
            "fr" => French,
            "en" => English,
            _ => null,
        };
        if (endings is null || word.Length <= ShortestStem || word.Any(char.IsAsciiDigit))
            return word;
        if (language == "es" && word.EndsWith("es", StringComparison.Ordinal) && !IsVowel(word[^3]))
            word = word[..^2]; // mujeres, autoridades
        else if ((word[^1] == 's' && word[^2] != 's') || (word[^1] == 'x' && language == "fr"))
            word = word[..^1];
        if (lexicon.Unstemmed.TryGetValue(language, out var whole) && whole.Contains(word))
            return word;
        foreach (var ending in endings)
        {
            if (word.Length - ending.Length >= ShortestStem && word.EndsWith(ending, StringComparison.Ordinal))
                return word[..^ending.Length];
        }
        return word;
    }
}
