namespace BotProtocol.Turns;

/// <summary>
/// A visible route table: each route is a condition and a handler, tried in the order they were added;
/// the first whose condition holds handles the turn.
/// </summary>
public sealed class TurnRouter : IBot
{
    private readonly List<Route> _routes = [];
    private Func<TurnContext, Exception, CancellationToken, Task>? _onError;

    public TurnRouter On(string name, Func<TurnContext, bool> when, Func<TurnContext, CancellationToken, Task> handle)
    {
        _routes.Add(new Route(name, when, handle));
        return this;
    }

    /// <summary>What the person is told when a route throws.</summary>
    public TurnRouter OnError(Func<TurnContext, Exception, CancellationToken, Task> handle)
    {
        _onError = handle;
        return this;
    }

    public IReadOnlyList<string> RouteNames => _routes.ConvertAll(r => r.Name);

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        foreach (var route in _routes)
        {
            if (route.When(turn))
            {
                turn.TurnItems[RouteKey] = route.Name;
                await route.Handle(turn, cancellationToken);
                return;
            }
        }
    }

    public Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken) =>
        _onError?.Invoke(turn, exception, cancellationToken) ?? Task.CompletedTask;

    /// <summary>The <see cref="TurnContext.TurnItems"/> key under which the name of the route taken is kept (for logs).</summary>
    public const string RouteKey = "route";

    private sealed record Route(string Name, Func<TurnContext, bool> When, Func<TurnContext, CancellationToken, Task> Handle);
}
