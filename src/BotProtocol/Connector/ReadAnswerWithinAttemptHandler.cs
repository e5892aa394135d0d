namespace BotProtocol.Connector;

/// <summary>
/// Reads an answer's body inside the attempt, so the attempt's timeout covers it: a server that sends headers and then
/// stalls is as stuck as one that never answers. Used by the Connector client and by any other resilient client.
/// </summary>
public sealed class ReadAnswerWithinAttemptHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
