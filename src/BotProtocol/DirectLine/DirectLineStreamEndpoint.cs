using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BotProtocol.DirectLine;

/// <summary>
/// <c>GET conversations/{id}/stream?t=&amp;watermark=</c>: a WebSocket that replays what came after the watermark, then
/// pushes each new activity. The URL itself is the (single-use) credential.
/// </summary>
internal static class DirectLineStreamEndpoint
{
    public static void MapDirectLineStream(this IEndpointRouteBuilder group) =>
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);

    internal static async Task<Results<EmptyHttpResult, DirectLineError>> StreamAsync(
        HttpContext http, string conversationId, [FromQuery] string? t, [FromQuery] string? watermark,
        [FromServices] DirectLineAccess access, [FromServices] DirectLineConversations conversations)
    {
        const string operation = "stream";
        if (conversations.Find(conversationId) is not { } conversation || string.IsNullOrEmpty(t) || !conversation.RedeemStreamNonce(t))
            return access.Refuse(operation, StatusCodes.Status403Forbidden, "Forbidden", "This stream URL is not valid (it works once, within 60 seconds).");
        if (!http.WebSockets.IsWebSocketRequest)
            return access.Refuse(operation, StatusCodes.Status400BadRequest, "BadArgument", "The stream URL takes a WebSocket.");
        if (!DirectLineActivityEndpoints.TryWatermark(watermark, out var after))
            after = 0;

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var stop = conversation.TakeStream(out var owner);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(stop, http.RequestAborted);
        DirectLineLog.Stream(access.Logger, conversation.LogId, "opened");
        var receiving = DrainAsync(socket, closing);
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var changed = conversation.Changed;
                var (activities, next) = conversation.ReadAfter(after, includeTyping: true);
                if (activities.Count > 0)
                {
                    var message = JsonSerializer.SerializeToUtf8Bytes(
                        new ActivitySet(activities, DirectLineActivityEndpoints.Watermark(next)), DirectLineJsonContext.Default.ActivitySet);
                    await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, closing.Token);
                }
                after = next;
                await changed.WaitAsync(closing.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            var reason = stop.IsCancellationRequested && !conversation.Ended.IsCancellationRequested ? "collision" : "closed";
            DirectLineLog.Stream(access.Logger, conversation.LogId, reason);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await socket.CloseOutputAsync(
                        reason == "collision" ? WebSocketCloseStatus.PolicyViolation : WebSocketCloseStatus.NormalClosure, reason, timeout.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException)
                {
                }
            }
            await closing.CancelAsync();
            await receiving;
            conversation.ReleaseStream(owner);
        }
        return TypedResults.Empty;
    }

    /// <summary>Reads (and ignores) what the client sends — DirectLineJS pings with empty messages — until it closes.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        await closing.CancelAsync();
    }
}
