using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Testing;
using BotProtocol.Turns;

namespace BotProtocol.Tests.Turns;

public sealed class RedeliveryTests
{
    /// <summary>Answers every message with a count, so a turn run twice would show.</summary>
    private sealed class CountingBot : IBot
    {
        public int Turns { get; private set; }

        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            turn.SendText($"{turn.Activity.Text} #{++Turns}");
            return Task.CompletedTask;
        }

        public Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task The_last_activity_redelivered_gets_its_replies_again_and_does_not_run_twice()
    {
        var bot = new CountingBot();

        await new TestFlow(bot)
            .Test("hola", "hola #1")
            .Test("Colombia", "Colombia #2")
            .Redeliver("Colombia")
            .AssertTurn(turn => Assert.True(turn.IsRedelivery))
            .AssertReply("Colombia #2")
            .StartTestAsync();

        Assert.Equal(2, bot.Turns);
    }

    [Fact]
    public async Task An_older_activity_redelivered_is_recognised_but_its_replies_are_not_kept()
    {
        var bot = new CountingBot();
        var flow = new TestFlow(bot);

        await flow
            .Test("hola", "hola #1")
            .Test("Colombia", "Colombia #2")
            .Redeliver("hola")
            .AssertTurn(turn => Assert.True(turn.IsRedelivery))
            .AssertNoReply()
            .StartTestAsync();

        Assert.Equal(2, bot.Turns);
        var state = await StoredStateAsync(flow);
        Assert.Equal(["1", "2"], state.Answered.Select(a => a.Id));
        Assert.Empty(state.Answered[0].Replies);
        Assert.Equal("Colombia #2", Assert.Single(state.Answered[1].Replies).Text);
    }

    private static async Task<ConversationState> StoredStateAsync(TestFlow flow)
    {
        var key = TurnProcessor.StateKey(new Activity { ChannelId = flow.ChannelId, Conversation = new ConversationAccount { Id = flow.ConversationId } });
        var stored = await flow.Store.ReadAsync(key, CancellationToken.None);
        return JsonSerializer.Deserialize(stored!.Data.Span, ProtocolJsonContext.Default.ConversationState)!;
    }
}
