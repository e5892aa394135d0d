using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Conformance;

/// <summary>Finds <c>tests/conformance</c>, installs its pinned npm packages once, and runs node in it.</summary>
internal static class NodeHarness
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static string Folder() => RepositoryFiles.PathOf("tests", "conformance");

    /// <summary>
    /// Runs <c>npm ci</c> when the packages are missing, so that a plain <c>dotnet test</c> works on a fresh clone.
    /// Serialised in this process and across processes (several test hosts may start at once).
    /// </summary>
    public static async Task EnsurePackagesAsync(string folder, CancellationToken cancellationToken)
    {
        if (Installed(folder))
            return;
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            await using var crossProcess = await LockFileAsync(folder, cancellationToken);
            if (Installed(folder))
                return;
            // The install script of one dependency fails offline and is not needed: --ignore-scripts.
            var install = await RunAsync(Npm, [.. NpmPrefix, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], folder, InstallTimeout, cancellationToken);
            if (install.ExitCode != 0 || !Installed(folder))
                throw new InvalidOperationException($"npm ci in {folder} failed (exit {install.ExitCode}):{Environment.NewLine}{install.StandardError}");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Everything the harness talks to is on loopback; a proxy configured for the registries must not get it.
        start.Environment["NO_PROXY"] = start.Environment["no_proxy"] = "127.0.0.1,localhost";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start '{fileName}': the conformance tests need Node.js 20 or later with npm on the PATH (they run Microsoft's botbuilder). {e.Message}", e);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
        var error = process.StandardError.ReadToEndAsync(timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
            return new Result(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout}.");
        }
    }

    // npm writes node_modules/.package-lock.json on every install: older than the lock file means the lock changed
    // since (a pull added a package), so the install is stale.
    private static bool Installed(string folder)
    {
        var installed = new FileInfo(Path.Combine(folder, "node_modules", ".package-lock.json"));
        return installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json"));
    }

    // npm is a .cmd script on Windows, which only the shell can start.
    private static string Npm => OperatingSystem.IsWindows() ? "cmd.exe" : "npm";

    private static string[] NpmPrefix => OperatingSystem.IsWindows() ? ["/c", "npm"] : [];

    private static async Task<FileStream> LockFileAsync(string folder, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"protectionbot-npm-{name}.lock");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < InstallTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }
}
