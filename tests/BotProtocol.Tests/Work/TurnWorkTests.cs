using System.Text;
using BotProtocol.State;
using BotProtocol.Testing;
using BotProtocol.Turns;
using BotProtocol.Work;

namespace BotProtocol.Tests.Work;

public sealed class TurnWorkTests
{
    private sealed class ForwardingBot : IBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            var text = turn.Activity.Text ?? "";
            if (text == "boom")
                throw new InvalidOperationException("bug");
            if (text == "forget me")
            {
                turn.Enqueue(Message(turn, "pending"));
                turn.EraseConversation();
                return Task.CompletedTask;
            }
            turn.Enqueue(Message(turn, text));
            turn.SendText("passed on");
            return Task.CompletedTask;
        }

        public Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
        {
            turn.SendText("sorry");
            return Task.CompletedTask;
        }

        private static WorkItem Message(TurnContext turn, string text) =>
            new($"relay/{turn.Activity.Id}", "relay", TurnProcessor.StateKey(turn.Activity), Encoding.UTF8.GetBytes(text), DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task A_message_a_turn_passes_on_is_kept_with_its_state_and_a_redelivery_adds_no_second()
    {
        var store = new InMemoryConversationStore();

        await new TestFlow(new ForwardingBot(), store)
            .Test("hello caseworker", "passed on")
            .Redeliver()
            .StartTestAsync();

        var only = Assert.Single(await store.LeaseDueAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        Assert.Equal("hello caseworker", Encoding.UTF8.GetString(only.Item.Payload.Span));
    }

    [Fact]
    public async Task A_failed_turn_passes_nothing_on()
    {
        var store = new InMemoryConversationStore();

        await new TestFlow(new ForwardingBot(), store)
            .AnswerFailures()
            .Test("boom", "sorry")
            .StartTestAsync();

        Assert.Equal(0, store.PendingWork);
    }

    [Fact]
    public async Task Erasing_the_conversation_drops_what_its_last_turn_would_have_passed_on_and_what_earlier_turns_left()
    {
        var store = new InMemoryConversationStore();

        await new TestFlow(new ForwardingBot(), store)
            .Test("first", "passed on")
            .Send("forget me")
            .StartTestAsync();

        Assert.Equal(0, store.PendingWork);
        Assert.Equal(0, store.Count);
    }
}
