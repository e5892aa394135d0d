using BotProtocol.Dialogs;
using BotProtocol.State;
using BotProtocol.Turns;

namespace BotProtocol.Prompts;

/// <summary>
/// Asks for one of a list of choices; ends with a <see cref="FoundChoice"/>. The answer may be a button click, a
/// card submit, the choice's title, value or synonym in any case and with or without accents, a small typo, a
/// phrase containing it, or its number. An answer naming two choices is asked again, never guessed.
/// </summary>
public sealed class ChoicePrompt(string dialogId, Func<PromptValidatorContext<FoundChoice>, CancellationToken, Task<bool>>? validator = null)
    : Prompt<FoundChoice>(dialogId, validator)
{
    /// <summary>
    /// Most choices shown as suggested actions under <see cref="ListStyle.Auto"/>; with more, an Adaptive Card.
    /// Default 10. Channels with fewer buttons (Teams shows 3) adapt in their own adapters.
    /// </summary>
    public int MaxSuggestedActions { get; init; } = 10;

    /// <summary>Language of the card's default submit button when the activity has no locale. Default English.</summary>
    public string? DefaultLocale { get; init; }

    private protected override Schema.Activity Render(TurnContext turn, PromptFrame frame, bool isRetry) =>
        ChoiceRecognition.Render(frame, isRetry, ChoiceRecognition.Layout(turn, frame, Id, multiSelect: false, MaxSuggestedActions, DefaultLocale));

    private protected override PromptRecognizerResult<FoundChoice> Recognize(TurnContext turn, PromptFrame frame) =>
        ChoiceRecognition.Recognize(turn.Activity, frame, Id, multiSelect: false) is [var choice]
            ? new PromptRecognizerResult<FoundChoice>(true, choice)
            : new PromptRecognizerResult<FoundChoice>(false);
}
