using BotProtocol.Prompts;
using BotProtocol.State;
using BotProtocol.Turns;

namespace BotProtocol.Dialogs;

/// <summary>
/// What a waterfall step sees and can do. <see cref="State"/> is saved when the step hands over (to a prompt, a
/// child dialog or the next step) or waits; set it before handing over.
/// </summary>
public sealed class WaterfallStepContext<TState>
    where TState : class, new()
{
    private readonly WaterfallDialog<TState> _dialog;
    private readonly DialogContext _dc;
    private readonly DialogInstance _instance;
    private bool _movedOn;

    internal WaterfallStepContext(
        WaterfallDialog<TState> dialog, DialogContext dc, DialogInstance instance, int index,
        TState state, TState? options, DialogReason reason, object? result)
    {
        _dialog = dialog;
        _dc = dc;
        _instance = instance;
        Index = index;
        State = state;
        Options = options;
        Reason = reason;
        Result = result;
    }

    public TurnContext Context => _dc.Context;

    public TState State { get; set; }

    /// <summary>The initial state the dialog was begun with, if any.</summary>
    public TState? Options { get; }

    /// <summary>
    /// What the previous step's prompt or child dialog ended with: a string, <see cref="FoundChoice"/>,
    /// <see cref="IReadOnlyList{FoundChoice}"/>, bool or a child's own result; <see cref="TooManyAttempts"/> when a
    /// prompt gave up; the value passed to <see cref="NextAsync"/> when the previous step skipped ahead.
    /// </summary>
    public object? Result { get; }

    public int Index { get; }

    public DialogReason Reason { get; }

    public string DialogId => _dialog.Id;

    /// <summary>Runs the next step now, in this turn, with <paramref name="result"/> as its <see cref="Result"/>.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        MoveOn();
        return _dialog.RunStepAsync(_dc, _instance, Index + 1, State, Options, DialogReason.NextCalled, result, cancellationToken);
    }

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        MoveOnAndSave();
        return _dc.PromptAsync(dialogId, options, cancellationToken);
    }

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        MoveOnAndSave();
        return _dc.BeginDialogAsync(dialogId, options, cancellationToken);
    }

    public Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        MoveOn();
        return _dc.EndDialogAsync(result, cancellationToken);
    }

    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        MoveOn();
        return _dc.ReplaceDialogAsync(dialogId, options, cancellationToken);
    }

    public Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        MoveOn();
        return _dc.CancelAllDialogsAsync(cancellationToken);
    }

    /// <summary>A step that returned without handing over (e.g. <see cref="Dialog.EndOfTurn"/>) keeps its place and state.</summary>
    internal void SaveUnlessMovedOn()
    {
        if (!_movedOn)
            _dialog.Save(_instance, Index, State, Options);
    }

    private void MoveOnAndSave()
    {
        MoveOn();
        _dialog.Save(_instance, Index, State, Options);
    }

    // Two hand-overs from one step would run two branches of the conversation at once.
    private void MoveOn()
    {
        if (_movedOn)
            throw new InvalidOperationException($"Step {Index} of dialog '{_dialog.Id}' already handed over; return the first result.");
        _movedOn = true;
    }
}
