namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// Reads the Graph API's answer inside the resilience pipeline, so <c>WhatsApp:RequestTimeout</c> covers the body too:
/// an answer that stalls after its headers is as stuck as no answer.
/// </summary>
internal sealed class ReadAnswerWithinTimeoutHandler : DelegatingHandler
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
