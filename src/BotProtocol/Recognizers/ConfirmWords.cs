namespace BotProtocol.Recognizers;

/// <summary>
/// Yes and no in Spanish, French and English, found anywhere in a short answer ("creo que sí", "non merci").
/// Longer phrases win over the words inside them ("claro que no" is no, "pas du tout" is no). An answer with
/// both a yes and a no, or a hedge such as "no sé" / "peut-être", is not recognised: the prompt asks again
/// rather than guessing.
/// </summary>
public static class ConfirmWords
{
    private enum Meaning { Yes, No, Unsure }

    private static readonly Dictionary<string, Meaning> Phrases = Build();
    private static readonly Dictionary<string, Meaning>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly int LongestPhrase = Phrases.Keys.Max(k => k.Split(' ').Length);

    /// <summary>true for yes, false for no, null when neither or both were said.</summary>
    public static bool? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var tokens = TextNormalizer.Tokenize(normalized);
        return Recognize(normalized, tokens);
    }

    /// <summary>As <see cref="Recognize(string?)"/>, over text already normalised and tokenised.</summary>
    public static bool? Recognize(string normalized, ReadOnlySpan<Range> tokens)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        bool sawYes = false, sawNo = false;
        for (var i = 0; i < tokens.Length;)
        {
            var taken = 1;
            for (var count = Math.Min(LongestPhrase, tokens.Length - i); count >= 1; count--)
            {
                var start = tokens[i].Start.GetOffset(normalized.Length);
                var end = tokens[i + count - 1].End.GetOffset(normalized.Length);
                if (!Lookup.TryGetValue(normalized.AsSpan(start, end - start), out var meaning))
                    continue;
                if (meaning == Meaning.Unsure)
                    return null;
                sawYes |= meaning == Meaning.Yes;
                sawNo |= meaning == Meaning.No;
                taken = count;
                break;
            }
            i += taken;
        }
        return sawYes == sawNo ? null : sawYes;
    }

    private static Dictionary<string, Meaning> Build()
    {
        var phrases = new Dictionary<string, Meaning>(StringComparer.Ordinal);
        void Add(Meaning meaning, params string[] forms)
        {
            foreach (var form in forms)
                phrases[TextNormalizer.Normalize(form)] = meaning;
        }

        Add(Meaning.Yes,
            "sí", "si", "claro", "claro que sí", "por supuesto", "vale", "de acuerdo", "dale", "correcto", "exacto",
            "afirmativo", "desde luego", "así es", "cierto", "está bien", "ok", "okay", "okey");
        Add(Meaning.Yes,
            "oui", "ouais", "ouai", "d'accord", "bien sûr", "exactement", "absolument", "tout à fait", "volontiers",
            "entendu", "évidemment", "ça marche", "carrément", "affirmatif", "oui merci");
        Add(Meaning.Yes,
            "yes", "yeah", "yep", "yup", "sure", "of course", "absolutely", "certainly", "definitely", "indeed",
            "correct", "right", "alright", "all right", "sounds good", "yes please");

        Add(Meaning.No,
            "no", "nop", "para nada", "de ninguna manera", "en absoluto", "negativo", "nunca", "ni hablar", "tampoco",
            "claro que no", "por supuesto que no", "desde luego que no", "no gracias");
        Add(Meaning.No,
            "non", "nan", "pas du tout", "pas vraiment", "absolument pas", "certainement pas", "surtout pas", "jamais",
            "bien sûr que non", "non merci");
        Add(Meaning.No,
            "nope", "nah", "not really", "no way", "not at all", "of course not", "absolutely not", "certainly not",
            "definitely not", "never", "no thanks");

        // Hedges that contain a yes or no word but answer neither.
        Add(Meaning.Unsure,
            "no sé", "no lo sé", "no estoy seguro", "no estoy segura", "tal vez", "quizás", "quizá", "a lo mejor",
            "je ne sais pas", "je sais pas", "pas sûr", "pas sûre", "peut-être",
            "not sure", "i don't know", "don't know", "maybe", "perhaps");
        return phrases;
    }
}
