using System.Text;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BotProtocol.Tests.Work;

public sealed class WorkDispatcherTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryConversationStore _store;
    private readonly WorkQueueOptions _options = new() { FirstBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromMinutes(10), LeaseDuration = TimeSpan.FromMinutes(2) };

    public WorkDispatcherTests() => _store = new InMemoryConversationStore(_time);

    private WorkDispatcher Dispatcher(params IWorkHandler[] handlers) =>
        new(_store, handlers, Options.Create(_options), _time, Pseudonyms.WithRandomKey(), new WorkSignal(), NullLogger<WorkDispatcher>.Instance);

    private Task<bool> Enqueue(string id, string owner = "conversation/test/c1", string kind = "card") =>
        _store.EnqueueAsync(new WorkItem(id, kind, owner, Encoding.UTF8.GetBytes(id), _time.GetUtcNow()), None).AsTask();

    [Fact]
    public async Task A_done_item_leaves_the_queue()
    {
        var handler = new RecordingHandler("card");
        await Enqueue("m1");

        await Dispatcher(handler).RunDueAsync(None);

        Assert.Equal(["m1"], handler.Delivered);
        Assert.Equal(0, _store.PendingWork);
    }

    [Fact]
    public async Task During_an_outage_a_message_waits_with_growing_backoff_and_goes_out_once_it_ends()
    {
        var handler = new RecordingHandler("card") { Failing = true };
        var dispatcher = Dispatcher(handler);
        await Enqueue("m1");

        await dispatcher.RunDueAsync(None);
        await dispatcher.RunDueAsync(None);
        Assert.Equal(1, handler.Attempts);

        _time.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.RunDueAsync(None);
        Assert.Equal(2, handler.Attempts);
        _time.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.RunDueAsync(None);
        Assert.Equal(2, handler.Attempts);

        handler.Failing = false;
        _time.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.RunDueAsync(None);

        Assert.Equal(["m1"], handler.Delivered);
        Assert.Equal(0, _store.PendingWork);
    }

    [Fact]
    public async Task A_recipient_that_asks_to_wait_is_not_tried_again_before_it_said()
    {
        var handler = new RecordingHandler("card") { Outcome = WorkOutcome.Retry(TimeSpan.FromSeconds(30)) };
        var dispatcher = Dispatcher(handler);
        await Enqueue("m1");

        await dispatcher.RunDueAsync(None);
        _time.Advance(TimeSpan.FromSeconds(29));
        await dispatcher.RunDueAsync(None);
        Assert.Equal(1, handler.Attempts);
        _time.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.RunDueAsync(None);

        Assert.Equal(2, handler.Attempts);
    }

    [Fact]
    public async Task A_message_whose_deliverer_died_is_delivered_by_another_instance_once_the_lease_ends()
    {
        await Enqueue("m1");
        // The first instance leased it and died before settling it.
        Assert.Single(await _store.LeaseDueAsync(_time.GetUtcNow(), _options.LeaseDuration, 10, None));
        var survivor = new RecordingHandler("card");

        await Dispatcher(survivor).RunDueAsync(None);
        Assert.Empty(survivor.Delivered);
        _time.Advance(_options.LeaseDuration);
        await Dispatcher(survivor).RunDueAsync(None);
        await Dispatcher(survivor).RunDueAsync(None);

        Assert.Equal(["m1"], survivor.Delivered);
    }

    [Fact]
    public async Task Messages_of_one_conversation_go_in_order_and_kinds_reach_their_own_handler()
    {
        var cards = new RecordingHandler("card");
        var timers = new RecordingHandler("timer");
        await Enqueue("a1");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Enqueue("a2");
        await Enqueue("t1", owner: "conversation/test/c2", kind: "timer");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Enqueue("a3");

        await Dispatcher(cards, timers).RunDueAsync(None);

        Assert.Equal(["a1", "a2", "a3"], cards.Delivered);
        Assert.Equal(["t1"], timers.Delivered);
    }

    [Fact]
    public async Task A_message_nobody_can_deliver_is_kept_for_when_a_handler_is_configured()
    {
        await Enqueue("m1", kind: "unknown");

        await Dispatcher(new RecordingHandler("card")).RunDueAsync(None);

        Assert.Equal(1, _store.PendingWork);
    }

    [Fact]
    public async Task Backoff_doubles_from_the_first_step_up_to_the_cap_with_at_most_a_fifth_of_jitter()
    {
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var expected = Math.Min(2 * Math.Pow(2, attempt - 1), 600);
            var backoff = WorkDispatcher.Backoff(attempt, _options).TotalSeconds;
            Assert.InRange(backoff, expected * 0.8, expected);
        }
        await Task.CompletedTask;
    }

    private sealed class RecordingHandler(string kind) : IWorkHandler
    {
        public string Kind => kind;

        public bool Failing { get; set; }

        public WorkOutcome Outcome { get; init; } = WorkOutcome.Done;

        public int Attempts { get; private set; }

        public List<string> Delivered { get; } = [];

        public Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
        {
            Attempts++;
            if (Failing)
                throw new HttpRequestException("connection refused");
            if (Outcome.IsDone)
                Delivered.Add(lease.Item.Id);
            return Task.FromResult(Outcome);
        }
    }
}
