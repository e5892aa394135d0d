using System.Text;
using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Data.Sqlite;
using ProtectionBot.Storage.Sqlite;

namespace ProtectionBot.Tests.Storage;

public sealed class SqliteConversationStoreTests : ConversationStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("protectionbot-store-").FullName;
    private readonly List<SqliteConversationStore> _stores = [];

    protected override IConversationStore CreateStore()
    {
        var store = new SqliteConversationStore($"Data Source={Path.Combine(_folder, "test.db")}", Time);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task The_database_file_is_created_on_first_use_in_wal_mode()
    {
        CreateStore();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "test.db")}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_sees_the_first_ones_writes()
    {
        var first = CreateStore();
        await first.WriteAsync("k", Encoding.UTF8.GetBytes("shared"), null, CancellationToken.None);

        var item = await CreateStore().ReadAsync("k", CancellationToken.None);

        Assert.Equal("shared", Encoding.UTF8.GetString(item!.Data.Span));
    }

    [Theory]
    [InlineData("Data Source=store-{0};Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=file:store-{0}?mode=memory&cache=shared")]
    public async Task A_shared_in_memory_database_outlives_its_pooled_connections(string connectionString)
    {
        using var store = new SqliteConversationStore(string.Format(System.Globalization.CultureInfo.InvariantCulture, connectionString, Guid.NewGuid().ToString("N")), TimeProvider.System);
        await store.WriteAsync("k", Encoding.UTF8.GetBytes("kept"), null, [], TestContext.Current.CancellationToken);

        // The pool may close idle connections at any time; the database must not vanish with them.
        SqliteConnection.ClearAllPools();

        var item = await store.ReadAsync("k", TestContext.Current.CancellationToken);
        Assert.Equal("kept", Encoding.UTF8.GetString(item!.Data.Span));
    }

    [Fact]
    public async Task A_deleted_document_leaves_no_trace_of_its_bytes_in_the_file()
    {
        var store = CreateStore();
        await store.WriteAsync("k", Encoding.UTF8.GetBytes("needle-7f3a-secret-answer"), null, CancellationToken.None);
        await store.DeleteAsync("k", CancellationToken.None);
        SqliteConnection.ClearAllPools();
        using (var checkpoint = new SqliteConnection($"Data Source={Path.Combine(_folder, "test.db")}"))
        {
            await checkpoint.OpenAsync(TestContext.Current.CancellationToken);
            using var command = checkpoint.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        SqliteConnection.ClearAllPools();

        foreach (var file in Directory.GetFiles(_folder))
            Assert.DoesNotContain("needle-7f3a-secret-answer", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_of_an_earlier_release_keeps_its_documents_and_moves_them_to_a_rowid_table()
    {
        var path = Path.Combine(_folder, "test.db");
        using (var earlier = new SqliteConnection($"Data Source={path}"))
        {
            await earlier.OpenAsync(TestContext.Current.CancellationToken);
            using var create = earlier.CreateCommand();
            create.CommandText = """
                CREATE TABLE documents (key TEXT NOT NULL PRIMARY KEY, etag TEXT NOT NULL, data BLOB NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO documents VALUES ('conversation/msteams/a', '00000000000000aa', X'68656C6C6F', 1);
                """;
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        SqliteConnection.ClearAllPools();

        var store = CreateStore();
        var item = await store.ReadAsync("conversation/msteams/a", CancellationToken.None);
        await store.WriteAsync("conversation/msteams/a", Encoding.UTF8.GetBytes("again"), item!.ETag, CancellationToken.None);
        CreateStore();

        Assert.Equal("hello", Encoding.UTF8.GetString(item.Data.Span));
        Assert.Equal("again", Encoding.UTF8.GetString((await store.ReadAsync("conversation/msteams/a", CancellationToken.None))!.Data.Span));
        using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        using var schema = connection.CreateCommand();
        schema.CommandText = "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE type = 'table'";
        var tables = (string?)await schema.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        Assert.Contains("CREATE TABLE \"documents\"", tables, StringComparison.Ordinal);
        Assert.DoesNotContain("documents_moved", tables, StringComparison.Ordinal);
        Assert.Equal(1, tables!.Split("WITHOUT ROWID").Length - 1); // the work queue's only
    }

    [Fact]
    public async Task An_outbox_of_an_earlier_release_becomes_the_work_queue_and_keeps_what_waits_in_it()
    {
        var path = Path.Combine(_folder, "test.db");
        using (var earlier = new SqliteConnection($"Data Source={path}"))
        {
            await earlier.OpenAsync(TestContext.Current.CancellationToken);
            using var create = earlier.CreateCommand();
            create.CommandText = """
                CREATE TABLE outbox (id TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, owner TEXT NOT NULL, payload BLOB NOT NULL, due_at INTEGER NOT NULL,
                    attempts INTEGER NOT NULL, lease_token TEXT, leased_until INTEGER, enqueued_at INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO outbox VALUES ('waiting', 'test', 'conversation/test/a', X'00', 0, 0, NULL, NULL, 0);
                """;
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        SqliteConnection.ClearAllPools();

        var store = NewStore();
        await store.EnqueueAsync(new WorkItem("new", "test", "conversation/test/a", new byte[] { 1 }, DateTimeOffset.UnixEpoch), CancellationToken.None);
        var leased = await store.LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(30), 10, CancellationToken.None);

        Assert.Equal(["waiting", "new"], leased.Select(l => l.Item.Id));
        Assert.False(leased[0].Item.Inbound);
        using var schema = new SqliteConnection($"Data Source={path}");
        await schema.OpenAsync(TestContext.Current.CancellationToken);
        using var names = schema.CreateCommand();
        names.CommandText = "SELECT group_concat(name, ',') FROM sqlite_schema WHERE name LIKE 'outbox%'";
        Assert.Null(await names.ExecuteScalarAsync(TestContext.Current.CancellationToken) as string);
    }

    [Fact]
    public async Task The_database_and_its_log_files_are_readable_only_by_the_user_running_the_bot()
    {
        var store = CreateStore();
        await store.WriteAsync("conversation/test/a", Encoding.UTF8.GetBytes("sealed"), null, CancellationToken.None);

        var files = Directory.GetFiles(_folder, "test.db*");
        Assert.Contains(Path.Combine(_folder, "test.db-wal"), files);
        foreach (var file in files)
        {
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task A_database_an_earlier_release_left_readable_by_others_is_narrowed_to_its_owner()
    {
        var path = Path.Combine(_folder, "test.db");
        using (var earlier = new SqliteConnection($"Data Source={path}"))
        {
            await earlier.OpenAsync(TestContext.Current.CancellationToken);
            using var create = earlier.CreateCommand();
            create.CommandText = "CREATE TABLE documents (key TEXT NOT NULL PRIMARY KEY, etag TEXT NOT NULL, data BLOB NOT NULL, updated_at INTEGER NOT NULL)";
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        SqliteConnection.ClearAllPools();
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        CreateStore();

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
            store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
