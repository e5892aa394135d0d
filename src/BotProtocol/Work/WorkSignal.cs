namespace BotProtocol.Work;

/// <summary>
/// Tells the work dispatcher that items were just enqueued, so it looks for due items now instead of at its next
/// poll. Whatever enqueues work (a turn, a webhook) takes this in its constructor instead of finding the dispatcher.
/// </summary>
public sealed class WorkSignal
{
    private TaskCompletionSource _wake = NewWake();

    /// <summary>Looks for due items now instead of at the next poll (a turn or a webhook just enqueued some).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>
    /// The wake-up to wait for after the next pass. Taken before the pass, so a wake-up during it starts the next
    /// pass at once instead of being missed.
    /// </summary>
    internal Task WhenWokenAsync()
    {
        var wake = Volatile.Read(ref _wake);
        if (wake.Task.IsCompleted)
            Interlocked.CompareExchange(ref _wake, NewWake(), wake);
        return Volatile.Read(ref _wake).Task;
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
