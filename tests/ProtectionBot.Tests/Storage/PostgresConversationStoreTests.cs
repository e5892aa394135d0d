using BotProtocol.State;
using BotProtocol.Work;
using Npgsql;
using ProtectionBot.Storage.Postgres;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Storage;

/// <summary>The contract suite against a real PostgreSQL server, plus what only a shared database has: its schema.</summary>
public sealed class PostgresConversationStoreTests(PostgresCluster cluster) : ConversationStoreContract, IAsyncLifetime
{
    private readonly List<PostgresConversationStore> _stores = [];
    private string _connectionString = "";

    protected override IConversationStore CreateStore()
    {
        var store = new PostgresConversationStore(_connectionString, Time);
        _stores.Add(store);
        return store;
    }

    public async ValueTask InitializeAsync()
    {
        // One database for the class; each test starts from no tables at all, so every test also runs the migration.
        _connectionString = await cluster.DatabaseAsync(nameof(PostgresConversationStoreTests));
        await ExecuteAsync("DROP TABLE IF EXISTS documents, outbox, work_items, schema_version");
    }

    [Fact]
    public async Task Instances_starting_together_create_the_schema_once()
    {
        var started = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(CreateStore)));

        Assert.Equal(6, started.Length);
        Assert.Equal([.. Enumerable.Range(1, PostgresSchema.LatestVersion).Select(v => (long)v)], await VersionsAsync());
        await started[0].WriteAsync("k", "x"u8.ToArray(), null, TestContext.Current.CancellationToken);
        Assert.NotNull(await started[5].ReadAsync("k", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Starting_again_on_an_existing_database_keeps_its_data_and_applies_nothing_twice()
    {
        await CreateStore().WriteAsync("k", "kept"u8.ToArray(), null, TestContext.Current.CancellationToken);

        var again = CreateStore();

        Assert.Equal([.. Enumerable.Range(1, PostgresSchema.LatestVersion).Select(v => (long)v)], await VersionsAsync());
        Assert.Equal("kept"u8.ToArray(), (await again.ReadAsync("k", TestContext.Current.CancellationToken))!.Data.ToArray());
    }

    [Fact]
    public async Task An_outbox_of_an_earlier_release_becomes_the_work_queue_and_keeps_what_waits_in_it()
    {
        await using (var earlier = NpgsqlDataSource.Create(_connectionString))
            PostgresSchema.Migrate(earlier, 2);
        await ExecuteAsync("""
            INSERT INTO outbox (id, kind, owner, payload, due_at, attempts, enqueued_at)
            VALUES ('waiting', 'test', 'conversation/test/a', '\x00', '1970-01-01 00:00:00+00', 0, now())
            """);

        var store = CreateStore();
        await ((IWorkQueue)store).EnqueueAsync(new WorkItem("new", "test", "conversation/test/a", new byte[] { 1 }, DateTimeOffset.UnixEpoch), TestContext.Current.CancellationToken);
        var leased = await ((IWorkQueue)store).LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(30), 10, TestContext.Current.CancellationToken);

        Assert.Equal(["waiting", "new"], leased.Select(l => l.Item.Id));
        Assert.False(leased[0].Item.Inbound);
        Assert.Equal([.. Enumerable.Range(1, PostgresSchema.LatestVersion).Select(v => (long)v)], await VersionsAsync());
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var names = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relname LIKE 'outbox%'", connection);
        Assert.Equal(0L, await names.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_database_from_a_newer_release_is_refused_at_start_up()
    {
        CreateStore();
        await ExecuteAsync($"INSERT INTO schema_version (version) VALUES ({PostgresSchema.LatestVersion + 1})");

        var error = Assert.Throws<InvalidOperationException>(() => CreateStore());

        Assert.Contains("newer than this release", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<long>> VersionsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT version::bigint FROM schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var versions = new List<long>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            versions.Add(reader.GetInt64(0));
        return versions;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
            await store.DisposeAsync();
    }
}
