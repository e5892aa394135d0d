using System.Text.Json;
using BotProtocol.Dialogs;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using Microsoft.Extensions.Logging;

namespace BotProtocol.Prompts;

/// <summary>
/// The ask → recognise → validate → retry cycle every prompt shares; a prompt only says how it renders its question
/// and how it reads an answer.
/// </summary>
/// <remarks>
/// Frame: <c>{ "promptId": "…", "attempts": n, "options": PromptOptions }</c>. The prompt id is fixed when the
/// prompt begins and names this one question, so a card submit from an older card is told apart.
/// </remarks>
public abstract class Prompt<T> : Dialog
{
    private readonly Func<PromptValidatorContext<T>, CancellationToken, Task<bool>>? _validator;

    private protected Prompt(string dialogId, Func<PromptValidatorContext<T>, CancellationToken, Task<bool>>? validator)
        : base(dialogId) => _validator = validator;

    /// <summary>The question as sent: the prompt (or, after an answer that did not do, the retry prompt) with its choices.</summary>
    private protected abstract Activity Render(TurnContext turn, PromptFrame frame, bool isRetry);

    private protected abstract PromptRecognizerResult<T> Recognize(TurnContext turn, PromptFrame frame);

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (options is not PromptOptions promptOptions)
            throw new ArgumentException($"Prompt '{Id}' needs PromptOptions.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(promptOptions.MaxAttempts, 1, nameof(options));

        var activityId = dc.Context.Activity.Id;
        var frame = new PromptFrame(string.IsNullOrEmpty(activityId) ? Id : $"{Id}-{activityId}", 0, promptOptions);
        Save(dc.ActiveDialog!, frame, optionsJson: null);
        dc.Context.Send(Render(dc.Context, frame, false));
        return Task.FromResult(Dialog.EndOfTurn);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        // Typing indicators, reactions and events are not answers.
        if (!turn.Activity.IsType(ActivityTypes.Message))
            return Dialog.EndOfTurn;

        var instance = dc.ActiveDialog!;
        var (saved, optionsJson) = Load(instance);
        var frame = saved with { Attempts = saved.Attempts + 1 };
        var recognized = Recognize(turn, frame);
        frame = frame with { Which = recognized.Succeeded ? null : recognized.Which };
        var repliesBefore = turn.Replies.Count;
        var valid = _validator is null
            ? recognized.Succeeded
            : await _validator(new PromptValidatorContext<T>(turn, recognized, frame.Options, frame.Attempts), cancellationToken);
        if (valid)
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);

        if (frame.Attempts >= frame.Options.MaxAttempts)
        {
            if (dc.Logger.IsEnabled(LogLevel.Information))
                DialogLog.PromptGaveUp(dc.Logger, Id, turn.Activity.ChannelId, frame.Attempts);
            return await dc.EndDialogAsync(new TooManyAttempts(Id, frame.Attempts), cancellationToken);
        }

        if (dc.Logger.IsEnabled(LogLevel.Information))
            DialogLog.PromptRetried(dc.Logger, Id, turn.Activity.ChannelId, frame.Attempts, frame.Options.MaxAttempts);
        Save(instance, frame, optionsJson);
        // A validator that explained the problem itself has answered already.
        if (turn.Replies.Count == repliesBefore)
            turn.Send(Render(turn, frame, true));
        return Dialog.EndOfTurn;
    }

    /// <summary>Something started on top of this prompt (an interruption's own dialog) and ended: ask again.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return Dialog.EndOfTurn;
    }

    public override Task RepromptDialogAsync(TurnContext turn, DialogInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(instance);
        turn.Send(Render(turn, Load(instance).Frame, false));
        return Task.CompletedTask;
    }

    private static (PromptFrame Frame, JsonElement OptionsJson) Load(DialogInstance instance)
    {
        var json = instance.State ?? throw new InvalidOperationException($"Prompt '{instance.Id}' lost its saved state.");
        var optionsJson = json.GetProperty("options");
        var options = optionsJson.Deserialize(PromptJsonContext.Default.PromptOptions)
            ?? throw new InvalidOperationException($"Prompt '{instance.Id}' lost its options.");
        IReadOnlyList<string>? which = json.TryGetProperty("which", out var pair) && pair.ValueKind == JsonValueKind.Array
            ? [.. pair.EnumerateArray().Select(v => v.GetString() ?? "")]
            : null;
        return (new PromptFrame(json.GetProperty("promptId").GetString()!, json.GetProperty("attempts").GetInt32(), options) { Which = which }, optionsJson);
    }

    // Retries copy the options already serialised instead of serialising them again.
    private static void Save(DialogInstance instance, PromptFrame frame, JsonElement? optionsJson) =>
        instance.State = JsonObjectWriter.Write((frame, optionsJson), static (writer, state) =>
        {
            writer.WriteString("promptId", state.frame.PromptId);
            writer.WriteNumber("attempts", state.frame.Attempts);
            if (state.frame.Which is { } which)
            {
                writer.WriteStartArray("which");
                foreach (var value in which)
                    writer.WriteStringValue(value);
                writer.WriteEndArray();
            }
            writer.WritePropertyName("options");
            if (state.optionsJson is { } raw)
                raw.WriteTo(writer);
            else
                JsonSerializer.Serialize(writer, state.frame.Options, PromptJsonContext.Default.PromptOptions);
        });
}

/// <summary>A prompt's saved frame: which question instance, how many answers so far, and what it asks.</summary>
internal sealed record PromptFrame(string PromptId, int Attempts, PromptOptions Options)
{
    /// <summary>After an answer that named two options of a single choice: those two, asked about next.</summary>
    public IReadOnlyList<string>? Which { get; init; }
}
