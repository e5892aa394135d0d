using System.Text.Json;
using BotProtocol.Schema;
using ProtectionBot.Tests.Infrastructure;
using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// The Bot Framework handoff convention on the defender's channel: the bot sends <c>handoff.status</c> (accepted,
/// completed, failed) as the handoff goes, and honours one an agent hub on that channel sends.
/// </summary>
public sealed class HandoffStatusTests
{
    [Fact]
    public async Task The_defenders_channel_hears_accepted_when_a_caseworker_takes_the_case_and_completed_when_they_close_it()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = CaseIdOn(bot.CasePosts(ChannelA).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId));
        await bot.RunQueuedWorkAsync();
        Assert.Equal(["accepted"], bot.StatusesSentTo(defender.ConversationId));

        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("close", caseId));
        await bot.RunQueuedWorkAsync();
        Assert.Equal(["accepted", "completed"], bot.StatusesSentTo(defender.ConversationId));
    }

    [Fact]
    public async Task A_French_case_nobody_takes_ends_with_failed()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.French;
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();

        bot.Time.Advance(TimeSpan.FromMinutes(31));
        await bot.RunQueuedWorkAsync();

        Assert.Equal(["failed"], bot.StatusesSentTo(defender.ConversationId));
    }

    [Fact]
    public async Task An_English_defender_who_types_end_hears_completed_with_the_goodbye()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.English;
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = CaseIdOn(bot.CasePosts(ChannelA).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        await bot.CaseworkerAsync((await bot.CaseAsync(caseId))!.Posted!.ThreadId, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId));
        await bot.RunQueuedWorkAsync();

        var replies = await defender.SayAsync("end");

        Assert.Equal("You have ended the conversation with the caseworker, who has been told. You are back with the bot.", replies[0].Text);
        Assert.Equal(("event", "handoff.status", "completed"), (replies[1].Type, replies[1].Name, replies[1].Value!.Value.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task When_the_channels_agent_hub_takes_the_conversation_the_waiting_case_is_withdrawn_and_the_bot_stays_quiet_until_the_hub_is_done()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.English;
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();
        var post = bot.CasePosts(ChannelA).Single();
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        Assert.Empty(await HubSaysAsync(defender, "accepted"));
        await bot.RunQueuedWorkAsync();
        Assert.False(await bot.CaseExistsAsync(caseId));
        Assert.Equal("Withdrawn: the person is already talking with another support team.", CardStatus(bot.LatestCard(post, thread)));
        Assert.Empty(await defender.SayAsync("hello? is someone there"));

        var back = await HubSaysAsync(defender, "completed");
        Assert.Equal(["The conversation with the support team has ended. You are back with the bot."], back.Select(r => r.Text));
        Assert.NotEmpty(await defender.SayAsync("help"));
    }

    [Fact]
    public async Task A_hub_status_cannot_take_the_conversation_from_a_partners_caseworker_and_a_malformed_one_changes_nothing()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = CaseIdOn(bot.CasePosts(ChannelA).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId));
        await bot.RunQueuedWorkAsync();

        Assert.Empty(await HubSaysAsync(defender, "accepted"));
        Assert.Empty(await HubSaysAsync(defender, "a maybe"));
        Assert.Empty(await defender.SendAsync(defender.NewActivity(ActivityTypes.Event) with { Name = "handoff.status", Value = JsonSerializer.SerializeToElement("completed", ProtocolJsonContext.Default.String) }));
        Assert.Empty(await defender.SayAsync("sigo aquí"));
        await bot.RunQueuedWorkAsync();

        Assert.Contains("Persona: sigo aquí", bot.TextsSentTo(thread));
        Assert.Equal(3, bot.App.Logs.Lines.Count(l => l.Contains("[1613]", StringComparison.Ordinal) && l.Contains("nothing to change", StringComparison.Ordinal)));
    }

    /// <summary>What an agent hub on the defender's channel posts: an event <c>handoff.status</c> with the convention's value.</summary>
    private static Task<IReadOnlyList<Activity>> HubSaysAsync(BotClient defender, string state) =>
        defender.SendAsync(defender.NewActivity(ActivityTypes.Event) with
        {
            Name = "handoff.status",
            Value = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["state"] = state }, TestJsonContext.Default.DictionaryStringString),
        });
}
