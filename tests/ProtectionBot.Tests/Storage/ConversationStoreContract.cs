using System.Text;
using BotProtocol.State;
using Microsoft.Extensions.Time.Testing;

namespace ProtectionBot.Tests.Storage;

/// <summary>The ETag rules every store must keep; each store runs this same suite.</summary>
public abstract class ConversationStoreContract
{
    /// <summary>The clock every store of a test writes by; tests advance it.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    protected abstract IConversationStore CreateStore();

    private static readonly CancellationToken None = CancellationToken.None;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoreItem? item) => Encoding.UTF8.GetString(item!.Data.Span);

    [Fact]
    public async Task A_key_never_written_reads_as_nothing()
    {
        Assert.Null(await CreateStore().ReadAsync("conversation/test/never", None));
    }

    [Fact]
    public async Task What_is_written_reads_back_with_its_etag()
    {
        var store = CreateStore();
        var etag = await store.WriteAsync("k", Bytes("one"), expectedETag: null, None);

        var item = await store.ReadAsync("k", None);

        Assert.Equal("one", Text(item));
        Assert.Equal(etag, item!.ETag);
    }

    [Fact]
    public async Task Creating_a_key_that_exists_is_a_conflict()
    {
        var store = CreateStore();
        await store.WriteAsync("k", Bytes("first"), null, None);

        await Assert.ThrowsAsync<ETagConflictException>(async () => await store.WriteAsync("k", Bytes("second"), null, None));
        Assert.Equal("first", Text(await store.ReadAsync("k", None)));
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var store = CreateStore();
        var first = await store.WriteAsync("k", Bytes("one"), null, None);

        var second = await store.WriteAsync("k", Bytes("two"), first, None);

        Assert.NotEqual(first, second);
        Assert.Equal("two", Text(await store.ReadAsync("k", None)));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_a_conflict_and_changes_nothing()
    {
        var store = CreateStore();
        var stale = await store.WriteAsync("k", Bytes("one"), null, None);
        await store.WriteAsync("k", Bytes("two"), stale, None);

        await Assert.ThrowsAsync<ETagConflictException>(async () => await store.WriteAsync("k", Bytes("three"), stale, None));
        Assert.Equal("two", Text(await store.ReadAsync("k", None)));
    }

    [Fact]
    public async Task The_wildcard_etag_overwrites_whatever_is_there()
    {
        var store = CreateStore();
        await store.WriteAsync("k", Bytes("one"), null, None);

        await store.WriteAsync("k", Bytes("two"), StoreItem.AnyETag, None);
        await store.WriteAsync("new", Bytes("three"), StoreItem.AnyETag, None);

        Assert.Equal("two", Text(await store.ReadAsync("k", None)));
        Assert.Equal("three", Text(await store.ReadAsync("new", None)));
    }

    [Fact]
    public async Task A_deleted_key_is_gone_and_an_etag_read_before_deletion_no_longer_matches()
    {
        var store = CreateStore();
        var before = await store.WriteAsync("k", Bytes("secret"), null, None);

        await store.DeleteAsync("k", None);
        await store.DeleteAsync("k", None);

        Assert.Null(await store.ReadAsync("k", None));
        await store.WriteAsync("k", Bytes("fresh"), null, None);
        await Assert.ThrowsAsync<ETagConflictException>(async () => await store.WriteAsync("k", Bytes("stale"), before, None));
    }

    [Fact]
    public async Task Of_two_writers_holding_the_same_etag_exactly_one_wins()
    {
        var store = CreateStore();
        var etag = await store.WriteAsync("k", Bytes("start"), null, None);

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.WriteAsync("k", Bytes($"writer {i}"), etag, None);
                return true;
            }
            catch (ETagConflictException)
            {
                return false;
            }
        }));

        Assert.Single(await Task.WhenAll(attempts), won => won);
    }

    [Fact]
    public async Task Keys_are_independent_and_case_sensitive()
    {
        var store = CreateStore();
        await store.WriteAsync("conversation/msteams/A", Bytes("upper"), null, None);
        await store.WriteAsync("conversation/msteams/a", Bytes("lower"), null, None);

        Assert.Equal("upper", Text(await store.ReadAsync("conversation/msteams/A", None)));
        Assert.Equal("lower", Text(await store.ReadAsync("conversation/msteams/a", None)));
    }

    [Fact]
    public async Task Documents_not_written_within_the_retention_period_are_erased_and_recent_ones_kept()
    {
        var store = CreateStore();
        await store.WriteAsync("old", Bytes("old"), null, None);
        await store.WriteAsync("touched", Bytes("first"), null, None);
        Time.Advance(TimeSpan.FromDays(31));
        var touched = await store.ReadAsync("touched", None);
        await store.WriteAsync("touched", Bytes("again"), touched!.ETag, None);
        await store.WriteAsync("recent", Bytes("recent"), null, None);

        var erased = await store.DeleteWrittenBeforeAsync(Time.GetUtcNow() - TimeSpan.FromDays(30), None);

        Assert.Equal(1, erased);
        Assert.Null(await store.ReadAsync("old", None));
        Assert.Equal("again", Text(await store.ReadAsync("touched", None)));
        Assert.Equal("recent", Text(await store.ReadAsync("recent", None)));
    }
}
