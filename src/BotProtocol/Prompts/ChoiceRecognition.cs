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
        var table = new ChoiceTable([.. choices.Select(Terms)]);
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

    public static Activity Render(PromptFrame frame, bool isRetry, in ChoiceLayout layout)
    {
        var options = frame.Options;
        var prompt = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        return ChoiceRendering.Render(prompt, options.Choices ?? [], options.Style, layout);
    }

    private static string[] Terms(Choice choice) =>
        [choice.Value, .. choice.Title is null ? [] : new[] { choice.Title }, .. choice.Synonyms ?? []];

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
