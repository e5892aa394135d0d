using System.Net;
using BotProtocol.Testing;
using ProtectionBot.Handoff;
using ProtectionBot.Tests.Channels.WhatsApp;
using static ProtectionBot.Tests.Handoff.HandoffHarness;
using ProtectionBot.Handoff.WhatsApp;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// A partner whose caseworkers take cases on WhatsApp, end to end over HTTP: defenders on a Bot Framework channel (the
/// fake Connector) or on WhatsApp, caseworkers' phones posting signed webhooks to /api/whatsapp, the bot's messages
/// landing in the fake Graph API, which refuses free-form messages outside a number's 24-hour window.
/// </summary>
public sealed class WhatsAppDeskTests
{
    private const string DefenderNumber = "573209998877";

    [Fact]
    public async Task A_caseworker_on_WhatsApp_accepts_inside_the_window_talks_with_a_Bot_Framework_defender_and_closes_the_case()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        var luis = bot.Phone(LuisNumber);
        // Ana wrote to the bot this morning, so her window is open; a caseworker's number is never interviewed.
        var hello = await ana.SaysAsync("hola");
        Assert.Equal(bot.T("handoff.desk.wa_help", "Desk A"), Assert.Single(hello).Text);

        var defender = bot.NewDefender();
        var sent = await bot.HandOffUrgentlyAsync(defender);
        Assert.Contains(sent, r => r.Text?.StartsWith("Enviado a Desk A.", StringComparison.Ordinal) == true);
        await bot.RunQueuedWorkAsync();

        var offer = Assert.Single(ana.Heard, m => m.IsButtons);
        Assert.Equal([bot.T("handoff.card.accept"), bot.T("handoff.card.decline")], offer.Titles);
        var told = string.Join("\n", ana.Heard.Skip(1).Select(m => m.Text));
        Assert.Contains(bot.T("handoff.card.title_urgent"), told, StringComparison.Ordinal);
        Assert.Contains("País: Colombia", told, StringComparison.Ordinal);
        Assert.Contains(bot.T("handoff.whatsapp.anonymous"), told, StringComparison.Ordinal);
        var caseId = CasePayload.Parse(offer.Options[0].Id)!.CaseId;
        // Luis never wrote: only a template reaches him.
        Assert.Equal("caso_nuevo", Assert.Single(luis.Heard).TemplateName);

        var accepted = await ana.TapsAsync(bot.T("handoff.card.accept"));
        Assert.Equal(bot.T("handoff.desk.wa_accepted", CasePayload.Reference(caseId)), accepted[^1].Text);
        Assert.Equal([bot.T("handoff.desk.wa_close")], accepted[^1].Titles);
        await bot.RunQueuedWorkAsync();
        Assert.Contains(bot.T("handoff.accepted", "Ana", "Desk A"), bot.TextsSentTo(defender.ConversationId));
        // That a colleague took it is not worth a template: Luis hears it if he taps Accept.
        Assert.Single(luis.Heard);

        Assert.Empty(await defender.SayAsync("Me siguen desde ayer"));
        await bot.RunQueuedWorkAsync();
        Assert.Equal("Persona: Me siguen desde ayer", ana.Heard[^1].Text);

        Assert.Empty(await ana.SaysAsync("Hola, ¿está en un lugar seguro?"));
        Assert.Contains("Ana (Desk A): Hola, ¿está en un lugar seguro?", bot.TextsSentTo(defender.ConversationId));

        var closed = await ana.SaysAsync("Cerrar caso");
        Assert.Equal(bot.T("handoff.desk.closed"), Assert.Single(closed).Text);
        Assert.Contains(bot.T("handoff.closed_by_caseworker", "Ana"), bot.TextsSentTo(defender.ConversationId));
        Assert.False(await bot.CaseExistsAsync(caseId));

        // Ana has no case now: what she writes goes nowhere, and the defender is back with the bot.
        await ana.SaysAsync("¿Sigue ahí?");
        Assert.DoesNotContain(bot.TextsSentTo(defender.ConversationId), t => t.Contains("¿Sigue ahí?", StringComparison.Ordinal));
        await defender.SayAsync("ayuda");
        await bot.RunQueuedWorkAsync();
        Assert.DoesNotContain(ana.Heard, m => m.Text == "Persona: ayuda");
        Assert.Empty(bot.CasePosts(ChannelA));
    }

    [Fact]
    public async Task A_defender_on_WhatsApp_and_a_caseworker_on_WhatsApp_talk_and_the_caseworker_never_sees_the_defenders_number()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        await ana.SaysAsync("hola");
        var defender = bot.Phone(DefenderNumber);

        await defender.SaysAsync("hola");
        await defender.TapsAsync(bot.T("interview.language.keep"));
        await defender.TapsAsync(bot.T("answer.yes"));
        await defender.TapsAsync(bot.T("interview.emergency.partner_yes"));
        await defender.TapsAsync(bot.T("interview.consent.yes"));
        await defender.SaysAsync("Colombia");
        await defender.TapsAsync(bot.T("handoff.summary.share"));
        var sent = await defender.TapsAsync(bot.T("handoff.contact.no"));
        Assert.Contains(sent, m => m.Text.StartsWith("Enviado a Desk A.", StringComparison.Ordinal));
        await bot.RunQueuedWorkAsync();

        await ana.TapsAsync(bot.T("handoff.card.accept"));
        await bot.RunQueuedWorkAsync();
        Assert.Contains(defender.Heard, m => m.Text == bot.T("handoff.accepted", "Ana", "Desk A"));

        await defender.SaysAsync("Estoy en casa de una amiga");
        Assert.Equal("Persona: Estoy en casa de una amiga", ana.Heard[^1].Text);
        await ana.SaysAsync("Bien. Le llamo en una hora si usted quiere.");
        Assert.Equal("Ana (Desk A): Bien. Le llamo en una hora si usted quiere.", defender.Heard[^1].Text);

        await defender.SaysAsync("terminar");
        Assert.Equal(bot.T("handoff.desk.person_ended"), ana.Heard[^1].Text);

        var toCaseworkers = bot.Graph!.Requests.Where(r => (string?)r.Body?["to"] is AnaNumber or LuisNumber).ToList();
        Assert.NotEmpty(toCaseworkers);
        Assert.DoesNotContain(toCaseworkers, r => r.Body!.ToJsonString().Contains(DefenderNumber, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.App.Logs.Lines, l => l.Contains(DefenderNumber, StringComparison.Ordinal) || l.Contains(AnaNumber, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_the_window_the_caseworker_gets_a_template_without_personal_data_and_its_Accept_button_takes_the_case()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();

        var template = Assert.Single(ana.Heard);
        Assert.Equal("template", template.Type);
        Assert.Equal("caso_nuevo", template.TemplateName);
        var caseId = CasePayload.Parse(template.QuickReplyPayloads[0])!.CaseId;
        Assert.Equal([bot.T("handoff.whatsapp.urgency.immediate"), CasePayload.Reference(caseId)], template.TemplateParameters);
        Assert.Equal([$"handoff:accept:{caseId}:0", $"handoff:decline:{caseId}:0"], template.QuickReplyPayloads);
        Assert.DoesNotContain("Colombia", template.Body.ToJsonString(), StringComparison.Ordinal);

        var heard = await ana.TapsTemplateButtonAsync(template.QuickReplyPayloads[0], bot.T("handoff.card.accept"));

        // The template said nothing: the summary comes now, then the caseworker's Close button.
        Assert.Contains(heard, m => m.Text.Contains("País: Colombia", StringComparison.Ordinal));
        Assert.Equal(bot.T("handoff.desk.wa_accepted", CasePayload.Reference(caseId)), heard[^1].Text);
        await bot.RunQueuedWorkAsync();
        Assert.Contains(bot.T("handoff.accepted", "Ana", "Desk A"), bot.TextsSentTo(defender.ConversationId));
        Assert.Equal(CaseStatuses.Accepted, (await bot.CaseAsync(caseId))!.Status);
    }

    [Fact]
    public async Task A_message_for_a_caseworker_whose_window_closed_waits_and_one_reminder_asks_them_to_reopen_the_chat()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        await ana.SaysAsync("hola");
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        await ana.TapsAsync(bot.T("handoff.card.accept"));
        await bot.RunQueuedWorkAsync();
        var caseId = CasePayload.Parse(ana.Heard.Single(m => m.IsButtons && m.Options.Count == 2).Options[0].Id)!.CaseId;

        bot.Time.Advance(TimeSpan.FromHours(25));
        await defender.SayAsync("¿Sigue ahí?");
        await defender.SayAsync("Necesito hablar");
        for (var round = 0; round < 3; round++)
        {
            await bot.RunQueuedWorkAsync();
            bot.Time.Advance(TimeSpan.FromMinutes(11));
        }

        var reminder = Assert.Single(ana.Heard, m => m.Type == "template");
        Assert.Equal("caso_novedades", reminder.TemplateName);
        Assert.Equal([CasePayload.Reference(caseId)], reminder.TemplateParameters);
        Assert.DoesNotContain(ana.Heard, m => m.Text.StartsWith("Persona:", StringComparison.Ordinal));

        var reopened = await ana.TapsTemplateButtonAsync(reminder.QuickReplyPayloads[0], "Abrir");
        Assert.Contains(reopened, m => m.Text == bot.T("handoff.desk.wa_reopened", CasePayload.Reference(caseId)));
        bot.Time.Advance(TimeSpan.FromMinutes(11));
        await bot.RunQueuedWorkAsync();
        Assert.Equal(["Persona: ¿Sigue ahí?", "Persona: Necesito hablar"], ana.Heard.Where(m => m.Text.StartsWith("Persona:", StringComparison.Ordinal)).Select(m => m.Text));
    }

    [Fact]
    public async Task Of_two_caseworkers_of_one_partner_accepting_at_once_on_WhatsApp_exactly_one_gets_the_case()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        var luis = bot.Phone(LuisNumber);
        await ana.SaysAsync("hola");
        await luis.SaysAsync("hola");
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = CasePayload.Parse(ana.Heard.Single(m => m.IsButtons).Options[0].Id)!.CaseId;

        await Task.WhenAll(ana.TapsAsync(bot.T("handoff.card.accept")), luis.TapsAsync(bot.T("handoff.card.accept")));
        await bot.RunQueuedWorkAsync();

        var owner = (await bot.CaseAsync(caseId))!.Owner!;
        var (winner, loser) = owner.UserId == AnaNumber ? (ana, luis) : (luis, ana);
        Assert.Equal(owner.UserId == AnaNumber ? "Ana Pérez" : "Luis Gómez", owner.DisplayName);
        Assert.Single(winner.Heard, m => m.Text == bot.T("handoff.desk.wa_accepted", CasePayload.Reference(caseId)));
        Assert.DoesNotContain(loser.Heard, m => m.Text == bot.T("handoff.desk.wa_accepted", CasePayload.Reference(caseId)));
        Assert.Contains(loser.Heard, m => m.Text == bot.T("handoff.desk.already_taken", owner.DisplayName)
            || m.Text == bot.T("handoff.desk.wa_taken", CasePayload.Reference(caseId), owner.DisplayName));
        Assert.Single(bot.TextsSentTo(defender.ConversationId), t => t.Contains("tomó su caso", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_accept_forged_from_an_unregistered_number_or_another_partners_Teams_channel_is_refused_and_logged_without_the_number()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = CasePayload.Parse(bot.Phone(AnaNumber).Heard.Single().QuickReplyPayloads[0])!.CaseId;
        const string Intruder = "34600000000";

        var heard = await bot.Phone(Intruder).TapsTemplateButtonAsync($"handoff:accept:{caseId}:0", "Aceptar");
        var typed = await bot.Phone(Intruder).SaysAsync($"handoff:close:{caseId}:0");
        Assert.Equal(HttpStatusCode.OK,
            await bot.CaseworkerAsync("19:desk-b@thread.tacv2;messageid=7", TenantB, ChannelB, "Mallory Intruder", value: Button("accept", caseId)));
        await bot.RunQueuedWorkAsync();

        Assert.Equal(CaseStatuses.Offered, (await bot.CaseAsync(caseId))!.Status);
        Assert.Contains(heard.Concat(typed), m => m.Text == bot.Texts.Get("es", "handoff.desk.refused") || m.Text == bot.Texts.Get("en", "handoff.desk.refused"));
        var refusals = bot.App.Logs.Lines.Where(l => l.Contains("[1605]", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.DoesNotContain(bot.App.Logs.Lines, l => l.Contains(Intruder, StringComparison.Ordinal) || l.Contains("Mallory", StringComparison.Ordinal));
        Assert.DoesNotContain(refusals, l => l.Contains(caseId, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.TextsSentTo(defender.ConversationId), t => t.Contains("tomó su caso", StringComparison.Ordinal));
    }

    [Fact]
    public async Task During_a_WhatsApp_outage_the_caseworkers_are_told_once_when_it_ends()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        var luis = bot.Phone(LuisNumber);
        await ana.SaysAsync("hola");
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        bot.Graph!.FailNextSends([.. Enumerable.Repeat(new FakeGraphError(503, 131000, "Something went wrong"), 3)]);

        for (var round = 0; round < 3; round++)
        {
            await bot.RunQueuedWorkAsync();
            bot.Time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(3, bot.Graph.Requests.Count(r => r.Status == 503));
        Assert.DoesNotContain(ana.Heard, m => m.IsButtons);

        for (var round = 0; round < 3; round++)
        {
            bot.Time.Advance(TimeSpan.FromMinutes(1));
            await bot.RunQueuedWorkAsync();
        }
        Assert.Single(ana.Heard, m => m.IsButtons);
        Assert.Single(luis.Heard, m => m.Type == "template");
        var caseId = CasePayload.Parse(ana.Heard.Single(m => m.IsButtons).Options[0].Id)!.CaseId;
        Assert.Equal(2, (await bot.CaseAsync(caseId))!.Notified.Count);

        // The accept clock started with the notification: the on-call wait, then the next partner.
        bot.Time.Advance(TimeSpan.FromMinutes(11));
        await bot.RunQueuedWorkAsync();
        Assert.Single(bot.CasePosts(ChannelB));
    }
}
