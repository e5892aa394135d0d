namespace BotProtocol.Recognizers;

/// <summary>Small es/fr/en word classes that choice matching ignores. Entries are already normalised.</summary>
public static class Vocabulary
{
    /// <summary>
    /// Words too common to tell choices apart: "derechos de las mujeres" is told apart by "derechos" and "mujeres".
    /// They are also never corrected as typos, so "pour" is not read as "peur".
    /// </summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "de", "del", "la", "el", "lo", "los", "las", "y", "e", "o", "u", "en", "a", "al", "con", "por", "para", "que",
        "mi", "mis", "su", "sus", "se", "es", "creo", "pues",
        "du", "des", "le", "les", "l", "d", "et", "ou", "au", "aux", "pour", "par", "avec", "qui", "mon", "ma", "mes",
        "son", "sa", "ses", "je", "j", "c", "est", "pense",
        "the", "of", "and", "or", "an", "in", "on", "to", "for", "with", "by", "my", "your", "that", "is", "it", "i",
        "think",
    };

    /// <summary>Words around a number that do not change which item it names: "la 2", "option 3", "1 y 3".</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "la", "el", "lo", "los", "las", "le", "les", "l", "the",
        "numero", "numeros", "number", "numbers", "num", "no", "n",
        "opcion", "opciones", "option", "options", "choix", "choice",
        "y", "e", "et", "and", "tambien", "aussi", "also", "plus",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerLookup =
        Fillers.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsStopWord(ReadOnlySpan<char> word) => StopWordLookup.Contains(word);

    /// <summary>
    /// A stop word of another language that is a word in this one: the Spanish month "mes" (a French "mes"), the
    /// French year "an" (an English "an"), the English "son" (a French "son"). A phrase keeps it: "hace un mes" is not
    /// "hace un par de días", "presque un an" is not "presque un".
    /// </summary>
    private static readonly HashSet<(string Language, string Word)> WordsOfTheirOwn = [("es", "mes"), ("fr", "an"), ("en", "son")];

    /// <summary>A stop word in <paramref name="language"/>: <see cref="IsStopWord(ReadOnlySpan{char})"/>, unless the word is one of its own there.</summary>
    internal static bool IsStopWord(string word, string language) => IsStopWord(word) && !WordsOfTheirOwn.Contains((language, word));

    public static bool IsFiller(ReadOnlySpan<char> word) => FillerLookup.Contains(word);
}
