namespace BotProtocol.Turns;

/// <summary>Runs around every turn, in registration order; call <c>continueTurn</c> to continue the pipeline.</summary>
public interface ITurnMiddleware
{
    Task OnTurnAsync(TurnContext turn, Func<Task> continueTurn, CancellationToken cancellationToken);
}

/// <summary>The application's turn logic, reached after all middleware.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>
    /// The turn threw. <paramref name="turn"/> is a fresh context on the state as it was before the turn (which is not
    /// saved), so the bot can apologise in the person's language; its replies are delivered instead.
    /// </summary>
    Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken) => Task.CompletedTask;
}
