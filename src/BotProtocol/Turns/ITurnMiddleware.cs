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
}
