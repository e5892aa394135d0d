using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BotProtocol.Connector;

/// <summary>
/// The Connector client's resilience pipeline: a retry around a per-attempt timeout.
/// It retries what Teams says to retry (412, 429, 502, 503, 504; Teams "Status codes from bot conversational APIs") and
/// transport failures, waiting <c>Retry-After</c> when the Connector gives one and an exponential backoff with jitter
/// otherwise. Send and reply are not idempotent, so a retried 502/504 may duplicate a message; MaxAttempts bounds that.
/// A call that creates something (create conversation) is retried only when it certainly did nothing: a 412, 429 or 503
/// answer, or a connection that was never made. After a timeout, a connection broken once the request was sent, or a
/// 502/504 from a gateway, a second post could open a second thread, so the client reports
/// <see cref="ConnectorOutcomeUnknownException"/> instead.
/// </summary>
internal static class ConnectorResilience
{
    public const string PipelineName = "connector";

    // Set per call by the client (on a ResilienceContext it attaches to the request), read by the pipeline's callbacks.
    internal static readonly ResiliencePropertyKey<string> Operation = new("BotProtocol.Connector.Operation");
    internal static readonly ResiliencePropertyKey<string> ConversationHash = new("BotProtocol.Connector.ConversationHash");
    internal static readonly ResiliencePropertyKey<bool> Creates = new("BotProtocol.Connector.Creates");
    // Written by the pipeline: the attempt the call ended on, for the client's outcome-unknown log line.
    internal static readonly ResiliencePropertyKey<int> Attempt = new("BotProtocol.Connector.Attempt");

    // Every Connector answer carries it (Connector API reference); support needs it to trace a call.
    internal const string CorrelatingOperationIdHeader = "X-Correlating-OperationId";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var settings = context.GetOptions<ConnectorOptions>();
        context.EnableReloads<ConnectorOptions>();
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorClient).FullName!);
        pipeline.TimeProvider = time;

        if (settings.MaxAttempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    RetryAfter(args.Outcome.Result?.Headers.RetryAfter, settings, time) ?? Backoff(args.AttemptNumber + 1, settings)),
                OnRetry = args =>
                {
                    args.Context.Properties.Set(Attempt, args.AttemptNumber + 2);
                    LogRetry(logger, args, settings);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args => ValueTask.FromResult(
                args.Context.Properties.GetValue(Creates, false) ? settings.CreateConversationTimeout : settings.Timeout),
        });
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var creates = context.Properties.GetValue(Creates, false);
        return outcome switch
        {
            { Result: { } response } => ConnectorException.IsTransientStatus((int)response.StatusCode)
                && !(creates && MayHaveTakenEffect((int)response.StatusCode)),
            _ when context.CancellationToken.IsCancellationRequested => false,
            { Exception: TimeoutRejectedException } => !creates,
            { Exception: HttpRequestException failure } => !creates || NeverSent(failure),
            _ => false,
        };
    }

    private static void LogRetry(ILogger logger, OnRetryArguments<HttpResponseMessage> args, ConnectorOptions settings)
    {
        if (!logger.IsEnabled(LogLevel.Warning))
            return;
        var operation = args.Context.Properties.GetValue(Operation, "call");
        var conversationHash = args.Context.Properties.GetValue(ConversationHash, "-");
        var attempt = args.AttemptNumber + 1;
        if (args.Outcome.Result is { } response)
            ConnectorLog.RetryingStatus(logger, operation, conversationHash, (int)response.StatusCode, CorrelatingOperationId(response),
                attempt, settings.MaxAttempts, args.RetryDelay.TotalMilliseconds);
        else
            ConnectorLog.RetryingTransport(logger, operation, conversationHash, Failure(args.Outcome.Exception), attempt, settings.MaxAttempts,
                args.RetryDelay.TotalMilliseconds);
    }

    /// <summary>A fixed phrase for a transport failure: <c>timeout</c> or the <see cref="HttpRequestError"/> name.</summary>
    internal static string Failure(Exception? exception) => exception switch
    {
        TimeoutRejectedException => "timeout",
        HttpRequestException failure => failure.HttpRequestError.ToString(),
        _ => "error",
    };

    /// <summary>A gateway's error: the service behind it may have done the work before the gateway gave up on it.</summary>
    internal static bool MayHaveTakenEffect(int statusCode) => statusCode is 502 or 504;

    /// <summary>Failures before a byte of the request left: no connection, no name, no TLS.</summary>
    internal static bool NeverSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;

    internal static string? CorrelatingOperationId(HttpResponseMessage response) =>
        response.Headers.TryGetValues(CorrelatingOperationIdHeader, out var values) ? values.FirstOrDefault() : null;

    // Retry-After is either delay-seconds or an HTTP-date (RFC 9110 10.2.3); both are capped so a far-off date
    // cannot park a reply for longer than the caller is prepared to wait.
    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? retryAfter, ConnectorOptions settings, TimeProvider time)
    {
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is null)
            return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > settings.MaxDelay ? settings.MaxDelay : wait;
    }

    // Exponential backoff with "equal jitter": half of each step is fixed and half random, so senders throttled
    // together spread out without ever retrying immediately (Teams rate-limit guidance: backoff with random jitter).
    // Polly's own jitter is decorrelated and may come close to zero, hence the generator.
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
