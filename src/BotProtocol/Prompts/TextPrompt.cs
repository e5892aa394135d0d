using BotProtocol.Dialogs;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;

namespace BotProtocol.Prompts;

/// <summary>
/// Asks for free text; ends with the message text as sent. A message without text (a card submit, an image), or one the
/// validator refuses, is asked again with the retry prompt, and from the second time with <see cref="PromptOptions.LastResort"/>.
/// </summary>
public sealed class TextPrompt(string dialogId, Func<PromptValidatorContext<string>, CancellationToken, Task<bool>>? validator = null)
    : Prompt<string>(dialogId, validator)
{
    private protected override Activity Render(TurnContext turn, PromptFrame frame, bool isRetry)
    {
        var options = frame.Options;
        var prompt = (isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt) ?? new Activity();
        if (isRetry && frame.Attempts >= 2 && !string.IsNullOrEmpty(options.LastResort))
            prompt = prompt with { Text = string.IsNullOrEmpty(prompt.Text) ? options.LastResort : prompt.Text + "\n\n" + options.LastResort };
        return prompt with { Type = ActivityTypes.Message, InputHint = prompt.InputHint ?? InputHints.ExpectingInput };
    }

    private protected override PromptRecognizerResult<string> Recognize(TurnContext turn, PromptFrame frame) =>
        string.IsNullOrWhiteSpace(turn.Activity.Text)
            ? new PromptRecognizerResult<string>(false)
            : new PromptRecognizerResult<string>(true, turn.Activity.Text);
}
