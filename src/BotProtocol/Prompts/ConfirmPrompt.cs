using BotProtocol.Dialogs;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;

namespace BotProtocol.Prompts;

/// <summary>
/// Asks a yes/no question with two buttons; ends with a bool. Understands the buttons (labels from
/// <see cref="PromptOptions.Choices"/>, else Sí/No, Oui/Non or Yes/No by the turn's locale), "1"/"2" for them,
/// and yes/no words in Spanish, French and English (<see cref="ConfirmWords"/>), read with the words of <paramref name="lexicon"/>.
/// </summary>
public sealed class ConfirmPrompt(string dialogId, Lexicon lexicon, Func<PromptValidatorContext<bool>, CancellationToken, Task<bool>>? validator = null)
    : Prompt<bool>(dialogId, validator)
{
    /// <summary>Language of the default button labels when the activity has no locale. Default English.</summary>
    public string? DefaultLocale { get; init; }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        if (options is PromptOptions { Choices: { Count: not 2 } })
            throw new ArgumentException($"Confirm prompt '{Id}' takes exactly two choices: yes, then no.", nameof(options));
        return base.BeginDialogAsync(dc, options, cancellationToken);
    }

    private IReadOnlyList<Choice> Buttons(TurnContext turn, PromptOptions options)
    {
        if (options.Choices is { } choices)
            return choices;
        var words = PromptCulture.For(turn, DefaultLocale);
        return [new Choice(words.Yes), new Choice(words.No)];
    }

    private protected override Activity Render(TurnContext turn, PromptFrame frame, bool isRetry)
    {
        var options = frame.Options;
        var layout = ChoiceRecognition.Layout(turn, frame, Id, multiSelect: false, maxSuggestedActions: 2, DefaultLocale);
        return isRetry
            ? ChoiceRendering.Retry(options, Buttons(turn, options), frame.Attempts, layout)
            : ChoiceRendering.Render(options.Prompt, Buttons(turn, options), options.Style, layout);
    }

    private protected override PromptRecognizerResult<bool> Recognize(TurnContext turn, PromptFrame frame)
    {
        var buttons = Buttons(turn, frame.Options);
        var labels = new ChoiceTable([.. buttons.Select(b => (IReadOnlyList<string>)[b.Value, b.DisplayTitle])]);
        var activity = turn.Activity;

        var index = -1;
        if (ChoiceRendering.TryReadSubmit(activity, frame.PromptId, Id, out var values))
        {
            index = values is [var value] ? labels.FindExact(value) : -1;
        }
        else if (!string.IsNullOrWhiteSpace(activity.Text))
        {
            index = labels.FindExact(activity.Text);
            if (index < 0)
            {
                var normalized = TextNormalizer.Normalize(activity.Text);
                index = normalized switch { "1" => 0, "2" => 1, _ => -1 };
                if (index < 0 && ConfirmWords.Recognize(activity.Text, lexicon) is { } yes)
                    return new PromptRecognizerResult<bool>(true, yes);
            }
        }
        return index < 0 ? new PromptRecognizerResult<bool>(false) : new PromptRecognizerResult<bool>(true, index == 0);
    }
}
