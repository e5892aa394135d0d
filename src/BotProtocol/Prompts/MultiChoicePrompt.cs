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
public sealed class MultiChoicePrompt : Dialog
{
    private readonly PromptFlow<IReadOnlyList<FoundChoice>> _flow;

    public MultiChoicePrompt(string dialogId, Func<PromptValidatorContext<IReadOnlyList<FoundChoice>>, CancellationToken, Task<bool>>? validator = null)
        : base(dialogId)
    {
        _flow = new PromptFlow<IReadOnlyList<FoundChoice>>(this, validator, Render, Recognize);
    }

    /// <summary>Language of the card's default submit button when the activity has no locale. Default English.</summary>
    public string? DefaultLocale { get; init; }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        if (options is PromptOptions { Choices: { } choices } && choices.FirstOrDefault(c => c.Value.Contains(',', StringComparison.Ordinal)) is { } bad)
            throw new ArgumentException($"Choice value '{bad.Value}' of multi-select prompt '{Id}' contains a comma, which the card uses to join selections.", nameof(options));
        return _flow.BeginAsync(dc, options, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken) =>
        _flow.ContinueAsync(dc, cancellationToken);

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken) =>
        _flow.ResumeAsync(dc, cancellationToken);

    public override Task RepromptDialogAsync(TurnContext turn, DialogInstance instance, CancellationToken cancellationToken) =>
        _flow.RepromptAsync(turn, instance, cancellationToken);

    private Schema.Activity Render(TurnContext turn, PromptFrame frame, bool isRetry) =>
        ChoiceRecognition.Render(frame, isRetry, ChoiceRecognition.Layout(turn, frame, Id, multiSelect: true, int.MaxValue, DefaultLocale));

    private PromptRecognizerResult<IReadOnlyList<FoundChoice>> Recognize(TurnContext turn, PromptFrame frame) =>
        ChoiceRecognition.Recognize(turn.Activity, frame, Id, multiSelect: true) is { } found
            ? new PromptRecognizerResult<IReadOnlyList<FoundChoice>>(true, found)
            : new PromptRecognizerResult<IReadOnlyList<FoundChoice>>(false);
}
