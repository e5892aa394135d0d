using Npgsql;

namespace ProtectionBot.Storage.Postgres;

/// <summary>
/// Creates and upgrades the tables at start-up. Each step runs once, recorded in <c>schema_version</c>; instances
/// starting together queue on an advisory lock, so exactly one applies a step and the others find it done.
/// </summary>
internal static class PostgresSchema
{
    // Any constant will do, as long as nothing else in the database uses it: "PBOT" in ASCII.
    private const long MigrationLock = 0x50424F54;

    /// <summary>The steps in order; a step, once released, is never edited: a change is a new step.</summary>
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE documents (
            key        text        NOT NULL PRIMARY KEY,
            etag       text        NOT NULL,
            data       bytea       NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE INDEX documents_updated_at ON documents (updated_at);
        CREATE TABLE outbox (
            id           text        NOT NULL PRIMARY KEY,
            kind         text        NOT NULL,
            owner        text        NOT NULL,
            payload      bytea       NOT NULL,
            due_at       timestamptz NOT NULL,
            attempts     integer     NOT NULL,
            lease_token  text,
            leased_until timestamptz,
            enqueued_at  timestamptz NOT NULL
        );
        CREATE INDEX outbox_due_at ON outbox (due_at);
        CREATE INDEX outbox_owner ON outbox (owner);
        CREATE INDEX outbox_enqueued_at ON outbox (enqueued_at);
        """,
        // Messages due at the same moment leave in the order they were queued (ids are pseudonyms, in no useful order).
        """
        ALTER TABLE outbox ADD COLUMN seq bigserial;
        CREATE INDEX outbox_due_at_seq ON outbox (due_at, seq);
        """,
        // The queue also holds received messages, so it is named for what it carries. An inbound item, once done, stays
        // as its id without payload until the retention limit, so a redelivery is refused; leasing looks only at the
        // items not done.
        """
        ALTER TABLE outbox RENAME TO work_items;
        ALTER SEQUENCE outbox_seq_seq RENAME TO work_items_seq_seq;
        ALTER INDEX outbox_pkey RENAME TO work_items_pkey;
        ALTER INDEX outbox_owner RENAME TO work_items_owner;
        ALTER INDEX outbox_enqueued_at RENAME TO work_items_enqueued_at;
        DROP INDEX outbox_due_at;
        DROP INDEX outbox_due_at_seq;
        ALTER TABLE work_items
            ADD COLUMN inbound boolean NOT NULL DEFAULT false,
            ADD COLUMN done    boolean NOT NULL DEFAULT false;
        CREATE INDEX work_items_pending ON work_items (due_at, seq) WHERE NOT done;
        """,
    ];

    public static int LatestVersion => Steps.Length;

    public static void Migrate(NpgsqlDataSource dataSource) => Migrate(dataSource, Steps.Length);

    /// <summary>Up to <paramref name="version"/> only: a test builds the database an earlier release left.</summary>
    internal static void Migrate(NpgsqlDataSource dataSource, int version)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        // Held until the transaction ends; also covers the CREATE TABLE IF NOT EXISTS below, which two sessions
        // running at once could otherwise both attempt.
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})");
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    integer     NOT NULL PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """);
        using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction);
        var applied = Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (applied > Steps.Length)
            throw new InvalidOperationException(
                $"The PostgreSQL database is at schema version {applied}, newer than this release knows ({Steps.Length}); run the newer release.");
        for (var next = applied + 1; next <= version; next++)
        {
            Execute(connection, transaction, Steps[next - 1]);
            Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({next})");
        }
        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
