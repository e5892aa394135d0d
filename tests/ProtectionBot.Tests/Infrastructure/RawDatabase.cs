using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// The bot's database seen from outside the bot, as someone who copied the file or holds the database password would
/// see it: raw rows, with no key to open them. One per test, on a SQLite file in a folder of its own or on a database
/// of the test class on the throwaway PostgreSQL server.
/// </summary>
public abstract class RawDatabase : IAsyncDisposable
{
    /// <summary>The settings that point the app at this database.</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Every stored byte of documents and work items, keys and payloads alike, as text.</summary>
    public abstract Task<string> DumpAsync();

    /// <summary>Rows of documents and of the work queue that mention <paramref name="text"/> anywhere in their keys or owner.</summary>
    public abstract Task<long> RowsMentioningAsync(string text);

    public abstract ValueTask DisposeAsync();

    public static RawDatabase SqliteFile() => new Sqlite();

    public static async Task<RawDatabase> PostgresAsync(PostgresCluster cluster, string testClass) =>
        new Postgres(await cluster.DatabaseAsync(testClass));

    private sealed class Sqlite : RawDatabase
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("protectionbot-raw-").FullName;

        private string File => Path.Combine(_folder, "protectionbot.db");

        public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqliteConnectionString"] = "",
            ["Storage:DataDirectory"] = _folder,
        };

        /// <summary>The bytes of every file of the database (main file and write-ahead log), after a checkpoint.</summary>
        public override async Task<string> DumpAsync()
        {
            SqliteConnection.ClearAllPools();
            await using (var connection = await OpenAsync())
            {
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await checkpoint.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();
            var text = new StringBuilder();
            foreach (var path in Directory.GetFiles(_folder, "protectionbot.db*"))
                text.Append(Encoding.UTF8.GetString(await System.IO.File.ReadAllBytesAsync(path)));
            return text.ToString();
        }

        public override async Task<long> RowsMentioningAsync(string text)
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT count(*) FROM documents WHERE instr(key, $text) > 0)
                     + (SELECT count(*) FROM work_items WHERE instr(id, $text) > 0 OR instr(owner, $text) > 0)
                """;
            command.Parameters.AddWithValue("$text", text);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        private async Task<SqliteConnection> OpenAsync()
        {
            var connection = new SqliteConnection($"Data Source={File}");
            await connection.OpenAsync();
            return connection;
        }

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Postgres(string connectionString) : RawDatabase
    {
        public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:PostgresConnectionString"] = connectionString,
        };

        public override async Task<string> DumpAsync()
        {
            var text = new StringBuilder();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT convert_to(key, 'UTF8'), data FROM documents UNION ALL SELECT convert_to(id || owner, 'UTF8'), payload FROM work_items", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                text.Append(Encoding.UTF8.GetString((byte[])reader[0])).Append(Encoding.UTF8.GetString((byte[])reader[1])).AppendLine();
            return text.ToString();
        }

        public override async Task<long> RowsMentioningAsync(string text)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM documents WHERE strpos(key, $1) > 0)
                     + (SELECT count(*) FROM work_items WHERE strpos(id, $1) > 0 OR strpos(owner, $1) > 0)
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = text });
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
