using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Conversations;

/// <summary>Every activity type a channel sends is either answered or deliberately left unanswered.</summary>
public sealed class ActivityTypeTests
{
    private const string Welcome = "Hola, soy ProtectionBot. Ayudo a personas defensoras de derechos humanos a encontrar mecanismos de protección y formaciones que se ajusten a su situación.";

    [Fact]
    public async Task A_new_member_is_greeted_once_however_often_the_channel_announces_them()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient());

        var first = await bot.JoinAsync();
        var second = await bot.JoinAsync();

        Assert.Equal(Welcome, first[0].Text);
        Assert.Empty(second);
    }

    [Fact]
    public async Task The_bot_being_added_alone_is_not_a_reason_to_speak()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient());

        var replies = await bot.SendAsync(bot.NewActivity(ActivityTypes.ConversationUpdate) with { MembersAdded = [new ChannelAccount { Id = "bot" }] });

        Assert.Empty(replies);
    }

    [Theory]
    [InlineData(ActivityTypes.Typing, null)]
    [InlineData(ActivityTypes.Event, "handoff.status")]
    [InlineData(ActivityTypes.MessageReaction, null)]
    [InlineData(ActivityTypes.InstallationUpdate, "add")]
    public async Task Activities_that_ask_nothing_get_no_answer_and_leave_the_conversation_where_it_was(string type, string? nameOrAction)
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient());
        await bot.SayAsync("hola");

        var activity = bot.NewActivity(type);
        activity = type == ActivityTypes.InstallationUpdate ? activity with { Action = nameOrAction } : activity with { Name = nameOrAction };
        var replies = await bot.SendAsync(activity);
        var next = await bot.SayAsync("Español");

        Assert.Empty(replies);
        Assert.Equal("Antes de empezar: ¿está usted en peligro inmediato en este momento?", next[^1].Text);
    }

    [Theory]
    [InlineData(ActivityTypes.InstallationUpdate, "remove")]
    [InlineData(ActivityTypes.InstallationUpdate, "remove-upgrade")]
    [InlineData(ActivityTypes.DeleteUserData, null)]
    public async Task Uninstalling_the_bot_or_asking_for_erasure_deletes_the_conversation(string type, string? action)
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient());
        await bot.SayAsync("hola");
        var store = app.Services.GetRequiredService<IConversationStore>();
        var key = $"conversation/test/{bot.ConversationId}";
        Assert.NotNull(await store.ReadAsync(key, TestContext.Current.CancellationToken));

        await bot.SendAsync(bot.NewActivity(type) with { Action = action });

        Assert.Null(await store.ReadAsync(key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task End_of_conversation_closes_the_open_question_and_the_next_message_starts_again()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient());
        await bot.SayAsync("hola");

        var ended = await bot.SendAsync(bot.NewActivity(ActivityTypes.EndOfConversation));
        var next = await bot.SayAsync("hola");

        Assert.Empty(ended);
        Assert.Equal(Welcome, next[0].Text);
    }

    [Fact]
    public async Task The_quick_exit_word_erases_the_stored_conversation_at_once()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient());
        await bot.SayAsync("hola");
        await bot.SayAsync("Español");

        var replies = await bot.SayAsync("SALIR");

        Assert.Equal(["Listo. Esta conversación se ha borrado."], replies.Select(r => r.Text));
        Assert.Null(await app.Services.GetRequiredService<IConversationStore>().ReadAsync(TurnProcessor.StateKey(bot.LastSent!), TestContext.Current.CancellationToken));
    }
}
