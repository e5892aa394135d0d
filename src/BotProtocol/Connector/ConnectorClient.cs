using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BotProtocol.Schema;
using BotProtocol.Turns;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace BotProtocol.Connector;

/// <summary>
/// The bot's side of the Connector REST API v3 (swagger <c>botframework-channel.json</c>): replies, proactive messages, updates,
/// deletes and new conversations, each against the <c>serviceUrl</c> the conversation came from.
/// </summary>
/// <remarks>
/// Throws <see cref="ConnectorException"/> when the Connector answers non-success after the retries in
/// <see cref="ConnectorOptions"/>; <see cref="HttpRequestException"/> or <see cref="TimeoutException"/> when it
/// could not be reached; MSAL's <c>MsalException</c> when no token could be obtained;
/// <see cref="ConnectorOutcomeUnknownException"/> when a create-conversation call may have taken effect unanswered.
/// Only pass a <c>serviceUrl</c> that came with an authenticated activity (Activity spec A7560): it receives the bot's token.
/// </remarks>
public sealed class ConnectorClient
{
    private static readonly MediaTypeHeaderValue JsonUtf8 = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;
    private readonly Pseudonyms _pseudonyms;
    private readonly ILogger<ConnectorClient> _logger;

    public ConnectorClient(HttpClient httpClient, IAccessTokenProvider tokenProvider, Pseudonyms pseudonyms, ILogger<ConnectorClient> logger)
    {
        _http = httpClient;
        _tokens = tokenProvider;
        _pseudonyms = pseudonyms;
        _logger = logger;
    }

    public async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken, string? oAuthScope = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var call = new Call("ReplyToActivity", HttpMethod.Post, ConversationsUri(serviceUrl, conversationId, activityId), conversationId,
            JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity));
        return await CallAsync(call, ProtocolJsonContext.Default.ResourceResponse, oAuthScope, cancellationToken) ?? new ResourceResponse(null);
    }

    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken, string? oAuthScope = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        var call = new Call("SendToConversation", HttpMethod.Post, ConversationsUri(serviceUrl, conversationId, activityId: null), conversationId,
            JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity));
        return await CallAsync(call, ProtocolJsonContext.Default.ResourceResponse, oAuthScope, cancellationToken) ?? new ResourceResponse(null);
    }

    /// <summary>Replaces a posted activity entirely (PUT); send every field the message should keep.</summary>
    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken, string? oAuthScope = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var call = new Call("UpdateActivity", HttpMethod.Put, ConversationsUri(serviceUrl, conversationId, activityId), conversationId,
            JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity));
        return await CallAsync(call, ProtocolJsonContext.Default.ResourceResponse, oAuthScope, cancellationToken) ?? new ResourceResponse(activityId);
    }

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken, string? oAuthScope = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var call = new Call("DeleteActivity", HttpMethod.Delete, ConversationsUri(serviceUrl, conversationId, activityId), conversationId, Body: null);
        using var response = await SendWithTokenAsync(call, oAuthScope, cancellationToken);
    }

    /// <summary>
    /// Starts a conversation (proactive 1:1 or channel post). For Teams put the tenant both in
    /// <c>tenantId</c> and <c>channelData.tenant.id</c>: the Teams proactive-messaging docs read the latter, the SDKs set the former.
    /// Not idempotent: it is retried only when it certainly did nothing, and given
    /// <see cref="ConnectorOptions.CreateConversationTimeout"/>; when it may have taken effect without saying so, it throws
    /// <see cref="ConnectorOutcomeUnknownException"/>, and the caller must not simply call it again.
    /// </summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken, string? oAuthScope = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var call = new Call("CreateConversation", HttpMethod.Post, ConversationsUri(serviceUrl, conversationId: null, activityId: null), ConversationId: null,
            JsonSerializer.SerializeToUtf8Bytes(parameters, ProtocolJsonContext.Default.ConversationParameters)) { Creates = true };
        return await CallAsync(call, ProtocolJsonContext.Default.ConversationResourceResponse, oAuthScope, cancellationToken)
            ?? new ConversationResourceResponse(null, null, null);
    }

    /// <summary>
    /// Delivers an activity along its own <c>serviceUrl</c> and <c>conversation.id</c>: reply-to-activity when it has
    /// a <c>replyToId</c>, send-to-conversation otherwise, as the SDKs' adapters do.
    /// </summary>
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken, string? oAuthScope = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.ServiceUrl))
            throw new ArgumentException("The activity has no serviceUrl to send it to.", nameof(activity));
        if (string.IsNullOrEmpty(activity.Conversation?.Id))
            throw new ArgumentException("The activity has no conversation.id to send it to.", nameof(activity));

        return string.IsNullOrEmpty(activity.ReplyToId)
            ? SendToConversationAsync(activity.ServiceUrl, activity.Conversation.Id, activity, cancellationToken, oAuthScope)
            : ReplyToActivityAsync(activity.ServiceUrl, activity.Conversation.Id, activity.ReplyToId, activity, cancellationToken, oAuthScope);
    }

    /// <summary>
    /// <c>{serviceUrl}/v3/conversations[/{conversationId}/activities[/{activityId}]]</c>. Service URLs come with and
    /// without a trailing slash and with a path (<c>https://smba.trafficmanager.net/amer/</c>); Teams ids contain
    /// <c>:</c> <c>@</c> <c>;</c>, so each id is one percent-encoded segment.
    /// </summary>
    internal static Uri ConversationsUri(string serviceUrl, string? conversationId, string? activityId)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException("The service URL must be an absolute http or https URL.", nameof(serviceUrl));
        if (baseUri.Query.Length > 0 || baseUri.Fragment.Length > 0)
            throw new ArgumentException("The service URL must not carry a query or a fragment.", nameof(serviceUrl));

        var url = new StringBuilder(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/')).Append("/v3/conversations");
        if (conversationId is not null)
        {
            url.Append('/').Append(Uri.EscapeDataString(conversationId)).Append("/activities");
            if (activityId is not null)
                url.Append('/').Append(Uri.EscapeDataString(activityId));
        }
        return new Uri(url.ToString());
    }

    private async Task<T?> CallAsync<T>(Call call, JsonTypeInfo<T> answerType, string? oAuthScope, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendWithTokenAsync(call, oAuthScope, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        // Some channels answer 200/202 with an empty body (the Connector API lists 200, 201 and 202 as success).
        return body.Length == 0 ? null : JsonSerializer.Deserialize(body, answerType);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(Call call, string? oAuthScope, CancellationToken cancellationToken)
    {
        var conversationHash = _pseudonyms.LogId(call.ConversationId);
        var token = await _tokens.GetAccessTokenAsync(oAuthScope, forceRefresh: false, cancellationToken);
        var response = await SendOnceAsync(call, token, conversationHash, cancellationToken);

        // A token can be revoked or rotated before MSAL's cache lets go of it: renew once, send once more, as the SDKs do.
        if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null)
        {
            if (_logger.IsEnabled(LogLevel.Information))
                ConnectorLog.TokenRefused(_logger, call.Operation, conversationHash, ConnectorResilience.CorrelatingOperationId(response));
            response.Dispose();
            token = await _tokens.GetAccessTokenAsync(oAuthScope, forceRefresh: true, cancellationToken);
            response = await SendOnceAsync(call, token, conversationHash, cancellationToken);
        }

        if (response.IsSuccessStatusCode)
            return response;

        using (response)
        {
            var failure = new ConnectorException(call.Operation, (int)response.StatusCode,
                await ReadErrorCodeAsync(response, cancellationToken), ConnectorResilience.CorrelatingOperationId(response));
            if (_logger.IsEnabled(LogLevel.Warning))
                ConnectorLog.CallFailed(_logger, call.Operation, conversationHash, failure.StatusCode, failure.ErrorCode, failure.CorrelatingOperationId);
            // A gateway's error says nothing of whether the service behind it created the conversation.
            if (call.Creates && ConnectorResilience.MayHaveTakenEffect(failure.StatusCode))
                throw new ConnectorOutcomeUnknownException(call.Operation, $"HTTP {failure.StatusCode}", failure);
            throw failure;
        }
    }

    /// <summary>One call through the retry pipeline, its failures told in the terms this client documents.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(Call call, string? token, string conversationHash, CancellationToken cancellationToken)
    {
        using var request = call.CreateRequest(token);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ConnectorResilience.Operation, call.Operation);
        context.Properties.Set(ConnectorResilience.ConversationHash, conversationHash);
        context.Properties.Set(ConnectorResilience.Creates, call.Creates);
        request.SetResilienceContext(context);
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception failure) when (call.Creates && !cancellationToken.IsCancellationRequested
            && (failure is TimeoutRejectedException || (failure is HttpRequestException sent && !ConnectorResilience.NeverSent(sent))))
        {
            var reason = ConnectorResilience.Failure(failure);
            ConnectorLog.OutcomeUnknown(_logger, call.Operation, conversationHash, reason, context.Properties.GetValue(ConnectorResilience.Attempt, 1));
            throw new ConnectorOutcomeUnknownException(call.Operation, reason, failure);
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Connector did not answer {call.Operation} within {timeout.Timeout.TotalSeconds:0.###} s, "
                + $"{context.Properties.GetValue(ConnectorResilience.Attempt, 1)} attempt(s).", timeout);
        }
        finally
        {
            request.SetResilienceContext(null);
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // Errors carry an ErrorResponse {"error":{"code","message"}} (Connector API reference), but not always: a refused
    // token comes back as {"message": ...} and Teams' blocked-bot answer as {"errorCode": 209, ...}.
    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (body.Length == 0)
            return null;
        try
        {
            return JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ErrorResponse)?.Error?.Code;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Call(string Operation, HttpMethod Method, Uri Uri, string? ConversationId, byte[]? Body)
    {
        /// <summary>The call creates something, so it must not be repeated once it may have taken effect.</summary>
        public bool Creates { get; init; }

        public HttpRequestMessage CreateRequest(string? token)
        {
            var request = new HttpRequestMessage(Method, Uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (Body is not null)
                request.Content = new ByteArrayContent(Body) { Headers = { ContentType = JsonUtf8 } };
            return request;
        }
    }
}
