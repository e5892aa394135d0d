using System.Diagnostics;
using System.Net.Sockets;

namespace ProtectionBot.Bench;

/// <summary>A process the benchmark started: its output kept for the error message, stopped by its own id.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static ChildProcess Start(string name, string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start())
            throw new BenchException($"{name} did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string name, string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var child = Start(name, file, arguments, workingDirectory, environment ?? new Dictionary<string, string>());
        // Also waits for the redirected output to be read to its end.
        await child._process.WaitForExitAsync();
        if (child._process.ExitCode != 0)
            throw new BenchException($"{name} failed (exit code {child._process.ExitCode}):\n{Tail(child.Output)}");
        return child.Output;
    }

    /// <summary>Waits until the port accepts connections, or the process dies, or the time is up.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new BenchException($"{Name} exited with code {_process.ExitCode} before listening:\n{Tail(Output)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new BenchException($"{Name} did not listen on port {port} within {timeout.TotalSeconds:F0} s:\n{Tail(Output)}");
    }

    /// <summary>Peak and current resident memory, as the operating system counts it.</summary>
    public (long Peak, long Current) WorkingSet()
    {
        _process.Refresh();
        return (_process.PeakWorkingSet64, _process.WorkingSet64);
    }

    /// <summary>Processor time used so far, user and system.</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
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

    public static string Tail(string text, int lines = 40) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            // Enough to explain a failure; a long run's output is not kept whole.
            if (_output.Length > 200_000)
                _output.Remove(0, 100_000);
            _output.AppendLine(line);
        }
    }
}

/// <summary>A failure of the benchmark itself: reported in plain words, exit code 1.</summary>
internal sealed class BenchException(string message) : Exception(message)
{
    public BenchException() : this("The benchmark failed.") { }

    public BenchException(string message, Exception innerException) : this(message) => _ = innerException;
}
