using System.Net;
using BotProtocol.Testing;
using ProtectionBot.Handoff;
using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// A defender's case goes to a partner's Teams channel and back, end to end over HTTP: the defender on one channel,
/// caseworkers posting to /api/messages as Teams does, the bot's messages landing in a fake Bot Connector.
/// </summary>
public sealed class HandoffTests
{
    [Fact]
    public async Task A_caseworker_accepts_both_sides_talk_through_the_bot_and_the_caseworker_closes()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();

        var sent = await bot.HandOffUrgentlyAsync(defender);
        Assert.Contains(sent, r => r.Text?.StartsWith("Enviado a Desk A.", StringComparison.Ordinal) == true);
        Assert.Contains(sent, r => r.Type == "event" && r.Name == "handoff.initiate");

        await bot.RunQueuedWorkAsync();
        var post = Assert.Single(bot.CasePosts(ChannelA));
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        Assert.StartsWith(ChannelA + ";messageid=", thread, StringComparison.Ordinal);
        Assert.Equal(["Aceptar", "Rechazar"], CardActions(bot.LatestCard(post, thread)));

        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId));
        Assert.Contains(bot.T("handoff.desk.accepted"), bot.TextsSentTo(thread));
        await bot.RunQueuedWorkAsync();
        Assert.Equal("Tomado por Ana Pérez.", CardStatus(bot.LatestCard(post, thread)));
        Assert.Equal(["Cerrar"], CardActions(bot.LatestCard(post, thread)));
        Assert.Contains(bot.T("handoff.accepted", "Ana", "Desk A"), bot.TextsSentTo(defender.ConversationId));

        Assert.Empty(await defender.SayAsync("Me siguen desde ayer"));
        await bot.RunQueuedWorkAsync();
        Assert.Contains("Persona: Me siguen desde ayer", bot.TextsSentTo(thread));

        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", text: "<at>ProtectionBot</at> Hola, ¿está en un lugar seguro?");
        await bot.RunQueuedWorkAsync();
        Assert.Contains("Ana (Desk A): Hola, ¿está en un lugar seguro?", bot.TextsSentTo(defender.ConversationId));

        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("close", caseId));
        await bot.RunQueuedWorkAsync();
        Assert.Contains(bot.T("handoff.closed_by_caseworker", "Ana"), bot.TextsSentTo(defender.ConversationId));
        Assert.Equal("Cerrado.", CardStatus(bot.LatestCard(post, thread)));
        Assert.False(await bot.CaseExistsAsync(caseId));

        // Back with the bot: what the defender writes is no longer relayed.
        var after = await defender.SayAsync("ayuda");
        Assert.NotEmpty(after);
        await bot.RunQueuedWorkAsync();
        Assert.DoesNotContain("Persona: ayuda", bot.TextsSentTo(thread));
    }

    [Fact]
    public async Task Of_two_caseworkers_accepting_at_once_exactly_one_gets_the_case()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = (await CaseIdAsync(bot))!;
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        await Task.WhenAll(
            bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId)),
            bot.CaseworkerAsync(thread, TenantA, ChannelA, "Luis Gómez", value: Button("accept", caseId)));
        await bot.RunQueuedWorkAsync();

        var owner = (await bot.CaseAsync(caseId))!.Owner!;
        var loser = owner.DisplayName == "Ana Pérez" ? "Luis Gómez" : "Ana Pérez";
        var said = bot.TextsSentTo(thread);
        Assert.Single(said, t => t == bot.T("handoff.desk.accepted"));
        Assert.Single(said, t => t == bot.T("handoff.desk.already_taken", owner.DisplayName));
        Assert.Single(bot.TextsSentTo(defender.ConversationId), t => t.Contains("tomó su caso", StringComparison.Ordinal));
        Assert.DoesNotContain(loser, bot.TextsSentTo(defender.ConversationId).Single(t => t.Contains("tomó su caso", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_case_goes_to_the_next_partner_and_the_defender_is_told()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = (await CaseIdAsync(bot))!;
        var first = (await bot.CaseAsync(caseId))!.Posted!;

        await bot.CaseworkerAsync(first.ThreadId, TenantA, ChannelA, "Ana Pérez", value: Button("decline", caseId));
        await bot.RunQueuedWorkAsync();

        Assert.Contains(bot.T("handoff.desk.declined"), bot.TextsSentTo(first.ThreadId));
        Assert.Equal(bot.T("handoff.card.status_declined"), CardStatus(bot.LatestCard(bot.CasePosts(ChannelA).Single(), first.ThreadId)));
        Assert.Single(bot.CasePosts(ChannelB));
        Assert.Contains("La organización que tenía su caso no puede tomarlo, así que lo pasé a otra.", bot.TextsSentTo(defender.ConversationId));
        Assert.Contains(bot.TextsSentTo(defender.ConversationId), t => t.StartsWith("Enviado a Desk B.", StringComparison.Ordinal));
        Assert.Equal(1, (await bot.CaseAsync(caseId))!.OfferIndex);
    }

    [Fact]
    public async Task A_case_nobody_accepts_in_time_moves_on_and_when_nobody_is_left_the_defender_is_told_and_the_case_erased()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = (await CaseIdAsync(bot))!;

        bot.Time.Advance(TimeSpan.FromMinutes(9));
        await bot.RunQueuedWorkAsync();
        Assert.Empty(bot.CasePosts(ChannelB));

        bot.Time.Advance(TimeSpan.FromMinutes(1));
        await bot.RunQueuedWorkAsync();
        Assert.Single(bot.CasePosts(ChannelB));

        bot.Time.Advance(TimeSpan.FromMinutes(10));
        await bot.RunQueuedWorkAsync();
        Assert.Contains(bot.T("handoff.unrouted_urgent"), bot.TextsSentTo(defender.ConversationId));
        Assert.False(await bot.CaseExistsAsync(caseId));
        Assert.Equal(2, bot.Connector.Requests.Count(r => r.Operation == ConnectorOperations.UpdateActivity));
    }

    [Fact]
    public async Task A_card_submit_forged_from_another_tenant_or_a_defenders_chat_is_refused_and_logged_without_personal_data()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = (await CaseIdAsync(bot))!;
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        await bot.CaseworkerAsync(thread, "99999999-9999-4999-8999-999999999999", ChannelA, "Mallory Intruder", value: Button("accept", caseId));
        await bot.CaseworkerAsync("19:elsewhere@thread.tacv2;messageid=1", TenantB, ChannelB, "Mallory Intruder", value: Button("accept", caseId));
        var forged = await bot.NewDefender().SendAsync(bot.NewDefender().NewActivity("message") with
        {
            Value = System.Text.Json.JsonSerializer.SerializeToElement(Button("accept", caseId), Infrastructure.TestJsonContext.Default.DictionaryStringString),
        });
        await bot.RunQueuedWorkAsync();

        Assert.Equal(CaseStatuses.Offered, (await bot.CaseAsync(caseId))!.Status);
        Assert.Contains(bot.T("handoff.desk.refused"), forged.Select(r => r.Text));
        var refusals = bot.App.Logs.Lines.Where(l => l.Contains("[1605]", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.DoesNotContain(refusals, l => l.Contains("Mallory", StringComparison.Ordinal) || l.Contains(caseId, StringComparison.Ordinal) || l.Contains("19:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_app_id_a_teams_message_naming_the_partners_own_channel_cannot_take_the_case()
    {
        // Development without credentials: nothing is signed, so anyone could type the partner's tenant and channel.
        await using var bot = await StartAsync(authenticated: false);
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = (await CaseIdAsync(bot))!;
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        var accept = await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Mallory Intruder", value: Button("accept", caseId));
        var reply = await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Mallory Intruder", text: "<at>ProtectionBot</at> Dígame dónde está");
        await bot.RunQueuedWorkAsync();

        Assert.Equal(HttpStatusCode.OK, accept);
        Assert.Equal(HttpStatusCode.OK, reply);
        Assert.Equal(CaseStatuses.Offered, (await bot.CaseAsync(caseId))!.Status);
        Assert.DoesNotContain(bot.TextsSentTo(defender.ConversationId), t => t.Contains("Dígame", StringComparison.Ordinal));
        Assert.Equal(2, bot.App.Logs.Lines.Count(l => l.Contains("[1605]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_partner_channel_that_answers_the_post_too_late_gets_one_thread_and_its_card_still_takes_the_case()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        // Teams opens the thread, but answers only after the bot stopped waiting.
        bot.Connector.Enqueue(FakeConnectorResponse.Late(TimeSpan.FromSeconds(2)));

        var posting = bot.RunQueuedWorkAsync();
        await bot.Connector.WaitForRequestsAsync(1, TestContext.Current.CancellationToken);
        bot.Time.Advance(TimeSpan.FromSeconds(61));
        await posting;
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        await bot.RunQueuedWorkAsync();
        bot.Time.Advance(TimeSpan.FromMinutes(5));
        await bot.RunQueuedWorkAsync();

        var post = Assert.Single(bot.CasePosts(ChannelA));
        var thread = post.CreatedConversationId!;
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        Assert.Contains(bot.App.Logs.Lines, l => l.Contains("[1617]", StringComparison.Ordinal));

        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId), replyToId: post.CreatedActivityId);
        await bot.RunQueuedWorkAsync();

        Assert.Equal(CaseStatuses.Accepted, (await bot.CaseAsync(caseId))!.Status);
        Assert.Equal("Tomado por Ana Pérez.", CardStatus(bot.LatestCard(post, thread)));
        Assert.Contains(bot.T("handoff.accepted", "Ana", "Desk A"), bot.TextsSentTo(defender.ConversationId));
        Assert.Single(bot.CasePosts(ChannelA));
    }

    [Fact]
    public async Task A_case_whose_post_went_unanswered_and_nobody_took_still_moves_on_to_the_next_partner()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        bot.Connector.Enqueue(FakeConnectorResponse.Error(504, "GatewayTimeout"));

        await bot.RunQueuedWorkAsync();
        bot.Time.Advance(TimeSpan.FromMinutes(11));
        await bot.RunQueuedWorkAsync();

        Assert.Empty(bot.CasePosts(ChannelA));
        Assert.Single(bot.CasePosts(ChannelB));
        Assert.Single(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation && r.ResponseStatus == 504);
    }

    [Fact]
    public async Task Nothing_reaches_a_partner_when_the_defender_sends_nothing_from_the_summary()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await defender.SayAsync("hola");
        await defender.SayAsync(bot.T("interview.language.keep"));
        await defender.SayAsync(bot.T("answer.yes"));
        await defender.SayAsync(bot.T("interview.emergency.partner_yes"));
        await defender.SayAsync(bot.T("interview.consent.yes"));
        await defender.SayAsync("Colombia");

        var replies = await defender.SayAsync(bot.T("handoff.summary.withdraw"));
        await bot.RunQueuedWorkAsync();

        Assert.Contains(bot.T("handoff.summary.withdrawn"), replies.Select(r => r.Text));
        Assert.DoesNotContain(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation);
    }

    [Fact]
    public async Task Quick_exit_withdraws_an_offered_case_its_card_says_so_and_no_partner_is_tried_after()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = (await CaseIdAsync(bot))!;
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        await defender.SayAsync("salir");
        await bot.RunQueuedWorkAsync();
        bot.Time.Advance(TimeSpan.FromHours(1));
        await bot.RunQueuedWorkAsync();

        Assert.False(await bot.CaseExistsAsync(caseId));
        Assert.Equal(bot.T("handoff.card.status_withdrawn"), CardStatus(bot.LatestCard(bot.CasePosts(ChannelA).Single(), thread)));
        Assert.Empty(bot.CasePosts(ChannelB));
    }

    [Fact]
    public async Task A_defender_who_types_the_end_word_returns_to_the_bot_and_the_caseworker_is_told()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = (await CaseIdAsync(bot))!;
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId));
        await bot.RunQueuedWorkAsync();

        var replies = await defender.SayAsync("terminar");
        await bot.RunQueuedWorkAsync();

        Assert.Contains(bot.T("handoff.ended"), replies.Select(r => r.Text));
        Assert.Contains(bot.T("handoff.desk.person_ended"), bot.TextsSentTo(thread));
        Assert.False(await bot.CaseExistsAsync(caseId));
    }

    [Fact]
    public async Task During_a_Teams_outage_the_case_waits_and_is_posted_once_when_it_ends()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        bot.Connector.Enqueue(Enumerable.Repeat(new FakeConnectorResponse(503), 3).ToArray());

        for (var round = 0; round < 3; round++)
        {
            await bot.RunQueuedWorkAsync();
            bot.Time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Empty(bot.CasePosts(ChannelA));

        bot.Time.Advance(TimeSpan.FromMinutes(10));
        await bot.RunQueuedWorkAsync();
        await bot.RunQueuedWorkAsync();
        Assert.Single(bot.CasePosts(ChannelA));
    }

    [Fact]
    public async Task A_restart_between_the_defenders_yes_and_the_post_loses_nothing_and_posts_once()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("protectionbot-restart-").FullName, "bot.db");
        await using var connector = await FakeConnectorService.StartAsync(TestContext.Current.CancellationToken);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        string conversation;
        await using (var before = await StartAsync(connector, database, time))
        {
            var defender = before.NewDefender();
            await before.HandOffUrgentlyAsync(defender);
            conversation = defender.ConversationId;
        }

        await using var after = await StartAsync(connector, database, time);
        await after.RunQueuedWorkAsync();
        await after.RunQueuedWorkAsync();

        Assert.Single(after.CasePosts(ChannelA));
    }

    private static async Task<string?> CaseIdAsync(HandoffHarness bot)
    {
        await Task.CompletedTask;
        var posts = bot.CasePosts(ChannelA);
        var post = posts.Count > 0 ? posts[0] : null;
        return post is null ? null : CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
    }
}
