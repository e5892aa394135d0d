using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

[assembly: AssemblyFixture(typeof(ProtectionBot.Tests.Infrastructure.PostgresCluster))]

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run: <c>initdb</c> into a temporary folder, started on a free
/// loopback port with its socket in that folder, one database per test class, stopped and deleted at the end. It starts
/// on first use, so a run that needs no PostgreSQL does not pay for it. A missing installation fails the tests that
/// need it, naming the package: CI installs it, and a storage test that silently did not run would prove nothing.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string Package = "postgresql";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Task<string>> _databases = new(StringComparer.Ordinal);
    private readonly Lock _databasesLock = new();
    private Server? _server;
    private int _created;

    /// <summary>
    /// The connection string of a database of its own for <paramref name="owner"/> (a test class), created on the first
    /// call and the same on every later one.
    /// </summary>
    public Task<string> DatabaseAsync(string owner)
    {
        lock (_databasesLock)
        {
            if (!_databases.TryGetValue(owner, out var database))
                _databases[owner] = database = CreateDatabaseAsync(owner);
            return database;
        }
    }

    private async Task<string> CreateDatabaseAsync(string owner)
    {
        var server = await StartAsync();
        var letters = new string([.. owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40)]);
        var name = $"test_{letters}_{Interlocked.Increment(ref _created)}";
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return server.ConnectionString(name);
    }

    private async Task<Server> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _server ??= await Server.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await server.StopAsync();
        }
        _gate.Dispose();
    }

    private sealed class Server(string folder, string binaries, int port, bool asPostgresUser)
    {
        private string DataFolder => Path.Combine(folder, "data");

        public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = database,
            // Tests run classes in parallel and each store has its own pool: keep pools small and short-lived.
            MaxPoolSize = 20,
            ConnectionIdleLifetime = 10,
        }.ToString();

        public static async Task<Server> StartAsync()
        {
            var binaries = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                    .FirstOrDefault()
                : null;
            if (binaries is null)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL is not installed: the storage tests run against a real server (initdb and pg_ctl under /usr/lib/postgresql/<version>/bin). " +
                    $"Install the Debian package '{Package}' (apt-get install -y {Package}); the test build does when it runs as root.");
            }

            // The server refuses to run as root; the Debian package creates a 'postgres' user to run it as.
            var asPostgresUser = Environment.UserName == "root";
            var folder = Directory.CreateTempSubdirectory("protectionbot-pg-").FullName;
            if (asPostgresUser)
                await RunAsync("chown", ["postgres:postgres", folder]);

            var initdb = new Server(folder, binaries, 0, asPostgresUser);
            await initdb.RunToolAsync("initdb", [
                "-D", initdb.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]);

            // A port found free can be taken by someone else before the server binds it: try a few.
            for (var attempt = 1; ; attempt++)
            {
                var server = new Server(folder, binaries, FreePort(), asPostgresUser);
                try
                {
                    // Durability is worthless for a throwaway cluster; without fsync the tests run much faster.
                    await server.RunToolAsync("pg_ctl", [
                        "-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                        "-o", $"-c listen_addresses=127.0.0.1 -p {server.Port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
                        "start"]);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
                catch (InvalidOperationException e)
                {
                    var log = Path.Combine(folder, "server.log");
                    throw new InvalidOperationException(e.Message + Environment.NewLine + (File.Exists(log) ? await File.ReadAllTextAsync(log) : ""), e);
                }
            }
        }

        private int Port => port;

        public async Task StopAsync()
        {
            try
            {
                await RunToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private Task RunToolAsync(string tool, IReadOnlyList<string> arguments)
        {
            var path = Path.Combine(binaries, tool);
            return asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
        }

        private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
        {
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                var message = new StringBuilder($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed (exit {process.ExitCode}):")
                    .AppendLine().Append(await output).AppendLine().Append(await error);
                throw new InvalidOperationException(message.ToString());
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
