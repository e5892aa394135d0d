using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BotProtocol.Testing;

/// <summary>
/// A Bot Connector service (REST API v3) on a loopback Kestrel port, speaking the wire format of the routes a bot
/// calls: reply, send, update, delete and create conversation. It records every request exactly as it arrived
/// (raw target, headers, body) and answers each with a scripted response if one is queued, else with success.
/// Point an activity's <c>serviceUrl</c> at <see cref="ServiceUrl"/>; any path before <c>/v3/</c> is accepted,
/// as Teams' regional URLs have one (<c>…/amer/</c>).
/// </summary>
public sealed class FakeConnectorService : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Wire = ProtocolJsonContext.Default.Options;

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ConnectorRequest> _requests = [];
    private readonly Queue<FakeConnectorResponse> _scripted = new();
    private readonly List<(Func<IReadOnlyList<ConnectorRequest>, bool> IsDone, TaskCompletionSource Done)> _waiters = [];
    private int _lastId;

    private FakeConnectorService(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The service URL to put in activities; with a trailing slash, as channels send it.</summary>
    public string ServiceUrl => BaseAddress.AbsoluteUri;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ConnectorRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>Activities the bot delivered successfully (replies, sends, updates, activities of new conversations), in order.</summary>
    public IReadOnlyList<Activity> Activities
    {
        get { lock (_gate) return DeliveredActivities(_requests); }
    }

    public static async Task<FakeConnectorService> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeConnectorService? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake = new FakeConnectorService(app, new Uri(address.TrimEnd('/') + "/"));
        return fake;
    }

    /// <summary>A service URL on this fake with a path, e.g. <c>ServiceUrlWithPath("amer")</c> → <c>http://127.0.0.1:{port}/amer/</c>.</summary>
    public string ServiceUrlWithPath(string path) => new Uri(BaseAddress, path.Trim('/') + "/").AbsoluteUri;

    /// <summary>Answers the next requests, one each, in order, whatever their route; afterwards requests succeed again.</summary>
    public void Enqueue(params FakeConnectorResponse[] responses)
    {
        lock (_gate)
        {
            foreach (var response in responses)
                _scripted.Enqueue(response);
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived (their answers may still be on the way).</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(requests => requests.Count >= count, cancellationToken);

    /// <summary>Completes once <paramref name="count"/> activities have been delivered; returns all delivered so far.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForActivitiesAsync(int count, CancellationToken cancellationToken = default)
    {
        await WaitUntilAsync(requests => DeliveredActivities(requests).Count >= count, cancellationToken);
        return Activities;
    }

    public async ValueTask DisposeAsync()
    {
        // Not graceful: a request the fake holds open (Hang) would otherwise delay shutdown by the host's timeout.
        try
        {
            await _app.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // Requests still open were aborted, which is the point.
        }
        await _app.DisposeAsync();
    }

    private Task WaitUntilAsync(Func<IReadOnlyList<ConnectorRequest>, bool> isDone, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (isDone(_requests))
                return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((isDone, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    private static List<Activity> DeliveredActivities(IEnumerable<ConnectorRequest> requests) =>
        requests.Where(r => r.ResponseStatus is >= 200 and < 300)
            .Select(r => r.Operation == ConnectorOperations.CreateConversation ? r.ConversationParameters?.Activity : r.Activity)
            .OfType<Activity>()
            .ToList();

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var method = context.Request.Method;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var route = Route.Parse(method, rawTarget);

        FakeConnectorResponse answer;
        lock (_gate)
            answer = _scripted.TryDequeue(out var scripted) ? scripted : Answer(context.Request, route, body);
        // A late answer is the route's own (a post still opens its thread), only sent after the delay.
        var late = answer.AnswersAfter;
        if (late is not null)
            answer = Answer(context.Request, route, body);

        var operationId = RandomNumberGenerator.GetHexString(16, lowercase: true);
        var request = new ConnectorRequest(
            route.Operation, method, rawTarget, route.PathBase, route.ConversationId, route.ActivityId,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body, answer.NeverAnswers ? 0 : answer.StatusCode, operationId) { ResponseBody = answer.Body };
        if (!answer.StallsBody)
            Record(request);

        if (answer.NeverAnswers)
        {
            // Held open until the client gives up, like a Connector that accepted the connection and stalled.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (late is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up; what the request did is done all the same.
                return;
            }
        }
        context.Response.StatusCode = answer.StatusCode;
        context.Response.Headers["X-Correlating-OperationId"] = operationId;
        if (answer.RetryAfter is not null)
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        if (answer.StallsBody)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = 64;
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.WriteAsync("{\"id\":", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            // Recorded only now, so a test that waits for the request knows the headers are on their way.
            Record(request);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    private void Record(ConnectorRequest request)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _requests.Add(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].IsDone(_requests))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var waiter in done)
            waiter.TrySetResult();
    }

    // The success answers of the Connector API v3 (ResourceResponse, ConversationResourceResponse) and the
    // ErrorResponse it gives for a body it cannot read.
    private FakeConnectorResponse Answer(HttpRequest request, Route route, string body)
    {
        if (route.Operation == ConnectorOperations.Unknown)
            return new FakeConnectorResponse(404);
        if (request.Method is "POST" or "PUT")
        {
            if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                return FakeConnectorResponse.Error(415, "BadArgument", "Content-Type must be application/json.");
            try
            {
                if (JsonNode.Parse(body) is not JsonObject)
                    return FakeConnectorResponse.Error(400, "BadArgument", "The body must be a JSON object.");
            }
            catch (JsonException)
            {
                return FakeConnectorResponse.Error(400, "BadArgument", "The body is not JSON.");
            }
        }

        switch (route.Operation)
        {
            case ConnectorOperations.ReplyToActivity or ConnectorOperations.SendToConversation:
                return Json(200, new ResourceResponse(NextId("activity")), ProtocolJsonContext.Default.ResourceResponse);
            case ConnectorOperations.UpdateActivity:
                return Json(200, new ResourceResponse(route.ActivityId), ProtocolJsonContext.Default.ResourceResponse);
            case ConnectorOperations.DeleteActivity:
                return new FakeConnectorResponse(200);
            default:
                var parameters = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ConversationParameters);
                var serviceUrl = new Uri(BaseAddress, route.PathBase.TrimEnd('/') + "/").AbsoluteUri;
                var activityId = parameters?.Activity is null ? null : NextId("activity");
                // A post in a Teams channel opens a thread whose conversation id is the channel's with the root message id.
                var conversationId = ChannelOf(parameters) is { } channel && activityId is not null
                    ? $"{channel};messageid={activityId}"
                    : NextId("conversation");
                return Json(200, new ConversationResourceResponse(conversationId, activityId, serviceUrl),
                    ProtocolJsonContext.Default.ConversationResourceResponse);
        }
    }

    private static string? ChannelOf(ConversationParameters? parameters) =>
        parameters?.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.Object
        && channel.TryGetProperty("id", out var id)
            ? id.GetString()
            : null;

    private string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture)}";

    private static FakeConnectorResponse Json<T>(int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(status, JsonSerializer.Serialize(value, type));

    private sealed record Route(string Operation, string PathBase, string? ConversationId, string? ActivityId)
    {
        public static Route Parse(string method, string rawTarget)
        {
            var path = rawTarget.Split('?', 2)[0];
            var v3 = path.IndexOf("/v3/conversations", StringComparison.Ordinal);
            if (v3 < 0)
                return new Route(ConnectorOperations.Unknown, "", null, null);
            var pathBase = path[..v3];
            var segments = path[(v3 + "/v3/conversations".Length)..].Split('/', StringSplitOptions.None);
            // segments[0] is "" (the slash after "conversations") or the whole rest is empty.
            string? Segment(int i) => segments.Length > i ? Uri.UnescapeDataString(segments[i]) : null;
            var operation = (method, segments.Length) switch
            {
                ("POST", 1) when segments[0].Length == 0 => ConnectorOperations.CreateConversation,
                ("POST", 3) when segments[2] == "activities" => ConnectorOperations.SendToConversation,
                ("POST", 4) when segments[2] == "activities" => ConnectorOperations.ReplyToActivity,
                ("PUT", 4) when segments[2] == "activities" => ConnectorOperations.UpdateActivity,
                ("DELETE", 4) when segments[2] == "activities" => ConnectorOperations.DeleteActivity,
                _ => ConnectorOperations.Unknown,
            };
            return new Route(operation, pathBase, Segment(1), Segment(3));
        }
    }
}

/// <summary>Names the fake gives the routes it serves (the Connector swagger's operation ids).</summary>
public static class ConnectorOperations
{
    public const string ReplyToActivity = "ReplyToActivity";
    public const string SendToConversation = "SendToConversation";
    public const string UpdateActivity = "UpdateActivity";
    public const string DeleteActivity = "DeleteActivity";
    public const string CreateConversation = "CreateConversation";
    public const string Unknown = "Unknown";
}

/// <summary>One request as the fake Connector received it.</summary>
/// <param name="RawTarget">Path and query exactly as sent, percent-encoding intact.</param>
/// <param name="PathBase">What the service URL put before <c>/v3/</c>, e.g. <c>/amer</c>; empty for none.</param>
/// <param name="ConversationId">The conversation id segment, percent-decoded.</param>
/// <param name="ActivityId">The activity id segment, percent-decoded.</param>
/// <param name="ResponseStatus">The status the fake answered; 0 while it holds the request unanswered.</param>
/// <param name="CorrelatingOperationId">The <c>X-Correlating-OperationId</c> the fake answered with.</param>
public sealed record ConnectorRequest(
    string Operation,
    string Method,
    string RawTarget,
    string PathBase,
    string? ConversationId,
    string? ActivityId,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int ResponseStatus,
    string CorrelatingOperationId)
{
    /// <summary>What the fake answered, when it answered with a body.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The id of the conversation a create-conversation opened (a channel post's thread), from the answer.</summary>
    public string? CreatedConversationId => Operation == ConnectorOperations.CreateConversation && ResponseBody is { } body
        ? JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ConversationResourceResponse)?.Id
        : null;

    /// <summary>The id of the first message of the conversation a create-conversation opened (a channel post's card), from the answer.</summary>
    public string? CreatedActivityId => Operation == ConnectorOperations.CreateConversation && ResponseBody is { } body
        ? JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ConversationResourceResponse)?.ActivityId
        : null;

    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    public string? BearerToken => Authorization is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;

    public Activity? Activity => Operation is ConnectorOperations.ReplyToActivity or ConnectorOperations.SendToConversation or ConnectorOperations.UpdateActivity
        ? JsonSerializer.Deserialize(Body, ProtocolJsonContext.Default.Activity)
        : null;

    public ConversationParameters? ConversationParameters => Operation == ConnectorOperations.CreateConversation
        ? JsonSerializer.Deserialize(Body, ProtocolJsonContext.Default.ConversationParameters)
        : null;

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>A scripted answer of the fake Connector. Error bodies follow the Connector's ErrorResponse.</summary>
/// <param name="RetryAfter">The raw <c>Retry-After</c> header value, if any.</param>
public sealed record FakeConnectorResponse(int StatusCode, string? Body = null, string? RetryAfter = null)
{
    /// <summary>Keeps the request open without an answer until the client aborts it (a timeout).</summary>
    public bool NeverAnswers { get; init; }

    public static FakeConnectorResponse Error(int statusCode, string code, string message = "Scripted failure.") =>
        new(statusCode, JsonSerializer.Serialize(new ErrorResponse(new ErrorDetail(code, message)), ProtocolJsonContext.Default.ErrorResponse));

    /// <summary>429 with <c>Retry-After</c> in whole seconds.</summary>
    public static FakeConnectorResponse Throttled(TimeSpan retryAfter) =>
        Error(429, "Throttled", "Too many requests.") with { RetryAfter = ((long)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture) };

    /// <summary>429 with <c>Retry-After</c> as an HTTP date (RFC 9110).</summary>
    public static FakeConnectorResponse ThrottledUntil(DateTimeOffset retryAt) =>
        Error(429, "Throttled", "Too many requests.") with { RetryAfter = retryAt.ToString("R", CultureInfo.InvariantCulture) };

    public static FakeConnectorResponse Unavailable() => Error(503, "ServiceUnavailable", "The service is unavailable.");

    /// <summary>The Connector's answer to an expired or revoked token: 401 with an ASP.NET-style body, not an ErrorResponse.</summary>
    public static FakeConnectorResponse TokenRefused() => new(401, """{"message":"Authorization has been denied for this request."}""");

    /// <summary>Sends 200 and its headers, then stalls in the middle of the body until the client aborts.</summary>
    public bool StallsBody { get; init; }

    public static FakeConnectorResponse Hang() => new(0) { NeverAnswers = true };

    /// <summary>
    /// Does what the route does (a post opens its thread, and is recorded as done) but answers only after
    /// <see cref="AnswersAfter"/>: a Connector slower than the client's timeout, whose work took effect anyway.
    /// </summary>
    public TimeSpan? AnswersAfter { get; init; }

    public static FakeConnectorResponse Late(TimeSpan delay) => new(0) { AnswersAfter = delay };

    public static FakeConnectorResponse StallAfterHeaders() => new(200) { StallsBody = true };
}
