using Microsoft.Extensions.Logging;

namespace BotProtocol.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = LogEvents.Hosting.AuthenticationDisabled, Level = LogLevel.Warning,
        Message = "MicrosoftAppId is not configured: authentication is DISABLED and anonymous requests are accepted. Use this only for local development.")]
    public static partial void AuthenticationDisabled(ILogger logger);

    [LoggerMessage(EventId = LogEvents.Hosting.ActivityRefused, Level = LogLevel.Information, Message = "Request refused with {Status}: the body is not an acceptable activity")]
    public static partial void ActivityRefused(ILogger logger, int status);

    [LoggerMessage(EventId = LogEvents.Hosting.Unauthorized, Level = LogLevel.Warning, Message = "Request refused with 401: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string reason);

    [LoggerMessage(EventId = LogEvents.Hosting.SigningKeysUnavailable, Level = LogLevel.Error, Message = "Request refused with 503: token signing keys could not be fetched")]
    public static partial void SigningKeysUnavailable(ILogger logger);

    [LoggerMessage(EventId = LogEvents.Hosting.RepliesNotDelivered, Level = LogLevel.Error,
        Message = "Answered 502: replies could not be delivered ({Failure}, Connector status {ConnectorStatus}); they go out when the channel retries")]
    public static partial void RepliesNotDelivered(ILogger logger, string failure, int? connectorStatus);

    [LoggerMessage(EventId = LogEvents.Hosting.AuthenticationDisabledOutsideDevelopment, Level = LogLevel.Critical,
        Message = "UnsafeAllowAnonymousRequests is set and MicrosoftAppId is not: authentication is DISABLED outside Development. Anyone who reaches the endpoint can speak as any channel or user")]
    public static partial void AuthenticationDisabledOutsideDevelopment(ILogger logger);
}
