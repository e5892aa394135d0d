using ProtectionBot.Handoff;
using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// A defender whose case is out asks how it stands, withdraws it without erasing the conversation, and shares who
/// they are after all (case by case, after a confirmation that shows exactly what goes), by typing or by a button.
/// </summary>
public sealed class OwnCaseTests
{
    private const string DefenderNumber = "573209998877";

    [Fact]
    public async Task An_English_defender_asking_in_their_own_words_how_the_case_stands_hears_who_has_it()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender(DefenderStory.English.Locale);
        await DefenderStory.English.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();

        var status = await defender.SayAsync("sorry, how s my case??");

        Assert.StartsWith("Your case is with Desk A; no caseworker has taken it yet.", status[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Spanish_defender_asks_how_the_case_goes_then_withdraws_it_and_the_chat_stays()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.Spanish;
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();
        var post = bot.CasePosts(ChannelA).Single();
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        var status = await defender.SayAsync("hola, como va mi caso??");
        Assert.Equal("Su caso está con Desk A; todavía nadie lo ha tomado. Normalmente escriben en un plazo de una hora, y le avisaré aquí en cuanto alguien lo tome.", status[0].Text);
        Assert.Equal(["Retirar mi caso"], status[0].SuggestedActions!.Actions.Select(a => a.Title));

        var asked = await defender.SayAsync("Retirar mi caso");
        Assert.Equal("¿Retiro su caso de Desk A? Se les avisará, y nadie tendrá ya sus respuestas. Este chat sigue como está.", asked[0].Text);
        Assert.Equal(["Sí, retirarlo", "No, mantenerlo"], asked[0].SuggestedActions!.Actions.Select(a => a.Title));
        var withdrawn = await defender.SayAsync("si");
        await bot.RunQueuedWorkAsync();

        Assert.Equal("Su caso está retirado: Desk A ya no lo tiene. Este chat sigue aquí; escriba «reiniciar» si quiere empezar de nuevo.", withdrawn[0].Text);
        Assert.Contains(withdrawn, r => r.Name == "handoff.status" && r.Value!.Value.GetProperty("state").GetString() == "completed");
        Assert.False(await bot.CaseExistsAsync(caseId));
        Assert.Equal("Retirado por la persona.", CardStatus(bot.LatestCard(post, thread)));
        Assert.Equal(["Ahora no tiene ningún caso con una organización aliada."], (await defender.SayAsync("y mi caso? como va mi caso")).Select(r => r.Text));
        Assert.NotEmpty(await defender.SayAsync("ayuda"));
        bot.Time.Advance(TimeSpan.FromHours(2));
        await bot.RunQueuedWorkAsync();
        Assert.Empty(bot.CasePosts(ChannelB));
    }

    [Fact]
    public async Task A_defender_who_keeps_the_case_after_all_is_told_it_stays()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.English;
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();

        await defender.SayAsync("please cancel my case");
        var kept = await defender.SayAsync("no, keep it");

        Assert.Equal("All right, your case stays with Desk A.", kept[0].Text);
        Assert.Equal(CaseStatuses.Offered, (await bot.CaseAsync(CaseIdOn(bot.CasePosts(ChannelA).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value)))!.Status);
    }

    [Fact]
    public async Task A_French_defender_who_stayed_anonymous_shares_their_name_while_the_case_waits_and_the_card_shows_it()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.French;
        var defender = bot.NewDefender(story.Locale, "Jean-Baptiste");
        await story.TellAndSendAsync(defender);
        await defender.SayAsync("non");
        await bot.RunQueuedWorkAsync();
        var post = bot.CasePosts(ChannelB).Single();
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        Assert.Contains("La personne a choisi l'anonymat : écrivez-lui dans ce fil.", CaseworkerDeskTests.CardTexts(bot.LatestCard(post, thread)));

        var asked = await defender.SayAsync("finalement je veux partager mon nom");
        Assert.Equal("Partager ceci avec Desk B ? L'organisation recevrait :\nNom : Jean-Baptiste\nRien d'autre sur vous n'est partagé.", asked[0].Text);
        var shared = await defender.SayAsync("oui");
        await bot.RunQueuedWorkAsync();

        Assert.Equal("Partagé avec Desk B.", shared[0].Text);
        var card = bot.LatestCard(post, thread);
        Assert.Contains("Nom : Jean-Baptiste", CaseworkerDeskTests.CardTexts(card));
        Assert.Equal(["Accepter", "Refuser"], CardActions(card));
    }

    [Fact]
    public async Task An_English_defender_taps_Share_my_name_while_talking_with_the_caseworker_who_is_then_told()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.English;
        var defender = bot.NewDefender(story.Locale, "Camila Rojas");
        await story.TellAndSendAsync(defender);
        await defender.SayAsync("no");
        await bot.RunQueuedWorkAsync();
        var post = bot.CasePosts(ChannelA).Single();
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId));
        await bot.RunQueuedWorkAsync();
        var accepted = bot.Connector.Requests.Last(r => r.ConversationId == defender.ConversationId && r.Activity?.Type == "message").Activity!;
        Assert.Equal(["Share my name"], accepted.SuggestedActions!.Actions.Select(a => a.Title));

        var asked = await defender.SayAsync("Share my name");
        Assert.Equal("Share this with Desk A? They would receive:\nName: Camila Rojas\nNothing else about you is shared.", asked[0].Text);
        // Words that answer nothing go to the caseworker, and the question is dropped.
        await defender.SayAsync("wait, I am thinking");
        Assert.Equal(["Share this with Desk A? They would receive:\nName: Camila Rojas\nNothing else about you is shared."], (await defender.SayAsync("share my name")).Select(r => r.Text));
        var shared = await defender.SayAsync("yes");
        await bot.RunQueuedWorkAsync();

        Assert.Equal("Shared with Desk A.", shared[0].Text);
        var inThread = bot.TextsSentTo(thread);
        Assert.Contains("Person: wait, I am thinking", inThread);
        Assert.Contains("The person has chosen to share how to reach them:\nName: Camila Rojas", inThread);
        Assert.DoesNotContain(inThread, t => t.Contains("Share my name", StringComparison.Ordinal));
        var card = bot.LatestCard(post, thread);
        Assert.Contains("Name: Camila Rojas", CaseworkerDeskTests.CardTexts(card));
        Assert.Equal(["Close"], CardActions(card));
    }

    [Fact]
    public async Task On_WhatsApp_a_number_shared_while_the_case_waits_reaches_the_caseworker_who_accepts()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        await ana.SaysAsync("hola");
        var defender = bot.Phone(DefenderNumber);
        await DefenderStory.Spanish.TellAsync(defender);
        await defender.SaysAsync("enviarlo");
        await defender.SaysAsync("no");
        await bot.RunQueuedWorkAsync();
        Assert.DoesNotContain("Teléfono: +573209998877", ana.Heard.Single(m => m.IsButtons).Text.Split('\n'));

        var asked = await defender.SaysAsync("quiero compartir mi numero");
        Assert.Equal("¿Comparto esto con Desk A? Recibiría:\nTeléfono: +573209998877\nNo se comparte nada más sobre usted.", asked[0].Text);
        Assert.Equal("Compartido con Desk A.", (await defender.SaysAsync("sí"))[0].Text);
        await ana.TapsAsync(bot.T("handoff.card.accept"));

        Assert.Contains(ana.Heard, m => m.Text.Split('\n').Contains("Teléfono: +573209998877"));
    }
}
