using Microsoft.Extensions.Logging;

namespace BotProtocol.Auth;

/// <summary>Authentication events. Never the token, its claims or the message; only fixed reasons, paths and URLs we configured.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = LogEvents.Auth.Refused, Level = LogLevel.Debug,
        Message = "Request refused on the {TokenPath} path: {Reason} (channel {ChannelId})")]
    public static partial void Refused(ILogger logger, string tokenPath, string reason, string? channelId);

    [LoggerMessage(EventId = LogEvents.Auth.KeysFetched, Level = LogLevel.Information,
        Message = "Signing keys fetched from {MetadataUrl}: {KeyCount} usable keys")]
    public static partial void KeysFetched(ILogger logger, string metadataUrl, int keyCount);

    [LoggerMessage(EventId = LogEvents.Auth.RefreshFailedKeepingKeys, Level = LogLevel.Warning,
        Message = "Refreshing signing keys from {MetadataUrl} failed; still using the {KeyCount} keys fetched at {FetchedAt:O}")]
    public static partial void RefreshFailedKeepingKeys(ILogger logger, string metadataUrl, int keyCount, DateTimeOffset fetchedAt, Exception exception);

    [LoggerMessage(EventId = LogEvents.Auth.KeysUnavailable, Level = LogLevel.Error,
        Message = "Signing keys from {MetadataUrl} could not be fetched and none are cached; requests on this path are answered as unavailable")]
    public static partial void KeysUnavailable(ILogger logger, string metadataUrl, Exception exception);
}
