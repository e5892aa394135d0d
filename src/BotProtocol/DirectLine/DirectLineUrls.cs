using Microsoft.AspNetCore.Http;

namespace BotProtocol.DirectLine;

/// <summary>The URLs a client is handed: the service URL on activities, and a stream URL that works once.</summary>
internal static class DirectLineUrls
{
    public static string ServiceUrl(HttpRequest request) => (IsHttps(request) ? "https://" : "http://") + Base(request) + "/";

    public static string StreamUrl(HttpRequest request, DirectLineConversation conversation) =>
        (IsHttps(request) ? "wss://" : "ws://") + Base(request) + "/conversations/" + Uri.EscapeDataString(conversation.Id)
        + "/stream?t=" + Uri.EscapeDataString(conversation.IssueStreamNonce());

    private static bool IsHttps(HttpRequest request) =>
        request.IsHttps
        // Behind a TLS-terminating front end (App Service, a reverse proxy) the page was https, so must the socket be.
        || string.Equals(request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim(), "https", StringComparison.OrdinalIgnoreCase);

    private static string Base(HttpRequest request) => $"{request.Host}{request.PathBase}{Prefix(request)}";

    /// <summary>The group's prefix, as the request came in (everything before <c>/tokens</c> or <c>/conversations</c>).</summary>
    private static string Prefix(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        var cut = path.IndexOf("/conversations", StringComparison.Ordinal);
        if (cut < 0)
            cut = path.IndexOf("/tokens", StringComparison.Ordinal);
        return cut < 0 ? path : path[..cut];
    }
}
