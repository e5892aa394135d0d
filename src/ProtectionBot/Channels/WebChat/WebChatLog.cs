namespace ProtectionBot.Channels.WebChat;

internal static partial class WebChatLog
{
    [LoggerMessage(EventId = LogEvents.WebChat.BundleMissing, Level = LogLevel.Warning,
        Message = "Web Chat's bundle (webchat/webchat.js) is not among the static web assets: the chat page cannot load; build with the npm registry reachable")]
    public static partial void BundleMissing(ILogger logger);

    [LoggerMessage(EventId = LogEvents.WebChat.TokenRefused, Level = LogLevel.Warning, Message = "The Direct Line service refused a token with {Status}")]
    public static partial void TokenRefused(ILogger logger, int status);

    [LoggerMessage(EventId = LogEvents.WebChat.TokenFailed, Level = LogLevel.Warning, Message = "No token from the Direct Line service ({ExceptionType})")]
    public static partial void TokenFailed(ILogger logger, string exceptionType);
}
