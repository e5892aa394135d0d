using System.Text.Json;
using BotProtocol.Dialogs;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using Microsoft.Extensions.Logging;

namespace BotProtocol.Prompts;

/// <summary>
/// The ask → recognise → validate → retry cycle every prompt shares, kept apart from what differs (rendering and
/// recognition) by composition, so prompts stay one level below <see cref="Dialog"/>.
/// </summary>
/// <remarks>
/// Frame: <c>{ "promptId": "…", "attempts": n, "options": PromptOptions }</c>. The prompt id is fixed when the
/// prompt begins and names this one question, so a card submit from an older card is told apart.
/// </remarks>
internal sealed class PromptFlow<T>(
    Dialog prompt,
    Func<PromptValidatorContext<T>, CancellationToken, Task<bool>>? validator,
    Func<TurnContext, PromptFrame, bool, Activity> render,
    Func<TurnContext, PromptFrame, PromptRecognizerResult<T>> recognize)
{
    public Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (options is not PromptOptions promptOptions)
            throw new ArgumentException($"Prompt '{prompt.Id}' needs PromptOptions.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(promptOptions.MaxAttempts, 1, nameof(options));

        var activityId = dc.Context.Activity.Id;
        var frame = new PromptFrame(string.IsNullOrEmpty(activityId) ? prompt.Id : $"{prompt.Id}-{activityId}", 0, promptOptions);
        Save(dc.ActiveDialog!, frame, optionsJson: null);
        dc.Context.Send(render(dc.Context, frame, false));
        return Task.FromResult(Dialog.EndOfTurn);
    }

    public async Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        // Typing indicators, reactions and events are not answers.
        if (!turn.Activity.IsType(ActivityTypes.Message))
            return Dialog.EndOfTurn;

        var instance = dc.ActiveDialog!;
        var (saved, optionsJson) = Load(instance);
        var frame = saved with { Attempts = saved.Attempts + 1 };
        var recognized = recognize(turn, frame);
        var repliesBefore = turn.Replies.Count;
        var valid = validator is null
            ? recognized.Succeeded
            : await validator(new PromptValidatorContext<T>(turn, recognized, frame.Options, frame.Attempts), cancellationToken);
        if (valid)
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);

        if (frame.Attempts >= frame.Options.MaxAttempts)
        {
            if (dc.Logger.IsEnabled(LogLevel.Information))
                DialogLog.PromptGaveUp(dc.Logger, prompt.Id, turn.Activity.ChannelId, frame.Attempts);
            return await dc.EndDialogAsync(new TooManyAttempts(prompt.Id, frame.Attempts), cancellationToken);
        }

        if (dc.Logger.IsEnabled(LogLevel.Information))
            DialogLog.PromptRetried(dc.Logger, prompt.Id, turn.Activity.ChannelId, frame.Attempts, frame.Options.MaxAttempts);
        Save(instance, frame, optionsJson);
        // A validator that explained the problem itself has answered already.
        if (turn.Replies.Count == repliesBefore)
            turn.Send(render(turn, frame, true));
        return Dialog.EndOfTurn;
    }

    /// <summary>Something started on top of this prompt (an interruption's own dialog) and ended: ask again.</summary>
    public async Task<DialogTurnResult> ResumeAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return Dialog.EndOfTurn;
    }

    public Task RepromptAsync(TurnContext turn, DialogInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(instance);
        turn.Send(render(turn, Load(instance).Frame, false));
        return Task.CompletedTask;
    }

    private static (PromptFrame Frame, JsonElement OptionsJson) Load(DialogInstance instance)
    {
        var json = instance.State ?? throw new InvalidOperationException($"Prompt '{instance.Id}' lost its saved state.");
        var optionsJson = json.GetProperty("options");
        var options = optionsJson.Deserialize(PromptJsonContext.Default.PromptOptions)
            ?? throw new InvalidOperationException($"Prompt '{instance.Id}' lost its options.");
        return (new PromptFrame(json.GetProperty("promptId").GetString()!, json.GetProperty("attempts").GetInt32(), options), optionsJson);
    }

    // Retries copy the options already serialised instead of serialising them again.
    private static void Save(DialogInstance instance, PromptFrame frame, JsonElement? optionsJson) =>
        instance.State = JsonObjectWriter.Write((frame, optionsJson), static (writer, state) =>
        {
            writer.WriteString("promptId", state.frame.PromptId);
            writer.WriteNumber("attempts", state.frame.Attempts);
            writer.WritePropertyName("options");
            if (state.optionsJson is { } raw)
                raw.WriteTo(writer);
            else
                JsonSerializer.Serialize(writer, state.frame.Options, PromptJsonContext.Default.PromptOptions);
        });
}

/// <summary>A prompt's saved frame: which question instance, how many answers so far, and what it asks.</summary>
internal sealed record PromptFrame(string PromptId, int Attempts, PromptOptions Options);
