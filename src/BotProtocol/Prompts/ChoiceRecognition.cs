using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;

namespace BotProtocol.Prompts;

/// <summary>Reads the answer to a choice prompt from a card submit or from text.</summary>
internal static class ChoiceRecognition
{
    public static List<FoundChoice>? Recognize(Activity activity, PromptFrame frame, string inputId, bool multiSelect)
    {
        var choices = frame.Options.Choices ?? [];
        var table = TableFor(choices);
        var found = new List<FoundChoice>();

        if (ChoiceRendering.TryReadSubmit(activity, frame.PromptId, inputId, out var values))
        {
            foreach (var value in values)
            {
                var index = IndexOfValue(choices, value);
                if (index < 0)
                    index = table.FindExact(value);
                if (index < 0)
                    return null; // a value the card never offered
                if (!found.Exists(f => f.Index == index))
                    found.Add(new FoundChoice(choices[index].Value, index, 1.0, value));
            }
        }
        else
        {
            foreach (var hit in table.Match(activity.Text, multiSelect))
                found.Add(new FoundChoice(choices[hit.Index].Value, hit.Index, hit.Score, hit.Term));
        }

        return found.Count == 0 || (!multiSelect && found.Count > 1) ? null : found;
    }

    /// <summary>The layout every render of one prompt instance shares.</summary>
    public static ChoiceLayout Layout(TurnContext turn, PromptFrame frame, string inputId, bool multiSelect, int maxSuggestedActions, string? defaultLocale) =>
        new(multiSelect, maxSuggestedActions, inputId, frame.PromptId,
            frame.Options.SubmitTitle ?? PromptCulture.For(turn, defaultLocale).Submit);

    public static Activity Render(PromptFrame frame, bool isRetry, in ChoiceLayout layout) =>
        isRetry
            ? ChoiceRendering.Retry(frame.Options, frame.Options.Choices ?? [], frame.Attempts, layout)
            : ChoiceRendering.Render(frame.Options.Prompt, frame.Options.Choices ?? [], frame.Options.Style, layout);

    // Every conversation at the same question offers the same choices: their table is normalised once, not every turn.
    // The key is every term of every choice, so a changed text is a new table; the cache is dropped when it grows past
    // what a catalogue of questions in three languages could need.
    private const int MaxCachedTables = 512;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IReadOnlyList<Choice>, ChoiceTable> s_tables = new(SameTerms.Instance);

    private static ChoiceTable TableFor(IReadOnlyList<Choice> choices)
    {
        if (s_tables.TryGetValue(choices, out var table))
            return table;
        if (s_tables.Count >= MaxCachedTables)
            s_tables.Clear();
        return s_tables.GetOrAdd(choices, static c => new ChoiceTable(c.Select(Terms).ToArray()));
    }

    private static string[] Terms(Choice choice) =>
        [choice.Value, .. choice.Title is null ? [] : new[] { choice.Title }, .. choice.Synonyms ?? []];

    /// <summary>Choices read back from a prompt's state are new objects each turn; they are the same table when their terms are.</summary>
    private sealed class SameTerms : IEqualityComparer<IReadOnlyList<Choice>>
    {
        public static readonly SameTerms Instance = new();

        public bool Equals(IReadOnlyList<Choice>? x, IReadOnlyList<Choice>? y)
        {
            if (ReferenceEquals(x, y))
                return true;
            if (x is null || y is null || x.Count != y.Count)
                return false;
            for (var i = 0; i < x.Count; i++)
            {
                if (x[i].Value != y[i].Value || x[i].Title != y[i].Title
                    || !(x[i].Synonyms ?? []).SequenceEqual(y[i].Synonyms ?? [], StringComparer.Ordinal))
                    return false;
            }
            return true;
        }

        public int GetHashCode(IReadOnlyList<Choice> choices)
        {
            var hash = new HashCode();
            foreach (var choice in choices)
            {
                hash.Add(choice.Value, StringComparer.Ordinal);
                hash.Add(choice.Title, StringComparer.Ordinal);
                foreach (var synonym in choice.Synonyms ?? [])
                    hash.Add(synonym, StringComparer.Ordinal);
            }
            return hash.ToHashCode();
        }
    }

    private static int IndexOfValue(IReadOnlyList<Choice> choices, string value)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i].Value, value, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
