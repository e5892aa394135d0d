using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.Connector;

/// <summary>
/// Retries what Teams says to retry (412, 429, 502, 503, 504; Teams "Status codes from bot conversational APIs") and transport failures,
/// waiting <c>Retry-After</c> when the Connector gives one and an exponential backoff with jitter otherwise.
/// Send and reply are not idempotent, so a retried 502/504 may duplicate a message; MaxAttempts bounds that.
/// A call that creates something (<see cref="CreatesKey"/>: create conversation) is retried only when it certainly
/// did nothing: a 412, 429 or 503 answer, or a connection that was never made. After a timeout, a connection broken once
/// the request was sent, or a 502/504 from a gateway, a second post could open a second thread:
/// <see cref="ConnectorOutcomeUnknownException"/> says so instead.
/// </summary>
internal sealed class ConnectorRetryHandler : DelegatingHandler
{
    internal static readonly HttpRequestOptionsKey<string> OperationKey = new("BotProtocol.Connector.Operation");
    internal static readonly HttpRequestOptionsKey<string> ConversationHashKey = new("BotProtocol.Connector.ConversationHash");
    internal static readonly HttpRequestOptionsKey<bool> CreatesKey = new("BotProtocol.Connector.Creates");

    // Every Connector answer carries it (Connector API reference); support needs it to trace a call.
    internal const string CorrelatingOperationIdHeader = "X-Correlating-OperationId";

    private readonly IOptionsMonitor<ConnectorOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectorRetryHandler> _logger;

    public ConnectorRetryHandler(IOptionsMonitor<ConnectorOptions> options, TimeProvider time, ILogger<ConnectorRetryHandler> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = _options.CurrentValue;
        var operation = request.Options.TryGetValue(OperationKey, out var op) ? op : request.Method.Method;
        var conversationHash = request.Options.TryGetValue(ConversationHashKey, out var hash) ? hash : "-";
        var creates = request.Options.TryGetValue(CreatesKey, out var create) && create;
        var timeout = creates ? settings.CreateConversationTimeout : settings.Timeout;

        // The same request message goes out again on a retry, so its body must be readable more than once.
        if (request.Content is not null)
            await request.Content.LoadIntoBufferAsync(cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            var isLast = attempt >= settings.MaxAttempts;
            HttpResponseMessage? response = null;
            string? transportFailure = null;

            // The attempt's clock is disposed before the backoff below, so advancing time while waiting cannot fire it.
            using (var attemptTimeout = new CancellationTokenSource(timeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token))
            {
                try
                {
                    response = await base.SendAsync(request, linked.Token);
                    // Read the body under the same clock: a Connector that sends headers and then stalls is as stuck
                    // as one that never answers.
                    await response.Content.LoadIntoBufferAsync(linked.Token);
                }
                catch (OperationCanceledException ex) when (attemptTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    response = null;
                    if (creates)
                    {
                        ConnectorLog.OutcomeUnknown(_logger, operation, conversationHash, "timeout", attempt);
                        throw new ConnectorOutcomeUnknownException(operation, "timeout", ex);
                    }
                    if (isLast)
                        throw new TimeoutException($"The Connector did not answer {operation} within {timeout.TotalSeconds:0.###} s, {attempt} attempt(s).", ex);
                    transportFailure = "timeout";
                }
                catch (HttpRequestException ex) when (creates && !NeverSent(ex) && !cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    ConnectorLog.OutcomeUnknown(_logger, operation, conversationHash, ex.HttpRequestError.ToString(), attempt);
                    throw new ConnectorOutcomeUnknownException(operation, ex.HttpRequestError.ToString(), ex);
                }
                catch (HttpRequestException ex) when (!isLast && !cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    response = null;
                    transportFailure = ex.HttpRequestError.ToString();
                }
                catch
                {
                    response?.Dispose();
                    throw;
                }
            }

            TimeSpan delay;
            if (response is not null)
            {
                if (isLast || !ConnectorException.IsTransientStatus((int)response.StatusCode) || (creates && MayHaveTakenEffect((int)response.StatusCode)))
                    return response;

                delay = RetryAfter(response.Headers.RetryAfter, settings) ?? Backoff(attempt, settings);
                if (_logger.IsEnabled(LogLevel.Warning))
                    ConnectorLog.RetryingStatus(_logger, operation, conversationHash, (int)response.StatusCode,
                        CorrelatingOperationId(response), attempt, settings.MaxAttempts, delay.TotalMilliseconds);
                response.Dispose();
            }
            else
            {
                delay = Backoff(attempt, settings);
                if (_logger.IsEnabled(LogLevel.Warning))
                    ConnectorLog.RetryingTransport(_logger, operation, conversationHash, transportFailure!, attempt, settings.MaxAttempts, delay.TotalMilliseconds);
            }

            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    /// <summary>A gateway's error: the service behind it may have done the work before the gateway gave up on it.</summary>
    internal static bool MayHaveTakenEffect(int statusCode) => statusCode is 502 or 504;

    // Failures before a byte of the request left: no connection, no name, no TLS.
    private static bool NeverSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;

    internal static string? CorrelatingOperationId(HttpResponseMessage response) =>
        response.Headers.TryGetValues(CorrelatingOperationIdHeader, out var values) ? values.FirstOrDefault() : null;

    // Retry-After is either delay-seconds or an HTTP-date (RFC 9110 10.2.3); both are capped so a far-off date
    // cannot park a reply for longer than the caller is prepared to wait.
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? retryAfter, ConnectorOptions settings)
    {
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - _time.GetUtcNow() : null);
        if (wait is null)
            return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > settings.MaxDelay ? settings.MaxDelay : wait;
    }

    // Exponential backoff with "equal jitter": half of each step is fixed and half random, so senders throttled
    // together spread out without ever retrying immediately (Teams rate-limit guidance: backoff with random jitter).
    private static TimeSpan Backoff(int attempt, ConnectorOptions settings)
    {
        var step = settings.BaseDelay * Math.Pow(2, attempt - 1);
        if (step > settings.MaxDelay)
            step = settings.MaxDelay;
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return step / 2 + step / 2 * Random.Shared.NextDouble();
#pragma warning restore CA5394
    }
}
