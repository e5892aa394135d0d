using BotProtocol.State;
using Microsoft.Data.Sqlite;

namespace ProtectionBot.Storage.Sqlite;

/// <summary>
/// The default durable store: one row per key in an embedded SQLite file, in WAL mode so reads never wait for
/// the writer. The ETag is a random 64-bit value rather than a counter, so a key deleted and written again can
/// never match an ETag read before the deletion.
/// </summary>
internal sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    // A shared in-memory database lives only while one connection to it stays open.
    private readonly SqliteConnection? _keepAlive;

    public SqliteConversationStore(string connectionString, TimeProvider time)
    {
        _connectionString = connectionString;
        _time = time;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (IsInMemory(builder))
        {
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
        CreateSchema();
    }

    public async ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, etag FROM documents WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new StoreItem((byte[])reader[0], reader.GetString(1));
    }

    public async ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        var etag = Random.Shared.NextInt64(long.MaxValue).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        await using var connection = await OpenAsync(cancellationToken);
        // synchronous = NORMAL is per connection: in WAL mode it survives a crash of the app (not of the machine's
        // power) without an fsync per turn. It runs on its own because a batch's affected-row count would include
        // the connection's previous write and hide a conflict.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = expectedETag switch
        {
            null => """
                INSERT INTO documents (key, etag, data, updated_at) VALUES ($key, $etag, $data, $now)
                ON CONFLICT (key) DO NOTHING
                """,
            StoreItem.AnyETag => """
                INSERT INTO documents (key, etag, data, updated_at) VALUES ($key, $etag, $data, $now)
                ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at
                """,
            _ => "UPDATE documents SET etag = $etag, data = $data, updated_at = $now WHERE key = $key AND etag = $expected",
        };
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.Add("$data", SqliteType.Blob).Value = data.ToArray();
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeSeconds());
        if (expectedETag is not null and not StoreItem.AnyETag)
            command.Parameters.AddWithValue("$expected", expectedETag);

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new ETagConflictException();
        return etag;
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // secure_delete (per connection) overwrites the deleted row in the file, so an erased conversation
        // cannot be carved back out of free pages.
        command.CommandText = "PRAGMA secure_delete = ON; DELETE FROM documents WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON; DELETE FROM documents WHERE updated_at < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeSeconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _keepAlive?.Dispose();

    // Both spellings SQLite accepts: the Mode keyword and a file: URI with mode=memory.
    private static bool IsInMemory(SqliteConnectionStringBuilder builder) =>
        builder.Mode == SqliteOpenMode.Memory
        || builder.DataSource.Contains(":memory:", StringComparison.Ordinal)
        || (builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase));

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL is a property of the database file, so setting it once is enough.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS documents (
                key        TEXT    NOT NULL PRIMARY KEY,
                etag       TEXT    NOT NULL,
                data       BLOB    NOT NULL,
                updated_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }
}
