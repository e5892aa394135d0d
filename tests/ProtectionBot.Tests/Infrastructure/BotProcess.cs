using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// The built app run as a separate process on a loopback port, as one instance of a scaled-out Web App is: its own
/// memory, its own connection pool, nothing shared with another instance but the database. Its log lines (one line each)
/// are kept for the test to count.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private BotProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public IReadOnlyCollection<string> Lines => _lines;

    public int Count(string eventId) => _lines.Count(l => l.Contains($"[{eventId}]", StringComparison.Ordinal));

    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        // The app is built next to the test project, in the same configuration (…/bin/<configuration>/<framework>/).
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var app = RepositoryFiles.PathOf("src", "ProtectionBot", "bin", output.Parent!.Name, output.Name, "ProtectionBot.dll");
        if (!File.Exists(app))
            throw new InvalidOperationException($"{app} is missing: build the solution first.");
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["NO_PROXY"] = start.Environment["no_proxy"] = "127.0.0.1,localhost";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process, address);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) bot._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) bot._lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The bot process exited with {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, bot.Lines)}");
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                    return bot;
            }
            catch (HttpRequestException)
            {
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await bot.DisposeAsync();
                throw new InvalidOperationException($"The bot process did not answer within a minute:{Environment.NewLine}{string.Join(Environment.NewLine, bot.Lines)}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the log shows <paramref name="expected"/> lines of <paramref name="eventId"/> across the instances (the console logger writes behind).</summary>
    public static async Task<int> WaitForCountAsync(IReadOnlyList<BotProcess> instances, string eventId, int expected)
    {
        var waited = Stopwatch.StartNew();
        int count;
        while ((count = instances.Sum(i => i.Count(eventId))) < expected && waited.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        // A little longer, so that a count above the expected one shows too.
        await Task.Delay(200);
        return instances.Sum(i => i.Count(eventId));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
