using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BotProtocol.Schema;
using BotProtocol.State;

namespace BotProtocol.Dialogs;

public delegate Task<DialogTurnResult> WaterfallStep<TState>(WaterfallStepContext<TState> step, CancellationToken cancellationToken)
    where TState : class, new();

/// <summary>
/// A fixed sequence of steps over a typed state, listed in the order the user experiences them. Each step
/// usually asks one question (a prompt) and the next one stores the answer; a step whose answer is already known
/// calls <see cref="WaterfallStepContext{TState}.NextAsync"/> to skip ahead.
/// </summary>
/// <remarks>
/// The frame saved between turns holds the step index and <typeparamref name="TState"/> serialised with the
/// given type information (source-generated, so the engine needs no reflection). The options passed to
/// <see cref="DialogContext.BeginDialogAsync"/> must be null or a <typeparamref name="TState"/>, which then
/// becomes the initial state — the caller pre-fills what it already knows.
/// </remarks>
public sealed class WaterfallDialog<TState> : Dialog
    where TState : class, new()
{
    private readonly WaterfallStep<TState>[] _steps;

    public WaterfallDialog(string id, JsonTypeInfo<TState> stateInfo, params IEnumerable<WaterfallStep<TState>> steps)
        : base(id)
    {
        ArgumentNullException.ThrowIfNull(stateInfo);
        ArgumentNullException.ThrowIfNull(steps);
        StateInfo = stateInfo;
        _steps = [.. steps];
        if (_steps.Length == 0)
            throw new ArgumentException("A waterfall needs at least one step.", nameof(steps));
    }

    public int StepCount => _steps.Length;

    internal JsonTypeInfo<TState> StateInfo { get; }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var initial = options switch
        {
            null => null,
            TState state => state,
            _ => throw new ArgumentException(
                $"Dialog '{Id}' takes a {typeof(TState).Name} as options (its initial state), not a {options.GetType().Name}.", nameof(options)),
        };
        return RunStepAsync(dc, dc.ActiveDialog!, 0, initial ?? new TState(), initial, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <summary>A step that returned <see cref="Dialog.EndOfTurn"/> gets the next message's text as the next step's result.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.Context.Activity.IsType(ActivityTypes.Message)
            ? ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken)
            : Task.FromResult(EndOfTurn);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog!;
        var frame = instance.State ?? throw new InvalidOperationException($"Dialog '{Id}' lost its saved state.");
        var step = frame.GetProperty("step").GetInt32();
        var state = frame.GetProperty("state").Deserialize(StateInfo) ?? new TState();
        var options = frame.TryGetProperty("options", out var saved) ? saved.Deserialize(StateInfo) : null;
        return RunStepAsync(dc, instance, step + 1, state, options, reason, result, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(
        DialogContext dc, DialogInstance instance, int index, TState state, TState? options,
        DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Length)
            return await dc.EndDialogAsync(result, cancellationToken);

        if (dc.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
            DialogLog.StepStarted(dc.Logger, Id, index);
        var step = new WaterfallStepContext<TState>(this, dc, instance, index, state, options, reason, result);
        var turnResult = await _steps[index](step, cancellationToken);
        step.SaveUnlessMovedOn();
        return turnResult;
    }

    internal void Save(DialogInstance instance, int index, TState state, TState? options) =>
        instance.State = JsonObjectWriter.Write((dialog: this, index, state, options), static (writer, frame) =>
        {
            writer.WriteNumber("step", frame.index);
            writer.WritePropertyName("state");
            JsonSerializer.Serialize(writer, frame.state, frame.dialog.StateInfo);
            if (frame.options is not null)
            {
                writer.WritePropertyName("options");
                JsonSerializer.Serialize(writer, frame.options, frame.dialog.StateInfo);
            }
        });
}
