using BotProtocol.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ProtectionBot.Storage;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Storage;

/// <summary>The privacy notice says answers are erased after 30 days; this is that promise kept.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task A_conversation_left_for_thirty_days_is_erased_and_the_next_hello_starts_afresh()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = new BotApplication(services: s => s.AddSingleton<TimeProvider>(time));
        var bot = new BotClient(app.CreateClient());
        await bot.SayAsync("hola");
        await bot.SayAsync("Sí, en español");
        var key = $"conversation/test/{bot.ConversationId}";
        var store = app.Services.GetRequiredService<IConversationStore>();
        Assert.NotNull(await store.ReadAsync(key, TestContext.Current.CancellationToken));

        time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var erased = await Sweep(app).SweepAsync(TestContext.Current.CancellationToken);

        Assert.Null(await store.ReadAsync(key, TestContext.Current.CancellationToken));
        Assert.True(erased <= 1);
        var replies = await bot.SayAsync("hola");
        Assert.Equal("¿Seguimos en español?", replies[^1].Text);
    }

    [Fact]
    public async Task A_conversation_still_going_on_is_kept()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = new BotApplication(services: s => s.AddSingleton<TimeProvider>(time));
        var bot = new BotClient(app.CreateClient());
        await bot.SayAsync("hola");
        time.Advance(TimeSpan.FromDays(29));
        await bot.SayAsync("Sí, en español");
        time.Advance(TimeSpan.FromDays(2));

        await Sweep(app).SweepAsync(TestContext.Current.CancellationToken);

        var store = app.Services.GetRequiredService<IConversationStore>();
        Assert.NotNull(await store.ReadAsync($"conversation/test/{bot.ConversationId}", TestContext.Current.CancellationToken));
    }

    private static RetentionSweep Sweep(BotApplication app) =>
        app.Services.GetServices<IHostedService>().OfType<RetentionSweep>().Single();
}
