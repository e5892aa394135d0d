using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ProtectionBot.Bench;

/// <summary>
/// The floor under any bot on this machine: Kestrel parsing each activity and answering one fixed reply with one
/// suggested action, no state, no dialog. What the driver and the HTTP stack cost alone, for the figures' context.
/// </summary>
internal static class BareEndpoint
{
    private static readonly byte[] Reply = """
        {"activities":[{"type":"message","text":"ok","suggestedActions":{"actions":[{"type":"imBack","title":"Yes","value":"Yes"}]}}]}
        """u8.ToArray();

    public static Task<LoopbackServer> StartAsync() => LoopbackServer.StartAsync(async http =>
    {
        using var activity = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = Reply.Length;
        await http.Response.Body.WriteAsync(Reply, http.RequestAborted);
    });
}
