using BotProtocol.Dialogs;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;

namespace BotProtocol.Prompts;

/// <summary>Asks for free text; ends with the message text as sent. A message without text (a card submit, an image) is asked again.</summary>
public sealed class TextPrompt : Dialog
{
    private readonly PromptFlow<string> _flow;

    public TextPrompt(string dialogId, Func<PromptValidatorContext<string>, CancellationToken, Task<bool>>? validator = null)
        : base(dialogId)
    {
        _flow = new PromptFlow<string>(this, validator, Render, Recognize);
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken) =>
        _flow.BeginAsync(dc, options, cancellationToken);

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken) =>
        _flow.ContinueAsync(dc, cancellationToken);

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken) =>
        _flow.ResumeAsync(dc, cancellationToken);

    public override Task RepromptDialogAsync(TurnContext turn, DialogInstance instance, CancellationToken cancellationToken) =>
        _flow.RepromptAsync(turn, instance, cancellationToken);

    private static Activity Render(TurnContext turn, PromptFrame frame, bool isRetry)
    {
        var options = frame.Options;
        var prompt = (isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt) ?? new Activity();
        return prompt with { Type = ActivityTypes.Message, InputHint = prompt.InputHint ?? InputHints.ExpectingInput };
    }

    private static PromptRecognizerResult<string> Recognize(TurnContext turn, PromptFrame frame) =>
        string.IsNullOrWhiteSpace(turn.Activity.Text)
            ? new PromptRecognizerResult<string>(false)
            : new PromptRecognizerResult<string>(true, turn.Activity.Text);
}
