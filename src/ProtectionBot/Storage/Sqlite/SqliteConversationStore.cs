using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Data.Sqlite;

namespace ProtectionBot.Storage.Sqlite;

/// <summary>
/// The default durable store: one row per key in an embedded SQLite file, in WAL mode so reads never wait for
/// the writer. The ETag is a random 64-bit value rather than a counter, so a key deleted and written again can
/// never match an ETag read before the deletion.
/// Every change goes through one connection of its own, one statement at a time: SQLite takes one writer at a time
/// anyway, and writers racing on several connections would meet SQLITE_BUSY, which the driver answers by sleeping on
/// a thread-pool thread. That connection sets its pragmas once and keeps its statements prepared.
/// Everything runs synchronously: Microsoft.Data.Sqlite's async methods do too (SQLite is a library, not a server),
/// so awaiting them only added a task per call, and a change holds the writer for tens of microseconds, less than an
/// asynchronous wait for it costs.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "VSTHRD103", Justification = "Synchronous by design, see above.")]
internal sealed partial class SqliteConversationStore : IConversationStore, IWorkQueue, IRetention, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Lock _writeGate = new();
    private SqliteConnection? _writer;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    // Readers keep their connection open and their statement prepared: opening a pooled connection and compiling the
    // SELECT again cost more than the read itself. As many as ever read at once are kept, up to a bound.
    private readonly ConcurrentBag<DocumentReader> _readers = [];
    private const int MaxIdleReaders = 16;
    private bool _disposed;

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
        else
        {
            OwnerOnly(builder.DataSource);
        }
        CreateSchema();
    }

    /// <summary>
    /// What is sealed cannot be read, but the file still shows which conversation keys exist and how much each said: like
    /// the key file, it is for the user running the bot alone (0600). A new file is created so before SQLite opens it
    /// (SQLite gives its write-ahead log and shared-memory files the database's mode); an existing one readable by
    /// others, from an earlier release, is narrowed, its companions too.
    /// </summary>
    private static void OwnerOnly(string dataSource)
    {
        if (OperatingSystem.IsWindows() || dataSource.Length == 0 || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return;
        var path = Path.GetFullPath(dataSource);
        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance starting on the same file made it first, the same way.
            }
        }
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & others) != 0)
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) & ~others);
        }
    }

    public ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reader = RentReader();
        try
        {
            reader.Key.Value = key;
            StoreItem? item;
            using (var row = reader.Command.ExecuteReader())
                item = row.Read() ? new StoreItem(row.GetFieldValue<byte[]>(0), row.GetString(1)) : null;
            // Only once the row is closed: the next read on this connection may run on another thread right away.
            ReturnReader(reader);
            return new ValueTask<StoreItem?>(item);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var etag = Random.Shared.NextInt64(long.MaxValue).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        lock (_writeGate)
        {
            var connection = Writer();
            // Only a write that also enqueues pays for a transaction; a plain write is one atomic statement.
            using var transaction = work.Count > 0 ? connection.BeginTransaction() : null;
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

            if (command.ExecuteNonQuery() == 0)
                throw new ETagConflictException();
            foreach (var item in work)
                Insert(item, now, transaction);
            transaction?.Commit();
        }
        return ValueTask.FromResult(etag);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeGate)
        {
            // secure_delete (set on the writer) overwrites the deleted row in the file, so an erased conversation
            // cannot be carved back out of free pages.
            var command = Prepared("""
                DELETE FROM documents WHERE key = $key;
                DELETE FROM work_items WHERE owner = $key;
                """, null);
            command.Parameters["$key"].Value = key;
            command.ExecuteNonQuery();
            // Older versions of the erased pages (the key is stored in clear) still sit in the write-ahead log until a
            // checkpoint; copying them back now and emptying the log leaves none behind. Readers in the way only make the
            // checkpoint partial, and the next erasure or SQLite's automatic checkpoint finishes it.
            Prepared("PRAGMA wal_checkpoint(TRUNCATE)", null).ExecuteNonQuery();
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeGate)
        {
            // Content the bot keeps (staff FAQs) is not anyone's conversation and outlives the limit.
            var documents = Prepared("DELETE FROM documents WHERE updated_at < $cutoff AND substr(key, 1, length($kept)) <> $kept", null);
            documents.Parameters["$cutoff"].Value = cutoff.ToUnixTimeSeconds();
            documents.Parameters["$kept"].Value = StoreItem.KeptPrefix;
            var removed = documents.ExecuteNonQuery();
            var work = Prepared("DELETE FROM work_items WHERE enqueued_at < $cutoff", null);
            work.Parameters["$cutoff"].Value = cutoff.ToUnixTimeMilliseconds();
            work.ExecuteNonQuery();
            return ValueTask.FromResult(removed);
        }
    }

    public ValueTask<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeGate)
            return ValueTask.FromResult(Insert(item, _time.GetUtcNow(), null));
    }

    public ValueTask<IReadOnlyList<WorkLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = Guid.NewGuid().ToString("N");
        var until = now + leaseFor;
        var leases = new List<(WorkLease Lease, long Seq)>();
        lock (_writeGate)
        {
            // One statement, so two instances on the same file can never lease the same item. done = 0 as a literal, so
            // the partial index of pending items serves it and the done inbound ids kept for retention cost nothing here.
            var command = Prepared("""
                UPDATE work_items SET lease_token = $token, leased_until = $until, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM work_items
                    WHERE done = 0 AND due_at <= $now AND (leased_until IS NULL OR leased_until <= $now)
                    ORDER BY due_at, seq LIMIT $max)
                RETURNING id, kind, owner, payload, due_at, attempts, seq, inbound
                """, null);
            command.Parameters["$token"].Value = token;
            command.Parameters["$until"].Value = until.ToUnixTimeMilliseconds();
            command.Parameters["$now"].Value = now.ToUnixTimeMilliseconds();
            command.Parameters["$max"].Value = max;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var item = new WorkItem(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3],
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))) { Inbound = reader.GetInt64(7) != 0 };
                leases.Add((new WorkLease(item, reader.GetInt32(5), token, until), reader.GetInt64(6)));
            }
        }
        leases.Sort((a, b) => a.Lease.Item.DueAt != b.Lease.Item.DueAt ? a.Lease.Item.DueAt.CompareTo(b.Lease.Item.DueAt) : a.Seq.CompareTo(b.Seq));
        return ValueTask.FromResult<IReadOnlyList<WorkLease>>([.. leases.Select(l => l.Lease)]);
    }

    public ValueTask<bool> CompleteAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeGate)
        {
            // An inbound item stays as a done id without its payload, so the sender's redelivery is refused (see Insert).
            var command = Prepared("""
                UPDATE work_items SET done = 1, payload = X'', lease_token = NULL, leased_until = NULL
                WHERE id = $id AND lease_token = $token AND inbound = 1;
                DELETE FROM work_items WHERE id = $id AND lease_token = $token AND inbound = 0;
                """, null);
            command.Parameters["$id"].Value = lease.Item.Id;
            command.Parameters["$token"].Value = lease.Token;
            return ValueTask.FromResult(command.ExecuteNonQuery() == 1);
        }
    }

    public ValueTask<bool> RescheduleAsync(WorkLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeGate)
        {
            var command = Prepared("""
                UPDATE work_items SET due_at = $due, lease_token = NULL, leased_until = NULL
                WHERE id = $id AND lease_token = $token
                """, null);
            command.Parameters["$due"].Value = dueAt.ToUnixTimeMilliseconds();
            command.Parameters["$id"].Value = lease.Item.Id;
            command.Parameters["$token"].Value = lease.Token;
            return ValueTask.FromResult(command.ExecuteNonQuery() == 1);
        }
    }

    /// <summary>Under the write gate.</summary>
    private bool Insert(WorkItem item, DateTimeOffset now, SqliteTransaction? transaction)
    {
        // The id is the primary key: a second enqueue of the same item (waiting, or inbound and done) is ignored by the
        // database itself. seq orders items due at the same moment as they were queued (ids are pseudonyms, in no
        // useful order).
        var command = Prepared("""
            INSERT INTO work_items (id, kind, owner, payload, due_at, attempts, enqueued_at, seq, inbound)
            VALUES ($id, $kind, $owner, $payload, $due, 0, $now, (SELECT coalesce(max(seq), 0) + 1 FROM work_items), $inbound)
            ON CONFLICT (id) DO NOTHING
            """, transaction);
        command.Parameters["$id"].Value = item.Id;
        command.Parameters["$kind"].Value = item.Kind;
        command.Parameters["$owner"].Value = item.Owner;
        command.Parameters["$payload"].Value = Bytes(item.Payload);
        command.Parameters["$due"].Value = item.DueAt.ToUnixTimeMilliseconds();
        command.Parameters["$now"].Value = now.ToUnixTimeMilliseconds();
        command.Parameters["$inbound"].Value = item.Inbound ? 1 : 0;
        return command.ExecuteNonQuery() == 1;
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
        _disposed = true;
        while (_readers.TryTake(out var reader))
            reader.Dispose();
        foreach (var command in _prepared.Values)
            command.Dispose();
        _prepared.Clear();
        _writer?.Dispose();
        _writer = null;
        _keepAlive?.Dispose();
    }

    [GeneratedRegex(@"\$[a-z]+")]
    private static partial Regex ParameterName();

    // Both spellings SQLite accepts: the Mode keyword and a file: URI with mode=memory.
    private static bool IsInMemory(SqliteConnectionStringBuilder builder) =>
        builder.Mode == SqliteOpenMode.Memory
        || builder.DataSource.Contains(":memory:", StringComparison.Ordinal)
        || (builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase));

    private DocumentReader RentReader()
    {
        if (_readers.TryTake(out var reader))
            return reader;
        ObjectDisposedException.ThrowIf(_disposed, this);
        return DocumentReader.Open(_connectionString);
    }

    private void ReturnReader(DocumentReader reader)
    {
        if (_disposed || _readers.Count >= MaxIdleReaders)
            reader.Dispose();
        else
            _readers.Add(reader);
    }

    /// <summary>A connection of its own with the document SELECT prepared on it.</summary>
    private sealed class DocumentReader : IDisposable
    {
        private readonly SqliteConnection _connection;

        private DocumentReader(SqliteConnection connection, SqliteCommand command, SqliteParameter key)
        {
            _connection = connection;
            Command = command;
            Key = key;
        }

        public SqliteCommand Command { get; }

        public SqliteParameter Key { get; }

        public static DocumentReader Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = "SELECT data, etag FROM documents WHERE key = $key";
            var key = command.Parameters.Add("$key", SqliteType.Text);
            command.Prepare();
            return new DocumentReader(connection, command, key);
        }

        public void Dispose()
        {
            Command.Dispose();
            _connection.Dispose();
        }
    }

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL is a property of the database file, so setting it once is enough. Documents live in a rowid table: a
        // conversation's document (a few KB) then fits in its leaf page, where a WITHOUT ROWID table keeps at most about
        // 1 KB of a row there and spills the rest to overflow pages, which every turn would read, free and zero again.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA secure_delete = ON;
            CREATE TABLE IF NOT EXISTS documents (
                key        TEXT    NOT NULL PRIMARY KEY,
                etag       TEXT    NOT NULL,
                data       BLOB    NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """;
        if (IsWithoutRowid(connection, "documents"))
            MoveDocumentsToRowidTable(connection);
        command.ExecuteNonQuery();
        RenameOutboxToWorkItems(connection);
        using var work = connection.CreateCommand();
        // done marks an inbound item whose id is kept, without its payload, until the retention limit.
        work.CommandText = """
            CREATE TABLE IF NOT EXISTS work_items (
                id           TEXT    NOT NULL PRIMARY KEY,
                kind         TEXT    NOT NULL,
                owner        TEXT    NOT NULL,
                payload      BLOB    NOT NULL,
                due_at       INTEGER NOT NULL,
                attempts     INTEGER NOT NULL,
                lease_token  TEXT,
                leased_until INTEGER,
                enqueued_at  INTEGER NOT NULL,
                seq          INTEGER NOT NULL DEFAULT 0,
                inbound      INTEGER NOT NULL DEFAULT 0,
                done         INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            """;
        work.ExecuteNonQuery();
        AddColumnIfMissing(connection, "work_items", "seq", "INTEGER NOT NULL DEFAULT 0");
        AddColumnIfMissing(connection, "work_items", "inbound", "INTEGER NOT NULL DEFAULT 0");
        AddColumnIfMissing(connection, "work_items", "done", "INTEGER NOT NULL DEFAULT 0");
        using var indexes = connection.CreateCommand();
        indexes.CommandText = """
            CREATE INDEX IF NOT EXISTS work_items_pending ON work_items (due_at, seq) WHERE done = 0;
            CREATE INDEX IF NOT EXISTS work_items_owner ON work_items (owner);
            CREATE INDEX IF NOT EXISTS work_items_seq ON work_items (seq);
            """;
        indexes.ExecuteNonQuery();
    }

    /// <summary>
    /// Earlier releases called the work queue's table <c>outbox</c>, though it also holds received messages; its rows
    /// (waiting items among them) are kept under the new name, and its indexes make way for the new ones.
    /// </summary>
    private static void RenameOutboxToWorkItems(SqliteConnection connection)
    {
        if (!TableExists(connection, "outbox", null))
            return;
        // BEGIN IMMEDIATE, then look again: another instance starting on the same file may have renamed it already.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!TableExists(connection, "outbox", transaction) || TableExists(connection, "work_items", transaction))
            return;
        using var rename = connection.CreateCommand();
        rename.Transaction = transaction;
        rename.CommandText = """
            ALTER TABLE outbox RENAME TO work_items;
            DROP INDEX IF EXISTS outbox_due;
            DROP INDEX IF EXISTS outbox_owner;
            DROP INDEX IF EXISTS outbox_seq;
            """;
        rename.ExecuteNonQuery();
        transaction.Commit();
    }

    private static bool TableExists(SqliteConnection connection, string table, SqliteTransaction? transaction)
    {
        using var query = connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $name";
        query.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Databases made by earlier releases keep documents in a WITHOUT ROWID table; they are moved once.</summary>
    private static void MoveDocumentsToRowidTable(SqliteConnection connection)
    {
        // BEGIN IMMEDIATE, then look again: another instance starting on the same file may have moved them already.
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA secure_delete = ON";
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!IsWithoutRowid(connection, "documents", transaction))
            return;
        using var move = connection.CreateCommand();
        move.Transaction = transaction;
        move.CommandText = """
            CREATE TABLE documents_moved (
                key        TEXT    NOT NULL PRIMARY KEY,
                etag       TEXT    NOT NULL,
                data       BLOB    NOT NULL,
                updated_at INTEGER NOT NULL
            );
            INSERT INTO documents_moved (key, etag, data, updated_at) SELECT key, etag, data, updated_at FROM documents;
            DROP TABLE documents;
            ALTER TABLE documents_moved RENAME TO documents;
            """;
        move.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Databases made by earlier releases lack columns added since; SQLite adds one in place.</summary>
    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string definition)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
        query.Parameters.AddWithValue("$table", table);
        query.Parameters.AddWithValue("$column", column);
        if (Convert.ToInt64(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            return;
        using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
        try
        {
            alter.ExecuteNonQuery();
        }
        catch (SqliteException) when (Convert.ToInt64(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            // Another instance starting on the same file added it first.
        }
    }

    private static bool IsWithoutRowid(SqliteConnection connection, string table, SqliteTransaction? transaction = null)
    {
        using var query = connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = $name";
        query.Parameters.AddWithValue("$name", table);
        return query.ExecuteScalar() is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
    }
}
