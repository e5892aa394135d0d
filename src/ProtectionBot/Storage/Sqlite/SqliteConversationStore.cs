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

    public async ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<OutboxMessage> outgoing, CancellationToken cancellationToken)
    {
        var etag = Random.Shared.NextInt64(long.MaxValue).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        // synchronous = NORMAL is per connection: in WAL mode it survives a crash of the app (not of the machine's
        // power) without an fsync per turn. secure_delete zeroes the space an updated row leaves behind, which would
        // otherwise keep its key (in clear) in the file after the conversation is erased. They run on their own because
        // a batch's affected-row count would include the connection's previous write and hide a conflict.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        // Only a write that also enqueues pays for a transaction; a plain write is one atomic statement.
        await using var transaction = outgoing.Count > 0 ? (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken) : null;
        await using (var command = connection.CreateCommand())
        {
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
            command.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
            if (expectedETag is not null and not StoreItem.AnyETag)
                command.Parameters.AddWithValue("$expected", expectedETag);

            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                throw new ETagConflictException();
        }
        foreach (var message in outgoing)
            await InsertAsync(connection, message, now, cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return etag;
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // secure_delete (per connection) overwrites the deleted row in the file, so an erased conversation
        // cannot be carved back out of free pages.
        command.CommandText = """
            PRAGMA secure_delete = ON;
            DELETE FROM documents WHERE key = $key;
            DELETE FROM outbox WHERE owner = $key;
            """;
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
        // Older versions of the erased pages (the key is stored in clear) still sit in the write-ahead log until a
        // checkpoint; copying them back now and emptying the log leaves none behind. Readers in the way only make the
        // checkpoint partial, and the next erasure or SQLite's automatic checkpoint finishes it.
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON; DELETE FROM documents WHERE updated_at < $cutoff AND substr(key, 1, length($kept)) <> $kept";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$kept", StoreItem.KeptPrefix);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken);
        await using var outbox = connection.CreateCommand();
        outbox.CommandText = "DELETE FROM outbox WHERE enqueued_at < $cutoff";
        outbox.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        await outbox.ExecuteNonQueryAsync(cancellationToken);
        return removed;
    }

    public async ValueTask<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await InsertAsync(connection, message, _time.GetUtcNow(), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<OutboxLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var until = now + leaseFor;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement, so two instances on the same file can never lease the same message.
        command.CommandText = """
            UPDATE outbox SET lease_token = $token, leased_until = $until, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox
                WHERE due_at <= $now AND (leased_until IS NULL OR leased_until <= $now)
                ORDER BY due_at LIMIT $max)
            RETURNING id, kind, owner, payload, due_at, attempts
            """;
        command.Parameters.AddWithValue("$token", token);
        command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", max);
        var leases = new List<OutboxLease>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var message = new OutboxMessage(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
            leases.Add(new OutboxLease(message, reader.GetInt32(5), token, until));
        }
        leases.Sort((a, b) => a.Message.DueAt.CompareTo(b.Message.DueAt));
        return leases;
    }

    public async ValueTask<bool> CompleteAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON; DELETE FROM outbox WHERE id = $id AND lease_token = $token";
        command.Parameters.AddWithValue("$id", lease.Message.Id);
        command.Parameters.AddWithValue("$token", lease.Token);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<bool> RescheduleAsync(OutboxLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE outbox SET due_at = $due, lease_token = NULL, leased_until = NULL
            WHERE id = $id AND lease_token = $token
            """;
        command.Parameters.AddWithValue("$due", dueAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", lease.Message.Id);
        command.Parameters.AddWithValue("$token", lease.Token);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<bool> InsertAsync(SqliteConnection connection, OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // The id is the primary key: a second enqueue of the same message is ignored by the database itself.
        command.CommandText = """
            INSERT INTO outbox (id, kind, owner, payload, due_at, attempts, enqueued_at)
            VALUES ($id, $kind, $owner, $payload, $due, 0, $now)
            ON CONFLICT (id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", message.Id);
        command.Parameters.AddWithValue("$kind", message.Kind);
        command.Parameters.AddWithValue("$owner", message.Owner);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = message.Payload.ToArray();
        command.Parameters.AddWithValue("$due", message.DueAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
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
            CREATE TABLE IF NOT EXISTS outbox (
                id           TEXT    NOT NULL PRIMARY KEY,
                kind         TEXT    NOT NULL,
                owner        TEXT    NOT NULL,
                payload      BLOB    NOT NULL,
                due_at       INTEGER NOT NULL,
                attempts     INTEGER NOT NULL,
                lease_token  TEXT,
                leased_until INTEGER,
                enqueued_at  INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due_at);
            CREATE INDEX IF NOT EXISTS outbox_owner ON outbox (owner);
            """;
        command.ExecuteNonQuery();
    }
}
