using System.Text;

namespace BotProtocol.Recognizers;

/// <summary>
/// What a person typed, ready to be matched: clauses split at punctuation, words normalised (<see cref="TextNormalizer"/>),
/// letters typed three times or more said once ("siiii", "nooon"), shorthand spelled out ("xq", "jsp", "idk", from the
/// <see cref="Recognizers.Lexicon"/>) and each word stemmed in the conversation's language (<see cref="LightStemmer"/>). A thumbs up reads as "ok", a thumbs down as "no".
/// </summary>
public sealed class Utterance
{
    // How each word sounds, worked out on first use; shared with the same words read in another language.
    private readonly string?[] _heard;

    private Utterance(string language, Lexicon lexicon, List<string> words, List<int> clauses, string?[]? heard = null)
    {
        _heard = heard ?? new string?[words.Count];
        Language = language;
        Lexicon = lexicon;
        Words = words;
        Clauses = clauses;
        Stems = [.. words.Select(w => LightStemmer.Stem(w, language, lexicon))];
        var segments = new List<int>(words.Count);
        var segment = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0 && (clauses[i] != clauses[i - 1] || LanguageRules.IsBreaker(words[i])))
                segment++;
            segments.Add(segment);
        }
        Segments = segments;
    }

    public string Language { get; }

    /// <summary>The words it was read with, which the reading of it uses too.</summary>
    public Lexicon Lexicon { get; }

    /// <summary>Normalised words, in order.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The stem of each word.</summary>
    public IReadOnlyList<string> Stems { get; }

    /// <summary>The clause of each word: punctuation starts a new one.</summary>
    public IReadOnlyList<int> Clauses { get; }

    /// <summary>The segment of each word: a clause, split again at "but", "because", "and" — what one statement covers.</summary>
    public IReadOnlyList<int> Segments { get; }

    public int Count => Words.Count;

    /// <summary>The word at <paramref name="position"/> as it sounds (<see cref="TextNormalizer.SoundsAlike"/>).</summary>
    internal string HeardAt(int position) => _heard[position] ??= TextNormalizer.SoundsAlike(Words[position]);

    /// <summary>The whole text normalised, words joined by single spaces.</summary>
    public string Normalized => string.Join(' ', Words);

    public static Utterance Parse(string? text, string language, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        var words = new List<string>();
        var clauses = new List<int>();
        var clause = 0;
        foreach (var piece in SplitClauses(Emoji(text ?? "")))
        {
            var normalized = TextNormalizer.Normalize(piece);
            if (normalized.Length == 0)
                continue;
            foreach (var raw in normalized.Split(' '))
            {
                var word = Squeeze(raw);
                if (LanguageRules.Expand(word, language, lexicon) is { } expansion)
                {
                    foreach (var part in expansion)
                    {
                        words.Add(part);
                        clauses.Add(clause);
                    }
                    continue;
                }
                words.Add(word);
                clauses.Add(clause);
            }
            clause++;
        }
        // French "sa" typed for "ça" before a verb: "sa va", "sa dépend" ("sa femme" stays).
        if (language == "fr")
        {
            for (var i = 0; i + 1 < words.Count; i++)
            {
                if (words[i] == "sa" && LanguageRules.FollowsCa(words[i + 1], lexicon))
                    words[i] = "ca";
            }
        }
        return new Utterance(language, lexicon, words, clauses);
    }

    /// <summary>The same words stemmed in another language, to read an answer typed in it.</summary>
    public Utterance In(string language) =>
        language == Language ? this : new Utterance(language, Lexicon, [.. Words], [.. Clauses], _heard);

    private static IEnumerable<string> SplitClauses(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or ',' or ';' or ':' or '!' or '?' or '¿' or '¡' or '\n' or '(' or ')' or '…')
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private static string Emoji(string text)
    {
        if (text.Length == 0 || System.Text.Ascii.IsValid(text))
            return text;
        return text
            .Replace("👍", " ok ", StringComparison.Ordinal)
            .Replace("✅", " ok ", StringComparison.Ordinal)
            .Replace("👌", " ok ", StringComparison.Ordinal)
            .Replace("✔", " ok ", StringComparison.Ordinal)
            .Replace("☑", " ok ", StringComparison.Ordinal)
            .Replace("👎", " no ", StringComparison.Ordinal)
            .Replace("❌", " no ", StringComparison.Ordinal)
            .Replace("🚫", " no ", StringComparison.Ordinal);
    }

    /// <summary>A letter typed three times or more in a row counts once: "siiii" is "si", "pleeease" is near enough "please".</summary>
    private static string Squeeze(string word)
    {
        var builder = (StringBuilder?)null;
        for (var i = 0; i < word.Length; i++)
        {
            var run = 1;
            while (i + run < word.Length && word[i + run] == word[i])
                run++;
            if (run >= 3)
            {
                builder ??= new StringBuilder(word, 0, i, word.Length);
                builder.Append(word[i]);
                i += run - 1;
                continue;
            }
            builder?.Append(word, i, run);
            i += run - 1;
        }
        return builder?.ToString() ?? word;
    }
}
