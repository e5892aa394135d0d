using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Conformance;

/// <summary>Finds <c>tests/conformance</c> and runs node in it.</summary>
internal static class NodeHarness
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static string Folder() => RepositoryFiles.PathOf("tests", "conformance");

    /// <summary>
    /// The test project's build installs the pinned npm packages (tests/setup/prepare-test-machine.sh); this says what
    /// to do when it could not, rather than letting node fail on a missing module.
    /// </summary>
    public static void RequirePackages(string folder)
    {
        if (!Installed(folder))
        {
            throw new InvalidOperationException(
                $"The npm packages of {folder} are missing or older than its package-lock.json. The test build installs them " +
                "(tests/setup/prepare-test-machine.sh) when Node.js with npm is there: install Node.js and build the tests again.");
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
}
