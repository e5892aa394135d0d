namespace BotProtocol.Connector;

/// <summary>
/// The Connector answered a call with a non-success status. The message names the operation, the status and
/// the error code only: never the activity, its text or the conversation.
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(string operation, int statusCode, string? errorCode, string? correlatingOperationId)
        : base($"Connector {operation} failed with HTTP {statusCode}{(errorCode is null ? "" : $" ({errorCode})")}.")
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        CorrelatingOperationId = correlatingOperationId;
    }

    /// <summary>HTTP status of the Connector's answer (after any retries).</summary>
    public int StatusCode { get; }

    /// <summary><c>error.code</c> of the Connector's ErrorResponse body (e.g. <c>ConversationNotFound</c>), when it had one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The <c>X-Correlating-OperationId</c> response header, which Microsoft support asks for.</summary>
    public string? CorrelatingOperationId { get; }

    /// <summary>
    /// True for the statuses Teams says to retry (412, 429, 502, 503, 504; Teams "Status codes from bot conversational APIs"): worth sending
    /// again later, e.g. from a work queue, once this call's own retries are spent.
    /// </summary>
    public bool IsTransient => IsTransientStatus(StatusCode);

    internal static bool IsTransientStatus(int statusCode) => statusCode is 412 or 429 or 502 or 503 or 504;
}
