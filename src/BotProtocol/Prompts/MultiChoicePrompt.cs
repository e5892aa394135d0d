using BotProtocol.Dialogs;
using BotProtocol.State;
using BotProtocol.Turns;

namespace BotProtocol.Prompts;

/// <summary>
/// Asks for one or more of a list of choices; ends with the <see cref="FoundChoice"/>s named, in list order.
/// Shown as an Adaptive Card with a multi-select <c>Input.ChoiceSet</c> (or a numbered list under
/// <see cref="ListStyle.List"/>). Answers: the card's submit, "1, 3", "1 y 3", "amenazas et surveillance".
/// Choice values must not contain commas: the card submits the selection comma-joined.
/// </summary>
public sealed class MultiChoicePrompt(string dialogId, Func<PromptValidatorContext<IReadOnlyList<FoundChoice>>, CancellationToken, Task<bool>>? validator = null)
    : Prompt<IReadOnlyList<FoundChoice>>(dialogId, validator)
{
    /// <summary>Language of the card's default submit button when the activity has no locale. Default English.</summary>
    public string? DefaultLocale { get; init; }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        if (options is PromptOptions { Choices: { } choices } && choices.FirstOrDefault(c => c.Value.Contains(',', StringComparison.Ordinal)) is { } bad)
            throw new ArgumentException($"Choice value '{bad.Value}' of multi-select prompt '{Id}' contains a comma, which the card uses to join selections.", nameof(options));
        return base.BeginDialogAsync(dc, options, cancellationToken);
    }

    private protected override Schema.Activity Render(TurnContext turn, PromptFrame frame, bool isRetry) =>
        ChoiceRecognition.Render(frame, isRetry, ChoiceRecognition.Layout(turn, frame, Id, multiSelect: true, int.MaxValue, DefaultLocale));

    private protected override PromptRecognizerResult<IReadOnlyList<FoundChoice>> Recognize(TurnContext turn, PromptFrame frame) =>
        ChoiceRecognition.Recognize(turn.Activity, frame, Id, multiSelect: true) is { } found
            ? new PromptRecognizerResult<IReadOnlyList<FoundChoice>>(true, found)
            : new PromptRecognizerResult<IReadOnlyList<FoundChoice>>(false);
}
