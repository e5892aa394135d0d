using BotProtocol.State;
using BotProtocol.Turns;

namespace BotProtocol.Dialogs;

/// <summary>
/// A step of a conversation that may span turns. Dialogs are built once at start-up and shared by every
/// conversation, so they hold no per-conversation data: what they must remember between turns goes into their
/// frame on the dialog stack (<see cref="DialogInstance.State"/>), which is saved with the conversation.
/// </summary>
public abstract class Dialog
{
    /// <summary>Returned by a dialog that waits for the user's next message.</summary>
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    protected Dialog(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string Id { get; }

    /// <summary>
    /// Whatever the person types while this dialog waits is its answer, whatever words it uses (a description, a
    /// question in their own words): the application's interruptions by topic should leave it alone. The dialog
    /// declares it, so a route table asks the dialog on top instead of keeping a list of other features' ids.
    /// </summary>
    public bool TakesFreeText { get; init; }

    /// <summary>Starts the dialog; its frame is already on top of the stack (<see cref="DialogContext.ActiveDialog"/>).</summary>
    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken);

    /// <summary>The user spoke while this dialog was on top of the stack.</summary>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>A dialog this one started has ended with <paramref name="result"/>; this one is on top again.</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }

    /// <summary>Asks the pending question again, e.g. after an interruption such as "help" was answered.</summary>
    public virtual Task RepromptDialogAsync(TurnContext turn, DialogInstance instance, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>The frame is being removed from the stack (ended, replaced or cancelled).</summary>
    public virtual Task EndDialogAsync(TurnContext turn, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}

public enum DialogTurnStatus
{
    /// <summary>No dialog was active.</summary>
    Empty,

    /// <summary>A dialog waits for the user's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended; <see cref="DialogTurnResult.Result"/> holds what it returned.</summary>
    Complete,

    /// <summary>The stack was cancelled.</summary>
    Cancelled,
}

public enum DialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
    NextCalled,
}

/// <summary>
/// What a dialog operation left behind. <see cref="Result"/> is handed from a child to its parent within the same
/// turn, so it is an ordinary object and is never stored.
/// </summary>
public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null);
