using Microsoft.Playwright;

namespace ProtectionBot.BrowserTests.Infrastructure;

/// <summary>
/// A bad mobile connection, through Chromium's own network emulation (DevTools protocol,
/// <c>Network.emulateNetworkConditions</c>): every request waits <see cref="LatencyMs"/> and all of them share
/// <see cref="KilobitsPerSecond"/> each way.
/// </summary>
public sealed record SlowLine(int LatencyMs, int KilobitsPerSecond)
{
    /// <summary>What the issue measured with: 400 kbit/s, 400 ms.</summary>
    public static SlowLine Bad { get; } = new(400, 400);

    public async Task ApplyAsync(IBrowserContext context, IPage page)
    {
        var devTools = await context.NewCDPSessionAsync(page);
        var bytesPerSecond = KilobitsPerSecond * 1000 / 8;
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = LatencyMs,
            ["downloadThroughput"] = bytesPerSecond,
            ["uploadThroughput"] = bytesPerSecond,
        });
    }
}
