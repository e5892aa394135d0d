using Microsoft.Extensions.Logging;

namespace BotProtocol.Dialogs;

/// <summary>Dialog events: ids and counts only, never what the user wrote.</summary>
internal static partial class DialogLog
{
    [LoggerMessage(EventId = LogEvents.Dialogs.StepStarted, Level = LogLevel.Debug, Message = "Dialog {DialogId} runs step {StepIndex}")]
    public static partial void StepStarted(ILogger logger, string dialogId, int stepIndex);

    [LoggerMessage(EventId = LogEvents.Dialogs.PromptRetried, Level = LogLevel.Information,
        Message = "Prompt {DialogId} did not understand the answer on channel {ChannelId} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void PromptRetried(ILogger logger, string dialogId, string? channelId, int attempt, int maxAttempts);

    [LoggerMessage(EventId = LogEvents.Dialogs.PromptGaveUp, Level = LogLevel.Information,
        Message = "Prompt {DialogId} gave up after {Attempts} attempts on channel {ChannelId}")]
    public static partial void PromptGaveUp(ILogger logger, string dialogId, string? channelId, int attempts);

    [LoggerMessage(EventId = LogEvents.Dialogs.UnknownDialog, Level = LogLevel.Warning,
        Message = "The dialog stack names {DialogId}, which is not in the dialog set; the stack is cleared")]
    public static partial void UnknownDialog(ILogger logger, string dialogId);
}
