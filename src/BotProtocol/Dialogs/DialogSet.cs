using BotProtocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotProtocol.Dialogs;

/// <summary>
/// The dialogs an application can run, by id. Built once at start-up and then only read, so one instance serves
/// every conversation; adding after the first <see cref="CreateContext"/> is refused.
/// </summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);
    private volatile bool _sealed;

    public DialogSet(ILogger<DialogSet>? logger = null) => Logger = logger ?? (ILogger)NullLogger.Instance;

    internal ILogger Logger { get; }

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (_sealed)
            throw new InvalidOperationException($"Dialog '{dialog.Id}' added after the set was first used; build the set at start-up.");
        if (!_dialogs.TryAdd(dialog.Id, dialog))
            throw new ArgumentException($"A dialog with id '{dialog.Id}' is already in the set.", nameof(dialog));
        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    /// <summary>The dialogs of this turn, over the stack saved in the turn's conversation state.</summary>
    public DialogContext CreateContext(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        _sealed = true;
        return new DialogContext(this, turn);
    }
}
