namespace BotProtocol.Recognizers;

/// <summary>
/// The choices of one prompt, normalised once, and the matching of an answer against them.
/// An answer matches a choice when it equals one of its terms (title, value, synonym), contains one ("creo que
/// amenazas"), contains its distinctive words with small typos, or names its number ("2", "dos", "la segunda").
/// Competing readings of the same words are a non-match, never a guess.
/// </summary>
public sealed class ChoiceTable
{
    /// <summary>Answers longer than this are read only this far: the set of used words is a 64-bit mask.</summary>
    private const int MaxTokens = 64;

    private readonly Term[] _terms;
    /// <summary>Each normalised term and the term it came from; null when two choices share it.</summary>
    private readonly Dictionary<string, Term?> _whole = new(StringComparer.Ordinal);

    /// <param name="termsPerChoice">For each choice, in order, the texts that name it (title, value, synonyms).</param>
    public ChoiceTable(IReadOnlyList<IReadOnlyList<string>> termsPerChoice)
    {
        ArgumentNullException.ThrowIfNull(termsPerChoice);
        Count = termsPerChoice.Count;
        var terms = new List<Term>();
        for (var index = 0; index < termsPerChoice.Count; index++)
        {
            foreach (var text in termsPerChoice[index])
            {
                var normalized = TextNormalizer.Normalize(text);
                if (normalized.Length == 0)
                    continue;
                if (terms.Exists(t => t.Choice == index && t.Normalized == normalized))
                    continue;
                var term = Term.Create(index, text, normalized);
                terms.Add(term);
                // Kept among the terms either way, so a sentence containing a shared word is ambiguous too.
                _whole[normalized] = _whole.TryGetValue(normalized, out var owner) && owner?.Choice != index ? null : term;
            }
        }
        _terms = [.. terms];
    }

    public int Count { get; }

    /// <summary>The choice whose term equals <paramref name="text"/> once normalised, or -1 (none, or several).</summary>
    public int FindExact(string? text) =>
        _whole.GetValueOrDefault(TextNormalizer.Normalize(text))?.Choice ?? -1;

    /// <summary>
    /// The choices <paramref name="utterance"/> names, in choice order. Empty when it names none, or — for a
    /// single answer — more than one, or when two choices compete for the same words.
    /// </summary>
    public IReadOnlyList<ChoiceHit> Match(string? utterance, bool multiSelect)
    {
        var normalized = TextNormalizer.Normalize(utterance);
        if (normalized.Length == 0)
            return [];
        if (_whole.TryGetValue(normalized, out var exact))
            return exact is null ? [] : [new ChoiceHit(exact.Choice, exact.Text, 1.0)];

        var tokens = TextNormalizer.Tokenize(normalized);
        if (tokens.Length > MaxTokens)
            tokens = tokens[..MaxTokens];

        if (!TryMatchWords(normalized, tokens, out var accepted))
            return [];
        if (!multiSelect)
        {
            if (accepted.Count == 1)
                return [accepted[0].ToHit()];
            if (accepted.Count > 1)
                return [];
        }

        var used = 0UL;
        foreach (var candidate in accepted)
            used |= candidate.Positions;
        if (!TryReadNumbers(normalized, tokens, used, out var numbers))
            return [];
        if (!multiSelect)
            return numbers.Count == 1 ? [new ChoiceHit(numbers[0] - 1, null, 1.0)] : [];

        var hits = new SortedDictionary<int, ChoiceHit>();
        foreach (var candidate in accepted)
            hits[candidate.Term.Choice] = candidate.ToHit();
        foreach (var number in numbers)
            hits.TryAdd(number - 1, new ChoiceHit(number - 1, null, 1.0));
        return [.. hits.Values];
    }

    private bool TryMatchWords(string normalized, Range[] tokens, out List<Candidate> accepted)
    {
        var best = new Dictionary<int, Candidate>();
        foreach (var term in _terms)
        {
            if (term.TryMatch(normalized, tokens, out var candidate)
                && (!best.TryGetValue(term.Choice, out var current) || candidate.CompareRank(current) > 0))
            {
                best[term.Choice] = candidate;
            }
        }

        var ranked = best.Values.ToList();
        ranked.Sort((a, b) => b.CompareRank(a));
        accepted = [];
        foreach (var candidate in ranked)
        {
            var overlapping = accepted.FindAll(a => (a.Positions & candidate.Positions) != 0);
            if (overlapping.Count == 0)
                accepted.Add(candidate);
            else if (overlapping.Exists(a => a.CompareRank(candidate) == 0))
                return false; // the same words name two choices equally well
        }
        return true;
    }

    /// <summary>
    /// Numbers among the words no choice claimed. Digits count anywhere ("la 2 por favor"); spelled-out numbers
    /// only when the rest is numbers and filler ("la dos", "uno y tres"), since "un"/"une" are also articles.
    /// False when a number is outside the list.
    /// </summary>
    private bool TryReadNumbers(string normalized, Range[] tokens, ulong used, out List<int> values)
    {
        values = [];
        var found = new List<NumberToken>();
        var onlyNumbers = true;
        for (var i = 0; i < tokens.Length;)
        {
            if ((used & (1UL << i)) != 0 || Vocabulary.IsFiller(normalized.AsSpan()[tokens[i]]))
            {
                i++;
                continue;
            }
            if (NumberWords.TryRead(normalized, tokens, i, out var number))
            {
                found.Add(number);
                i += number.TokenCount;
                continue;
            }
            onlyNumbers = false;
            i++;
        }
        foreach (var number in found)
        {
            if (number.IsWord && !onlyNumbers)
                continue;
            if (number.Value < 1 || number.Value > Count)
                return false;
            if (!values.Contains(number.Value))
                values.Add(number.Value);
        }
        return true;
    }

    private sealed class Term
    {
        private Term(int choice, string text, string normalized, string[] words)
        {
            Choice = choice;
            Text = text;
            Normalized = normalized;
            Words = words;
        }

        public int Choice { get; }

        public string Text { get; }

        public string Normalized { get; }

        /// <summary>The words that tell this choice apart: stop words are left out unless there is nothing else.</summary>
        public string[] Words { get; }

        public static Term Create(int choice, string text, string normalized)
        {
            var all = normalized.Split(' ');
            var significant = Array.FindAll(all, w => !Vocabulary.IsStopWord(w));
            return new Term(choice, text, normalized, significant.Length > 0 ? significant : all);
        }

        public bool TryMatch(string normalized, Range[] tokens, out Candidate candidate)
        {
            ulong positions = 0;
            int matched = 0, distance = 0;
            foreach (var word in Words)
            {
                int bestPosition = -1, bestDistance = int.MaxValue;
                for (var p = 0; p < tokens.Length && bestDistance > 0; p++)
                {
                    if ((positions & (1UL << p)) != 0)
                        continue;
                    var token = normalized.AsSpan()[tokens[p]];
                    var d = token.SequenceEqual(word) ? 0
                        : Vocabulary.IsStopWord(token) ? -1
                        : FuzzyMatch.Distance(token, word);
                    if (d >= 0 && d < bestDistance)
                        (bestPosition, bestDistance) = (p, d);
                }
                if (bestPosition < 0)
                    continue;
                positions |= 1UL << bestPosition;
                matched++;
                distance += bestDistance;
            }
            candidate = new Candidate(this, positions, matched, distance);
            return matched > 0;
        }
    }

    private readonly record struct Candidate(Term Term, ulong Positions, int Matched, int Distance)
    {
        private bool IsComplete => Matched == Term.Words.Length;

        /// <summary>All of a term's words beat some of them; then more words matched; then fewer typos.</summary>
        public int CompareRank(Candidate other)
        {
            var byCompleteness = IsComplete.CompareTo(other.IsComplete);
            if (byCompleteness != 0)
                return byCompleteness;
            var byWords = Matched.CompareTo(other.Matched);
            return byWords != 0 ? byWords : other.Distance.CompareTo(Distance);
        }

        public ChoiceHit ToHit() =>
            new(Term.Choice, Term.Text, Math.Max(0.1, (double)Matched / Term.Words.Length - 0.1 * Distance));
    }
}

/// <summary>A choice named by an answer: its index, the term that matched (null for a number), and a score in (0, 1].</summary>
public readonly record struct ChoiceHit(int Index, string? Term, double Score);
