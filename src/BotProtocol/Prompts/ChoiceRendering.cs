using System.Text;
using System.Text.Json;
using BotProtocol.Dialogs;
using BotProtocol.Schema;

namespace BotProtocol.Prompts;

/// <summary>Turns a prompt and its choices into the activity sent: suggested actions, a numbered list or an Adaptive Card.</summary>
internal static class ChoiceRendering
{
    /// <summary>Key of the prompt id in the card's submit data; the rest of the submit is the choice set's input.</summary>
    public const string PromptIdKey = "promptId";

    public static Activity Render(Activity? prompt, IReadOnlyList<Choice> choices, ListStyle style, in ChoiceLayout layout)
    {
        var activity = (prompt ?? new Activity()) with
        {
            Type = ActivityTypes.Message,
            InputHint = prompt?.InputHint ?? InputHints.ExpectingInput,
        };
        switch (style)
        {
            case ListStyle.None:
                return activity;
            case ListStyle.List:
                return activity with { Text = NumberedList(activity.Text, choices) };
            case ListStyle.SuggestedAction when !layout.MultiSelect:
            case ListStyle.Auto when !layout.MultiSelect && choices.Count <= layout.MaxSuggestedActions:
                return activity with
                {
                    SuggestedActions = new SuggestedActions
                    {
                        Actions = choices.Select(c => CardAction.ImBack(c.DisplayTitle, c.Value)).ToList(),
                    },
                };
            default:
                return activity with
                {
                    Text = null,
                    Attachments = [.. activity.Attachments ?? [], Card(activity.Text, choices, layout)],
                };
        }
    }

    /// <summary>
    /// The question asked again after an answer not understood: the retry text, the choices numbered so a number is an
    /// answer, and from the second time on <see cref="PromptOptions.LastResort"/>; the buttons as the first time.
    /// </summary>
    public static Activity Retry(PromptOptions options, IReadOnlyList<Choice> choices, int attempts, in ChoiceLayout layout)
    {
        var retry = options.RetryPrompt ?? options.Prompt ?? new Activity();
        var text = NumberedList(retry.Text, choices);
        if (attempts >= 2 && !string.IsNullOrEmpty(options.LastResort))
            text += "\n\n" + options.LastResort;
        return Render(retry with { Text = text }, choices, options.Style == ListStyle.List ? ListStyle.Auto : options.Style, layout);
    }

    private static string NumberedList(string? text, IReadOnlyList<Choice> choices)
    {
        var builder = new StringBuilder(text);
        if (builder.Length > 0)
            builder.Append("\n\n");
        for (var i = 0; i < choices.Count; i++)
        {
            if (i > 0)
                builder.Append('\n');
            builder.Append(i + 1).Append(". ").Append(choices[i].DisplayTitle);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Adaptive Card 1.5. The renderer merges the submit's <c>data</c> with the inputs (keyed by input id), so the
    /// answer arrives as <c>{ "promptId": …, "&lt;inputId&gt;": "value1,value2" }</c> (protocol reference §1.6).
    /// </summary>
    private static Attachment Card(string? text, IReadOnlyList<Choice> choices, in ChoiceLayout layout)
    {
        var content = JsonObjectWriter.Write((text, choices, layout), static (w, card) =>
        {
            w.WriteString("type", "AdaptiveCard");
            w.WriteString("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
            w.WriteString("version", "1.5");
            w.WriteStartArray("body");
            if (!string.IsNullOrEmpty(card.text))
            {
                w.WriteStartObject();
                w.WriteString("type", "TextBlock");
                w.WriteString("text", card.text);
                w.WriteBoolean("wrap", true);
                w.WriteEndObject();
            }
            w.WriteStartObject();
            w.WriteString("type", "Input.ChoiceSet");
            w.WriteString("id", card.layout.InputId);
            w.WriteString("style", "expanded");
            w.WriteBoolean("isMultiSelect", card.layout.MultiSelect);
            w.WriteStartArray("choices");
            foreach (var choice in card.choices)
            {
                w.WriteStartObject();
                w.WriteString("title", choice.DisplayTitle);
                w.WriteString("value", choice.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("actions");
            w.WriteStartObject();
            w.WriteString("type", "Action.Submit");
            w.WriteString("title", card.layout.SubmitTitle);
            w.WriteStartObject("data");
            w.WriteString(PromptIdKey, card.layout.PromptId);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        });
        return new Attachment { ContentType = AttachmentContentTypes.AdaptiveCard, Content = content };
    }

    /// <summary>
    /// The values a card submit for <paramref name="promptId"/> carries: a comma-joined string (what
    /// <c>Input.ChoiceSet</c> sends) or a JSON array. False when the message is not a submit of this prompt's card.
    /// </summary>
    public static bool TryReadSubmit(Activity activity, string promptId, string inputId, out List<string> values)
    {
        values = [];
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty(PromptIdKey, out var submitted)
            || submitted.ValueKind != JsonValueKind.String
            || !submitted.ValueEquals(promptId)
            || !value.TryGetProperty(inputId, out var input))
        {
            return false;
        }
        if (input.ValueKind == JsonValueKind.String)
        {
            values.AddRange(input.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
        else if (input.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in input.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                    values.Add(item.GetString()!.Trim());
            }
        }
        return true;
    }
}

/// <summary>How a choice prompt lays its choices out, fixed per prompt instance.</summary>
internal readonly record struct ChoiceLayout(bool MultiSelect, int MaxSuggestedActions, string InputId, string PromptId, string SubmitTitle);
