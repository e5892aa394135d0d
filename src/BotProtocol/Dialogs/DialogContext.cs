using BotProtocol.Prompts;
using BotProtocol.State;
using BotProtocol.Turns;
using Microsoft.Extensions.Logging;

namespace BotProtocol.Dialogs;

/// <summary>
/// The dialog stack of one conversation during one turn. Created per turn by <see cref="DialogSet.CreateContext"/>;
/// the stack itself is <see cref="ConversationState.DialogStack"/>, loaded and saved with the conversation, with the
/// active dialog first, as the Bot Framework SDK stores it.
/// </summary>
public sealed class DialogContext
{
    internal DialogContext(DialogSet dialogs, TurnContext context)
    {
        Dialogs = dialogs;
        Context = context;
    }

    public DialogSet Dialogs { get; }

    public TurnContext Context { get; }

    public IReadOnlyList<DialogInstance> Stack => Context.State.DialogStack;

    public DialogInstance? ActiveDialog => Context.State.DialogStack.Count > 0 ? Context.State.DialogStack[0] : null;

    internal ILogger Logger => Dialogs.Logger;

    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId);

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        var dialog = FindDialog(dialogId)
            ?? throw new ArgumentException($"No dialog with id '{dialogId}' is in the dialog set.", nameof(dialogId));
        Context.State.DialogStack.Insert(0, new DialogInstance { Id = dialogId });
        return await dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Hands the turn to the active dialog; <see cref="DialogTurnStatus.Empty"/> when there is none.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        var dialog = FindActive();
        return dialog is null
            ? new DialogTurnResult(DialogTurnStatus.Empty)
            : await dialog.ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>Ends the active dialog and resumes its parent with <paramref name="result"/>, in this same turn.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(DialogReason.EndCalled, cancellationToken);
        var parent = FindActive();
        return parent is null
            ? new DialogTurnResult(DialogTurnStatus.Complete, result)
            : await parent.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken);
    }

    /// <summary>Ends the active dialog without resuming its parent and starts <paramref name="dialogId"/> in its place.</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(DialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Empties the stack, telling each dialog; used by interruptions such as "restart" or a quick exit.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count == 0)
            return new DialogTurnResult(DialogTurnStatus.Empty);
        while (Stack.Count > 0)
            await PopAsync(DialogReason.CancelCalled, cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog's pending question again, e.g. after an interruption handler answered "help".</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        var dialog = FindActive();
        if (dialog is not null)
            await dialog.RepromptDialogAsync(Context, ActiveDialog!, cancellationToken);
    }

    private async Task PopAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is not { } instance)
            return;
        Context.State.DialogStack.RemoveAt(0);
        if (FindDialog(instance.Id) is { } dialog)
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken);
    }

    /// <summary>
    /// The dialog of the top frame. A frame naming a dialog the set no longer has (renamed in a new release) would
    /// fail every turn of that conversation forever, so the stack is dropped instead and the app starts afresh.
    /// </summary>
    private Dialog? FindActive()
    {
        if (ActiveDialog is not { } instance)
            return null;
        if (FindDialog(instance.Id) is { } dialog)
            return dialog;
        if (Logger.IsEnabled(LogLevel.Warning))
            DialogLog.UnknownDialog(Logger, instance.Id);
        Context.State.DialogStack.Clear();
        return null;
    }
}
