using System.Text.RegularExpressions;
using BotProtocol.State;
using Microsoft.Data.Sqlite;

namespace ProtectionBot.Storage.Sqlite;

/// <summary>
/// The default durable store: one row per key in an embedded SQLite file, in WAL mode so reads never wait for
/// the writer. The ETag is a random 64-bit value rather than a counter, so a key deleted and written again can
/// never match an ETag read before the deletion.
/// Every change goes through one connection of its own, one statement at a time: SQLite takes one writer at a time
/// anyway, and writers racing on several connections would meet SQLITE_BUSY, which the driver answers by sleeping on
/// a thread-pool thread. That connection sets its pragmas once and keeps its statements prepared.
/// </summary>
internal sealed partial class SqliteConversationStore : IConversationStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteConnection? _writer;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

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
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var connection = Writer();
            // Only a write that also enqueues pays for a transaction; a plain write is one atomic statement.
            await using var transaction = outgoing.Count > 0 ? (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken) : null;
            var command = Prepared(expectedETag switch
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
            }, transaction);
            command.Parameters["$key"].Value = key;
            command.Parameters["$etag"].Value = etag;
            command.Parameters["$data"].Value = Bytes(data);
            command.Parameters["$now"].Value = now.ToUnixTimeSeconds();
            if (expectedETag is not null and not StoreItem.AnyETag)
                command.Parameters["$expected"].Value = expectedETag;

            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                throw new ETagConflictException();
            foreach (var message in outgoing)
                await InsertAsync(message, now, transaction, cancellationToken);
            if (transaction is not null)
                await transaction.CommitAsync(cancellationToken);
            return etag;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            // secure_delete (set on the writer) overwrites the deleted row in the file, so an erased conversation
            // cannot be carved back out of free pages.
            var command = Prepared("""
                DELETE FROM documents WHERE key = $key;
                DELETE FROM outbox WHERE owner = $key;
                """, null);
            command.Parameters["$key"].Value = key;
            await command.ExecuteNonQueryAsync(cancellationToken);
            // Older versions of the erased pages (the key is stored in clear) still sit in the write-ahead log until a
            // checkpoint; copying them back now and emptying the log leaves none behind. Readers in the way only make the
            // checkpoint partial, and the next erasure or SQLite's automatic checkpoint finishes it.
            await Prepared("PRAGMA wal_checkpoint(TRUNCATE)", null).ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            // Content the bot keeps (staff FAQs) is not anyone's conversation and outlives the limit.
            var documents = Prepared("DELETE FROM documents WHERE updated_at < $cutoff AND substr(key, 1, length($kept)) <> $kept", null);
            documents.Parameters["$cutoff"].Value = cutoff.ToUnixTimeSeconds();
            documents.Parameters["$kept"].Value = StoreItem.KeptPrefix;
            var removed = await documents.ExecuteNonQueryAsync(cancellationToken);
            var outbox = Prepared("DELETE FROM outbox WHERE enqueued_at < $cutoff", null);
            outbox.Parameters["$cutoff"].Value = cutoff.ToUnixTimeMilliseconds();
            await outbox.ExecuteNonQueryAsync(cancellationToken);
            return removed;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await InsertAsync(message, _time.GetUtcNow(), null, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask<IReadOnlyList<OutboxLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var until = now + leaseFor;
        var leases = new List<OutboxLease>();
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            // One statement, so two instances on the same file can never lease the same message.
            var command = Prepared("""
                UPDATE outbox SET lease_token = $token, leased_until = $until, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE due_at <= $now AND (leased_until IS NULL OR leased_until <= $now)
                    ORDER BY due_at LIMIT $max)
                RETURNING id, kind, owner, payload, due_at, attempts
                """, null);
            command.Parameters["$token"].Value = token;
            command.Parameters["$until"].Value = until.ToUnixTimeMilliseconds();
            command.Parameters["$now"].Value = now.ToUnixTimeMilliseconds();
            command.Parameters["$max"].Value = max;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var message = new OutboxMessage(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3],
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
                leases.Add(new OutboxLease(message, reader.GetInt32(5), token, until));
            }
        }
        finally
        {
            _writeGate.Release();
        }
        leases.Sort((a, b) => a.Message.DueAt.CompareTo(b.Message.DueAt));
        return leases;
    }

    public async ValueTask<bool> CompleteAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var command = Prepared("DELETE FROM outbox WHERE id = $id AND lease_token = $token", null);
            command.Parameters["$id"].Value = lease.Message.Id;
            command.Parameters["$token"].Value = lease.Token;
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask<bool> RescheduleAsync(OutboxLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var command = Prepared("""
                UPDATE outbox SET due_at = $due, lease_token = NULL, leased_until = NULL
                WHERE id = $id AND lease_token = $token
                """, null);
            command.Parameters["$due"].Value = dueAt.ToUnixTimeMilliseconds();
            command.Parameters["$id"].Value = lease.Message.Id;
            command.Parameters["$token"].Value = lease.Token;
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Under the write gate.</summary>
    private async Task<bool> InsertAsync(OutboxMessage message, DateTimeOffset now, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        // The id is the primary key: a second enqueue of the same message is ignored by the database itself.
        var command = Prepared("""
            INSERT INTO outbox (id, kind, owner, payload, due_at, attempts, enqueued_at)
            VALUES ($id, $kind, $owner, $payload, $due, 0, $now)
            ON CONFLICT (id) DO NOTHING
            """, transaction);
        command.Parameters["$id"].Value = message.Id;
        command.Parameters["$kind"].Value = message.Kind;
        command.Parameters["$owner"].Value = message.Owner;
        command.Parameters["$payload"].Value = Bytes(message.Payload);
        command.Parameters["$due"].Value = message.DueAt.ToUnixTimeMilliseconds();
        command.Parameters["$now"].Value = now.ToUnixTimeMilliseconds();
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The writer connection, opened on first use (under the write gate).</summary>
    private SqliteConnection Writer()
    {
        if (_writer is { } open)
            return open;
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // Both are per connection, so setting them here covers every change. synchronous = NORMAL: in WAL mode a
            // commit survives a crash of the app (not of the machine's power) without an fsync per turn. secure_delete
            // zeroes the space an updated or deleted row leaves behind, which would otherwise keep its key (in clear)
            // in the file after the conversation is erased.
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON";
            pragma.ExecuteNonQuery();
        }
        return _writer = connection;
    }

    /// <summary>
    /// The writer's command for <paramref name="sql"/>, created (with its parameters) once and kept prepared; its
    /// parameters keep their last values, so every use sets all of them. Under the write gate.
    /// </summary>
    private SqliteCommand Prepared(string sql, SqliteTransaction? transaction)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = Writer().CreateCommand();
            command.CommandText = sql;
            foreach (Match name in ParameterName().Matches(sql))
            {
                if (!command.Parameters.Contains(name.Value))
                    command.Parameters.Add(new SqliteParameter { ParameterName = name.Value }); // typed by each value bound
            }
            _prepared[sql] = command;
        }
        command.Transaction = transaction;
        return command;
    }

    /// <summary>The bytes as an array, without a copy when they already are one (a sealed value always is).</summary>
    private static byte[] Bytes(ReadOnlyMemory<byte> data) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
            command.Dispose();
        _prepared.Clear();
        _writer?.Dispose();
        _writer = null;
        _keepAlive?.Dispose();
        _writeGate.Dispose();
    }

    [GeneratedRegex(@"\$[a-z]+")]
    private static partial Regex ParameterName();

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
