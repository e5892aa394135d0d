using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProtectionBot.Bench;

/// <summary>
/// The floor under any bot on this machine: Kestrel parsing each activity and answering one fixed reply with one
/// suggested action, no state, no dialog. What the driver and the HTTP stack cost alone, for the figures' context.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    private static readonly byte[] Reply = """
        {"activities":[{"type":"message","text":"ok","suggestedActions":{"actions":[{"type":"imBack","title":"Yes","value":"Yes"}]}}]}
        """u8.ToArray();

    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<BareEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async http =>
        {
            using var activity = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = Reply.Length;
            await http.Response.Body.WriteAsync(Reply, http.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return new BareEndpoint(app) { Url = $"{address}/api/messages" };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
