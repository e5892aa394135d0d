using System.Text;
using BotProtocol.State;
using Microsoft.Data.Sqlite;
using ProtectionBot.Storage.Sqlite;

namespace ProtectionBot.Tests.Storage;

public sealed class SqliteConversationStoreTests : ConversationStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("protectionbot-store-").FullName;
    private readonly List<SqliteConversationStore> _stores = [];

    protected override IConversationStore CreateStore()
    {
        var store = new SqliteConversationStore($"Data Source={Path.Combine(_folder, "test.db")}", TimeProvider.System);
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

    public void Dispose()
    {
        foreach (var store in _stores)
            store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
