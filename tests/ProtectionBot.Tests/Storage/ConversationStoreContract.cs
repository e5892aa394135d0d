using System.Text;
using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Extensions.Time.Testing;

namespace ProtectionBot.Tests.Storage;

/// <summary>The ETag, work queue and retention rules every store must keep; each store runs this same suite.</summary>
public abstract class ConversationStoreContract
{
    /// <summary>The clock every store of a test writes by; tests advance it.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A new store over the backend under test, which keeps documents, work and retention together.</summary>
    protected abstract IConversationStore CreateStore();

    protected Tested NewStore() => new(CreateStore());

    private static readonly CancellationToken None = CancellationToken.None;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoreItem? item) => Encoding.UTF8.GetString(item!.Data.Span);

    [Fact]
    public async Task A_key_never_written_reads_as_nothing()
    {
        Assert.Null(await NewStore().ReadAsync("conversation/test/never", None));
    }

    [Fact]
    public async Task What_is_written_reads_back_with_its_etag()
    {
        var store = NewStore();
        var etag = await store.WriteAsync("k", Bytes("one"), expectedETag: null, None);

        var item = await store.ReadAsync("k", None);

        Assert.Equal("one", Text(item));
        Assert.Equal(etag, item!.ETag);
    }

    [Fact]
    public async Task Creating_a_key_that_exists_is_a_conflict()
    {
        var store = NewStore();
        await store.WriteAsync("k", Bytes("first"), null, None);

        await Assert.ThrowsAsync<ETagConflictException>(async () => await store.WriteAsync("k", Bytes("second"), null, None));
        Assert.Equal("first", Text(await store.ReadAsync("k", None)));
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var store = NewStore();
        var first = await store.WriteAsync("k", Bytes("one"), null, None);

        var second = await store.WriteAsync("k", Bytes("two"), first, None);

        Assert.NotEqual(first, second);
        Assert.Equal("two", Text(await store.ReadAsync("k", None)));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_a_conflict_and_changes_nothing()
    {
        var store = NewStore();
        var stale = await store.WriteAsync("k", Bytes("one"), null, None);
        await store.WriteAsync("k", Bytes("two"), stale, None);

        await Assert.ThrowsAsync<ETagConflictException>(async () => await store.WriteAsync("k", Bytes("three"), stale, None));
        Assert.Equal("two", Text(await store.ReadAsync("k", None)));
    }

    [Fact]
    public async Task The_wildcard_etag_overwrites_whatever_is_there()
    {
        var store = NewStore();
        await store.WriteAsync("k", Bytes("one"), null, None);

        await store.WriteAsync("k", Bytes("two"), StoreItem.AnyETag, None);
        await store.WriteAsync("new", Bytes("three"), StoreItem.AnyETag, None);

        Assert.Equal("two", Text(await store.ReadAsync("k", None)));
        Assert.Equal("three", Text(await store.ReadAsync("new", None)));
    }

    [Fact]
    public async Task A_deleted_key_is_gone_and_an_etag_read_before_deletion_no_longer_matches()
    {
        var store = NewStore();
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
        var store = NewStore();
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
    public async Task Many_conversations_read_and_written_at_once_each_keep_their_own_document()
    {
        var store = NewStore();
        var conversations = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            var key = $"conversation/test/{i}";
            var etag = await store.WriteAsync(key, Bytes($"{i}:0"), null, None);
            for (var turn = 1; turn <= 50; turn++)
            {
                var item = await store.ReadAsync(key, None);
                Assert.Equal($"{i}:{turn - 1}", Text(item!));
                etag = await store.WriteAsync(key, Bytes($"{i}:{turn}"), etag, None);
            }
        }));

        await Task.WhenAll(conversations);
    }

    [Fact]
    public async Task Reads_from_many_threads_at_once_all_succeed()
    {
        var store = NewStore();
        await store.WriteAsync("conversation/test/shared", Bytes("same"), null, None);

        // Yielding between reads moves each reader from thread to thread, as requests do in the server.
        var readers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var read = 0; read < 500; read++)
            {
                Assert.Equal("same", Text(await store.ReadAsync("conversation/test/shared", None)));
                await Task.Yield();
            }
        }));

        await Task.WhenAll(readers);
    }

    [Fact]
    public async Task Keys_are_independent_and_case_sensitive()
    {
        var store = NewStore();
        await store.WriteAsync("conversation/msteams/A", Bytes("upper"), null, None);
        await store.WriteAsync("conversation/msteams/a", Bytes("lower"), null, None);

        Assert.Equal("upper", Text(await store.ReadAsync("conversation/msteams/A", None)));
        Assert.Equal("lower", Text(await store.ReadAsync("conversation/msteams/a", None)));
    }

    [Fact]
    public async Task Documents_not_written_within_the_retention_period_are_erased_and_recent_ones_kept()
    {
        var store = NewStore();
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

    [Fact]
    public async Task Content_the_bot_keeps_outlives_the_retention_limit()
    {
        var store = NewStore();
        await store.WriteAsync(StoreItem.KeptPrefix + "courses/faq", Bytes("faq"), null, None);
        await store.WriteAsync("conversation/test/old", Bytes("old"), null, None);
        Time.Advance(TimeSpan.FromDays(365));

        await store.DeleteWrittenBeforeAsync(Time.GetUtcNow() - TimeSpan.FromDays(30), None);

        Assert.Equal("faq", Text(await store.ReadAsync(StoreItem.KeptPrefix + "courses/faq", None)));
        Assert.Null(await store.ReadAsync("conversation/test/old", None));
    }

    private static WorkItem Message(string id, string owner = "conversation/test/c1", DateTimeOffset? dueAt = null, string payload = "card") =>
        new(id, "test", owner, Bytes(payload), dueAt ?? DateTimeOffset.MinValue);

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_turn_write_adds_its_outgoing_messages_and_a_conflicting_one_adds_none()
    {
        var store = NewStore();
        var etag = await store.WriteAsync("conversation/test/c1", Bytes("one"), null, [Message("m1")], None);
        await store.WriteAsync("conversation/test/c1", Bytes("two"), etag, [], None);

        await Assert.ThrowsAsync<ETagConflictException>(async () =>
            await store.WriteAsync("conversation/test/c1", Bytes("late"), etag, [Message("m2")], None));

        var leased = await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None);
        var only = Assert.Single(leased);
        Assert.Equal("m1", only.Item.Id);
        Assert.Equal("card", Encoding.UTF8.GetString(only.Item.Payload.Span));
        Assert.Equal(1, only.Attempt);
    }

    [Fact]
    public async Task Enqueuing_the_same_id_twice_keeps_one_message()
    {
        var store = NewStore();

        Assert.True(await store.EnqueueAsync(Message("m1", payload: "first"), None));
        Assert.False(await store.EnqueueAsync(Message("m1", payload: "second"), None));

        var only = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));
        Assert.Equal("first", Encoding.UTF8.GetString(only.Item.Payload.Span));
    }

    [Fact]
    public async Task A_received_item_once_done_is_refused_again_until_the_retention_limit_and_keeps_no_payload()
    {
        // A channel redelivers a webhook it thinks was lost, sometimes after the bot has answered it.
        var store = NewStore();
        Assert.True(await store.EnqueueAsync(Message("whatsapp/in/w1", payload: "hola") with { Inbound = true }, None));
        var lease = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));
        Assert.True(lease.Item.Inbound);
        Assert.True(await store.CompleteAsync(lease, None));

        Assert.False(await store.EnqueueAsync(Message("whatsapp/in/w1", payload: "hola") with { Inbound = true }, None));
        Time.Advance(TimeSpan.FromDays(31));
        Assert.Empty(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));
        await store.DeleteWrittenBeforeAsync(Time.GetUtcNow() - TimeSpan.FromDays(30), None);
        Assert.True(await store.EnqueueAsync(Message("whatsapp/in/w1", payload: "hola") with { Inbound = true }, None));
    }

    [Fact]
    public async Task Work_the_bot_gives_itself_is_forgotten_once_done_so_the_same_id_can_be_enqueued_anew()
    {
        // A case card updated to "accepted", passed on, and accepted again by a colleague carries the same id twice.
        var store = NewStore();
        await store.EnqueueAsync(Message("handoff/c1/card/a1/accepted", payload: "first"), None);
        Assert.True(await store.CompleteAsync(Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None)), None));

        Assert.True(await store.EnqueueAsync(Message("handoff/c1/card/a1/accepted", payload: "again"), None));

        var again = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));
        Assert.Equal("again", Encoding.UTF8.GetString(again.Item.Payload.Span));
        Assert.False(again.Item.Inbound);
    }

    [Fact]
    public async Task Erasing_a_conversation_also_forgets_the_ids_it_received()
    {
        var store = NewStore();
        await store.WriteAsync("conversation/test/c1", Bytes("state"), null, None);
        await store.EnqueueAsync(Message("whatsapp/in/w1", owner: "conversation/test/c1") with { Inbound = true }, None);
        await store.CompleteAsync(Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None)), None);

        await store.DeleteAsync("conversation/test/c1", None);

        Assert.True(await store.EnqueueAsync(Message("whatsapp/in/w1", owner: "conversation/test/c1") with { Inbound = true }, None));
    }

    [Fact]
    public async Task A_leased_message_is_not_leased_again_until_its_lease_runs_out()
    {
        var store = NewStore();
        await store.EnqueueAsync(Message("m1"), None);
        var first = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));

        Assert.Empty(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));
        Time.Advance(Lease);
        var second = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));

        Assert.Equal(2, second.Attempt);
        Assert.False(await store.CompleteAsync(first, None));
        Assert.True(await store.CompleteAsync(second, None));
        Time.Advance(Lease);
        Assert.Empty(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));
    }

    [Fact]
    public async Task Messages_due_at_the_same_moment_are_leased_in_the_order_they_were_queued()
    {
        // What a defender writes to a caseworker in two quick messages must arrive in that order.
        var store = NewStore();
        var now = Time.GetUtcNow();
        string[] queued = ["relay/zz-9", "relay/aa-10", "relay/mm-11", "relay/bb-12", "relay/yy-13"];
        foreach (var id in queued)
            await store.WriteAsync("conversation/test/" + id, Bytes("turn"), null, [Message(id, dueAt: now)], None);

        var leased = await store.LeaseDueAsync(now, Lease, 10, None);

        Assert.Equal(queued, leased.Select(l => l.Item.Id));
    }

    [Fact]
    public async Task Messages_are_leased_when_due_earliest_first_and_at_most_as_many_as_asked()
    {
        var store = NewStore();
        var now = Time.GetUtcNow();
        await store.EnqueueAsync(Message("later", dueAt: now + TimeSpan.FromMinutes(5)), None);
        await store.EnqueueAsync(Message("second", dueAt: now - TimeSpan.FromSeconds(1)), None);
        await store.EnqueueAsync(Message("first", dueAt: now - TimeSpan.FromSeconds(2)), None);
        await store.EnqueueAsync(Message("third", dueAt: now), None);

        var leased = await store.LeaseDueAsync(now, Lease, 2, None);

        Assert.Equal(["first", "second"], leased.Select(l => l.Item.Id));
        var third = await store.LeaseDueAsync(now, Lease, 10, None);
        Assert.Equal(["third"], third.Select(l => l.Item.Id));
        foreach (var done in leased.Concat(third))
            await store.CompleteAsync(done, None);
        Assert.Equal(["later"], (await store.LeaseDueAsync(now + TimeSpan.FromMinutes(5), Lease, 10, None)).Select(l => l.Item.Id));
    }

    [Fact]
    public async Task A_rescheduled_message_comes_back_when_due_and_not_before()
    {
        var store = NewStore();
        await store.EnqueueAsync(Message("m1"), None);
        var lease = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));

        Assert.True(await store.RescheduleAsync(lease, Time.GetUtcNow() + TimeSpan.FromMinutes(1), None));

        Assert.Empty(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));
        Time.Advance(TimeSpan.FromMinutes(1));
        var again = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None));
        Assert.Equal(2, again.Attempt);
        Assert.False(await store.RescheduleAsync(lease, Time.GetUtcNow(), None));
    }

    [Fact]
    public async Task Of_several_instances_leasing_at_once_each_message_goes_to_exactly_one()
    {
        var store = NewStore();
        for (var i = 0; i < 40; i++)
            await store.EnqueueAsync(Message($"m{i}"), None);

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None))));

        var ids = leases.SelectMany(l => l).Select(l => l.Item.Id).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
    }

    [Fact]
    public async Task Erasing_a_conversation_erases_the_messages_it_has_not_sent()
    {
        var store = NewStore();
        await store.WriteAsync("conversation/test/c1", Bytes("state"), null, [Message("mine", owner: "conversation/test/c1")], None);
        await store.EnqueueAsync(Message("theirs", owner: "conversation/test/c2"), None);

        await store.DeleteAsync("conversation/test/c1", None);

        Assert.Equal(["theirs"], (await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None)).Select(l => l.Item.Id));
    }

    [Fact]
    public async Task Messages_enqueued_before_the_retention_limit_are_erased()
    {
        var store = NewStore();
        await store.EnqueueAsync(Message("old"), None);
        Time.Advance(TimeSpan.FromDays(31));
        await store.EnqueueAsync(Message("recent"), None);

        await store.DeleteWrittenBeforeAsync(Time.GetUtcNow() - TimeSpan.FromDays(30), None);

        Assert.Equal(["recent"], (await store.LeaseDueAsync(Time.GetUtcNow(), Lease, 10, None)).Select(l => l.Item.Id));
    }

    /// <summary>The three contracts of one backend, side by side as the app registers them.</summary>
    protected internal sealed class Tested(IConversationStore documents)
    {
        private IWorkQueue Queue => (IWorkQueue)documents;

        public ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => documents.ReadAsync(key, cancellationToken);

        public ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
            documents.WriteAsync(key, data, expectedETag, cancellationToken);

        public ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken) =>
            documents.WriteAsync(key, data, expectedETag, work, cancellationToken);

        public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => documents.DeleteAsync(key, cancellationToken);

        public ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
            ((IRetention)documents).DeleteWrittenBeforeAsync(cutoff, cancellationToken);

        public ValueTask<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken) => Queue.EnqueueAsync(item, cancellationToken);

        public ValueTask<IReadOnlyList<WorkLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken) =>
            Queue.LeaseDueAsync(now, leaseFor, max, cancellationToken);

        public ValueTask<bool> CompleteAsync(WorkLease lease, CancellationToken cancellationToken) => Queue.CompleteAsync(lease, cancellationToken);

        public ValueTask<bool> RescheduleAsync(WorkLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
            Queue.RescheduleAsync(lease, dueAt, cancellationToken);
    }
}
