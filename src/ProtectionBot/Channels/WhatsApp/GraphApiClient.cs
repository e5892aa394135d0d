using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// The two Graph API calls the channel makes, both <c>POST {base}/{version}/{phone-number-id}/messages</c> with the
/// bearer token: send a message, and mark an inbound one read. A refusal becomes a <see cref="WhatsAppSendException"/>
/// carrying Meta's code, never its message (which can quote the request).
/// </summary>
internal sealed class GraphApiClient(HttpClient http, IOptions<WhatsAppOptions> options)
{
    /// <summary>Sends one message body (without <c>to</c>, which is added here); returns the outgoing message's wamid.</summary>
    public async Task<string?> SendAsync(string to, JsonObject message, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = to,
        };
        foreach (var (name, value) in message)
            body[name] = value?.DeepClone();
        var answer = await PostAsync(body, cancellationToken);
        var sent = JsonSerializer.Deserialize(answer, CloudApiJsonContext.Default.SendResponse);
        return sent?.Messages is [{ Id: { } id }, ..] ? id : null;
    }

    /// <summary>Marks <paramref name="messageId"/> (and the person's earlier messages) read: the two blue ticks.</summary>
    public async Task MarkReadAsync(string messageId, CancellationToken cancellationToken) =>
        await PostAsync(new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = messageId }, cancellationToken);

    private async Task<byte[]> PostAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = new Uri($"{settings.GraphApiBaseUrl.TrimEnd('/')}/{settings.GraphApiVersion}/{settings.PhoneNumberId}/messages");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Graph API did not answer within {timeout.Timeout.TotalSeconds:F0} s.");
        }
        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
                return bytes;
            GraphErrorBody? error = null;
            try
            {
                error = JsonSerializer.Deserialize(bytes, CloudApiJsonContext.Default.GraphErrorResponse)?.Error;
            }
            catch (JsonException)
            {
                // A proxy's HTML page or an empty body: the HTTP status is all there is.
            }
            throw new WhatsAppSendException((int)response.StatusCode, error, response.Headers.RetryAfter?.Delta);
        }
    }
}

/// <summary>What a Graph API error means for the bot (Meta's error codes page).</summary>
internal enum WhatsAppErrorCategory
{
    /// <summary>Too many calls or messages (4, 80007, 130429, 131056, HTTP 429): wait and send again.</summary>
    RateLimited,

    /// <summary>Meta's side failed (131000, HTTP 5xx, or flagged transient): send again later.</summary>
    Transient,

    /// <summary>The access token is invalid or expired, or a permission is missing (0, 190, 3, 10, 200–299): the operator must act.</summary>
    AccessDenied,

    /// <summary>More than 24 hours since the person's last message (131047): only an approved template can reach them.</summary>
    ReEngagementRequired,

    /// <summary>The number cannot receive this message (131026 and other recipient or account refusals): sending again will not help.</summary>
    Undeliverable,

    /// <summary>The request itself is wrong (100, template and parameter errors): a bug or a configuration error, not retried.</summary>
    InvalidRequest,
}

/// <summary>A message the Graph API refused or that must not be sent; <see cref="Category"/> says what to do about it.</summary>
internal sealed class WhatsAppSendException : Exception
{
    internal WhatsAppSendException(int httpStatus, GraphErrorBody? error, TimeSpan? retryAfter)
        : base($"The Graph API refused the message: HTTP {httpStatus}, error {error?.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.")
    {
        HttpStatus = httpStatus;
        ErrorCode = error?.Code;
        ErrorSubcode = error?.ErrorSubcode;
        FbTraceId = error?.FbtraceId;
        RetryAfter = retryAfter;
        Category = Classify(httpStatus, error?.Code, error?.IsTransient == true);
    }

    /// <summary>Refused before sending: the customer service window is closed.</summary>
    internal WhatsAppSendException(WhatsAppErrorCategory category, string message) : base(message) => Category = category;

    public WhatsAppSendException() : this(WhatsAppErrorCategory.InvalidRequest, "The message was not sent.") { }

    public WhatsAppSendException(string message) : this(WhatsAppErrorCategory.InvalidRequest, message) { }

    public WhatsAppSendException(string message, Exception innerException) : base(message, innerException) => Category = WhatsAppErrorCategory.Transient;

    public WhatsAppErrorCategory Category { get; }

    public int? HttpStatus { get; }

    public int? ErrorCode { get; }

    public int? ErrorSubcode { get; }

    public string? FbTraceId { get; }

    /// <summary>What the API's <c>Retry-After</c> asked for, if anything.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsRetryable => Category is WhatsAppErrorCategory.RateLimited or WhatsAppErrorCategory.Transient;

    /// <summary>By Meta's code first (its advice: branch on the code, not the text), then by the HTTP status.</summary>
    internal static WhatsAppErrorCategory Classify(int? httpStatus, int? code, bool isTransient) => code switch
    {
        4 or 80007 or 130429 or 131056 or 131057 => WhatsAppErrorCategory.RateLimited,
        131047 => WhatsAppErrorCategory.ReEngagementRequired,
        0 or 190 or 3 or 10 or (>= 200 and <= 299) => WhatsAppErrorCategory.AccessDenied,
        131026 or 131030 or 131031 or 131048 or 131049 or 133010 or 368 => WhatsAppErrorCategory.Undeliverable,
        1 or 2 or 131000 => WhatsAppErrorCategory.Transient,
        _ when isTransient => WhatsAppErrorCategory.Transient,
        _ => httpStatus switch
        {
            429 => WhatsAppErrorCategory.RateLimited,
            401 or 403 when code is null => WhatsAppErrorCategory.AccessDenied,
            408 or >= 500 => WhatsAppErrorCategory.Transient,
            _ => WhatsAppErrorCategory.InvalidRequest,
        },
    };
}
