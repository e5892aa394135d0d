using System.Globalization;
using BotProtocol.State;
using BotProtocol.Work;
using Npgsql;
using NpgsqlTypes;

namespace ProtectionBot.Storage.Postgres;

/// <summary>
/// The store for several instances: one PostgreSQL database shared by all of them, documents and work items side by
/// side so a turn's state and the work it leaves commit together. As in SQLite, the ETag is random rather than a
/// counter, so a key deleted and written again never matches an ETag read before the deletion.
/// </summary>
internal sealed class PostgresConversationStore : IConversationStore, IWorkQueue, IRetention, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    public PostgresConversationStore(string connectionString, TimeProvider time)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _time = time;
        PostgresSchema.Migrate(_dataSource);
    }

    public async ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT data, etag FROM documents WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new StoreItem((byte[])reader[0], reader.GetString(1));
    }

    public async ValueTask<string> WriteAsync(
        string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken)
    {
        var etag = Random.Shared.NextInt64(long.MaxValue).ToString("x16", CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // Only a write that also enqueues pays for a transaction; a plain write is one atomic statement. Leaving the
        // block without committing (a conflict, a failure) rolls the messages back with the document.
        await using var transaction = work.Count > 0 ? await connection.BeginTransactionAsync(cancellationToken) : null;
        await using (var command = new NpgsqlCommand(WriteStatement(expectedETag), connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            command.Parameters.Add(new NpgsqlParameter { Value = etag });
            command.Parameters.Add(new NpgsqlParameter { Value = data.ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            if (expectedETag is not null and not StoreItem.AnyETag)
                command.Parameters.Add(new NpgsqlParameter { Value = expectedETag });
            // A concurrent writer holding the same ETag waits for this row's lock, then finds the ETag changed:
            // exactly one of them updates a row.
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                throw new ETagConflictException();
        }
        foreach (var item in work)
            await InsertAsync(connection, transaction, item, now, cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return etag;
    }

    private static string WriteStatement(string? expectedETag) => expectedETag switch
    {
        null => """
            INSERT INTO documents (key, etag, data, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (key) DO NOTHING
            """,
        StoreItem.AnyETag => """
            INSERT INTO documents (key, etag, data, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at
            """,
        _ => "UPDATE documents SET etag = $2, data = $3, updated_at = $4 WHERE key = $1 AND etag = $5",
    };

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        // One statement, so the document and its pending work go together.
        await using var command = _dataSource.CreateCommand("""
            WITH work AS (DELETE FROM work_items WHERE owner = $1)
            DELETE FROM documents WHERE key = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // Compared row by row at delete time: a turn that wrote since the cutoff keeps its document.
        await using var command = _dataSource.CreateCommand("""
            WITH erased AS (DELETE FROM documents WHERE updated_at < $1 AND NOT starts_with(key, $2) RETURNING key),
                 work AS (DELETE FROM work_items WHERE enqueued_at < $1 OR owner IN (SELECT key FROM erased))
            SELECT count(*) FROM erased
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = StoreItem.KeptPrefix });
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async ValueTask<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await InsertAsync(connection, null, item, _time.GetUtcNow(), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<WorkLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var until = now + leaseFor;
        // SKIP LOCKED: instances leasing at the same moment each take different rows instead of waiting for each other;
        // a row another instance just leased is re-checked against the WHERE clause and left out. NOT done matches the
        // partial index of pending items, so the done inbound ids kept for retention cost nothing here.
        await using var command = _dataSource.CreateCommand("""
            UPDATE work_items SET lease_token = $1, leased_until = $2, attempts = work_items.attempts + 1
            FROM (
                SELECT id FROM work_items
                WHERE NOT done AND due_at <= $3 AND (leased_until IS NULL OR leased_until <= $3)
                ORDER BY due_at, seq
                LIMIT $4
                FOR UPDATE SKIP LOCKED) due
            WHERE work_items.id = due.id
            RETURNING work_items.id, work_items.kind, work_items.owner, work_items.payload, work_items.due_at, work_items.attempts,
                work_items.seq, work_items.inbound
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = token });
        command.Parameters.Add(new NpgsqlParameter { Value = until, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        var leases = new List<(WorkLease Lease, long Seq)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var item = new WorkItem(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3],
                await reader.GetFieldValueAsync<DateTimeOffset>(4, cancellationToken)) { Inbound = reader.GetBoolean(7) };
            leases.Add((new WorkLease(item, reader.GetInt32(5), token, until), reader.GetInt64(6)));
        }
        // RETURNING keeps no order: sort as the SELECT chose.
        leases.Sort((a, b) => a.Lease.Item.DueAt != b.Lease.Item.DueAt ? a.Lease.Item.DueAt.CompareTo(b.Lease.Item.DueAt) : a.Seq.CompareTo(b.Seq));
        return [.. leases.Select(l => l.Lease)];
    }

    public async ValueTask<bool> CompleteAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        // An inbound item stays as a done id without its payload, so the sender's redelivery is refused (see InsertAsync).
        await using var command = _dataSource.CreateCommand("""
            WITH kept AS (
                UPDATE work_items SET done = true, payload = '', lease_token = NULL, leased_until = NULL
                WHERE id = $1 AND lease_token = $2 AND inbound RETURNING 1),
            dropped AS (DELETE FROM work_items WHERE id = $1 AND lease_token = $2 AND NOT inbound RETURNING 1)
            SELECT (SELECT count(*) FROM kept) + (SELECT count(*) FROM dropped)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = lease.Item.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = lease.Token });
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    public async ValueTask<bool> RescheduleAsync(WorkLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "UPDATE work_items SET due_at = $1, lease_token = NULL, leased_until = NULL WHERE id = $2 AND lease_token = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = dueAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = lease.Item.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = lease.Token });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<bool> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, WorkItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The id is the primary key: a second enqueue of the same item (waiting, or inbound and done) is ignored by the
        // database itself, even when two instances enqueue it at the same moment.
        await using var command = new NpgsqlCommand("""
            INSERT INTO work_items (id, kind, owner, payload, due_at, attempts, enqueued_at, inbound)
            VALUES ($1, $2, $3, $4, $5, 0, $6, $7)
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = item.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = item.Kind });
        command.Parameters.Add(new NpgsqlParameter { Value = item.Owner });
        command.Parameters.Add(new NpgsqlParameter { Value = item.Payload.ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = item.DueAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = item.Inbound });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
