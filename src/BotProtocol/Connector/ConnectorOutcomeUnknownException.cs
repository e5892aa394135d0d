namespace BotProtocol.Connector;

/// <summary>
/// A call that creates something (a conversation, and with it a channel thread and its first message) may have taken
/// effect, but no answer said so: it timed out, the connection broke after the request was sent, or a gateway answered
/// 502 or 504. Sending it again could create the thing twice, so neither this client nor its caller may simply retry:
/// the caller first finds out, or records that it cannot know. The message names the operation and why, never the
/// activity or the conversation.
/// </summary>
public sealed class ConnectorOutcomeUnknownException : Exception
{
    public ConnectorOutcomeUnknownException(string operation, string reason, Exception? innerException = null)
        : base($"Connector {operation} may or may not have taken effect: {reason}. It is not sent again.", innerException)
    {
        Operation = operation;
        Reason = reason;
    }

    public ConnectorOutcomeUnknownException()
        : this("call", "no answer")
    {
    }

    public ConnectorOutcomeUnknownException(string message)
        : this("call", message)
    {
    }

    public ConnectorOutcomeUnknownException(string message, Exception innerException)
        : this("call", message, innerException)
    {
    }

    public string Operation { get; }

    /// <summary>A fixed phrase: <c>timeout</c>, a transport error name, or the gateway status.</summary>
    public string Reason { get; }
}
