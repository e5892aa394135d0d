using BotProtocol.Dialogs;
using BotProtocol.Schema;
using BotProtocol.Turns;

namespace BotProtocol.Tests.Dialogs;

/// <summary>
/// The smallest bot that runs dialogs: continue the active dialog, else begin the root one. The dialog set comes
/// from a factory called every turn, so a test can prove that nothing survives in memory between turns.
/// </summary>
internal sealed class DialogBot(Func<DialogSet> dialogs, string rootDialogId, Func<object?>? options = null) : IBot
{
    public DialogBot(DialogSet dialogs, string rootDialogId, Func<object?>? options = null)
        : this(() => dialogs, rootDialogId, options)
    {
    }

    public List<DialogTurnResult> Results { get; } = [];

    /// <summary>Runs first on every message; returning true means the turn was handled (an interruption).</summary>
    public Func<DialogContext, CancellationToken, Task<bool>>? Interrupt { get; init; }

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message))
            return;
        var dc = dialogs().CreateContext(turn);
        if (Interrupt is not null && await Interrupt(dc, cancellationToken))
            return;
        var result = await dc.ContinueDialogAsync(cancellationToken);
        if (result.Status == DialogTurnStatus.Empty)
            result = await dc.BeginDialogAsync(rootDialogId, options?.Invoke(), cancellationToken);
        Results.Add(result);
    }
}
