using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// The question that asks a defender whether to share who they are shows the very lines a caseworker then receives,
/// on each channel: the number on WhatsApp (never a name, which the bot does not read there), the name elsewhere, and
/// nothing at all where the channel gives neither.
/// </summary>
public sealed class ContactConsentTests
{
    private const string DefenderNumber = "573209998877";

    [Fact]
    public async Task On_WhatsApp_the_defender_agrees_to_share_their_number_and_the_caseworker_receives_that_number_and_nothing_else()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        await ana.SaysAsync("hola");
        var defender = bot.Phone(DefenderNumber);

        var summary = await DefenderStory.Spanish.TellAsync(defender);
        Assert.Contains(summary, m => m.Text.EndsWith("Su número de teléfono no se comparte, salvo que lo elija en la siguiente pregunta.", StringComparison.Ordinal));
        var question = Assert.Single(await defender.SaysAsync("enviarlo"));
        Assert.Equal("¿Quiere compartir también su número de teléfono para que la persona de acompañamiento pueda llamarle? Recibiría:\nTeléfono: +573209998877\nSi no, le escribe aquí sin ver su número.",
            question.Text);
        await defender.SaysAsync("si, compartirlo");
        await bot.RunQueuedWorkAsync();

        var offer = Assert.Single(ana.Heard, m => m.IsButtons);
        var offered = offer.Text.Split('\n');
        Assert.Contains("Teléfono: +573209998877", offered);
        Assert.DoesNotContain(offered, l => l.StartsWith("Nombre:", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Texts.Get("es", "handoff.whatsapp.anonymous"), offered);
    }

    [Theory]
    [InlineData("en", "Camila Rojas", "Do you also want to share your name so the caseworker knows who you are? They would receive:\nName: Camila Rojas\nIf not, they write to you here without knowing it.", "yes share it", "Name: Camila Rojas")]
    [InlineData("fr", "Jean-Baptiste", "Voulez-vous aussi partager votre nom pour que la personne chargée du suivi sache qui vous êtes ? Elle recevrait :\nNom : Jean-Baptiste\nSinon, elle vous écrit ici sans le connaître.", "oui", "Nom : Jean-Baptiste")]
    public async Task Where_the_channel_shows_a_name_the_defender_is_asked_about_that_name_and_the_card_shows_it(
        string language, string name, string expectedQuestion, string answer, string expectedLine)
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.In(language);
        var defender = bot.NewDefender(story.Locale, name);

        await story.TellAsync(defender);
        var question = Assert.Single(await defender.SayAsync(story.Send));
        Assert.Equal(expectedQuestion, question.Text);
        await defender.SayAsync(answer);
        await bot.RunQueuedWorkAsync();

        var card = bot.CasePosts(story.DeskChannel).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value;
        var texts = CaseworkerDeskTests.CardTexts(card);
        Assert.Contains(expectedLine, texts);
        Assert.DoesNotContain(texts, t => t.StartsWith(language == "fr" ? "Téléphone" : "Phone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_defender_who_says_no_stays_anonymous_on_the_card()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.Spanish;
        var defender = bot.NewDefender(story.Locale, "Camila Rojas");

        await story.TellAndSendAsync(defender);
        await defender.SayAsync("no, prefiero no");
        await bot.RunQueuedWorkAsync();

        var texts = CaseworkerDeskTests.CardTexts(bot.CasePosts(story.DeskChannel).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        Assert.Contains("La persona eligió el anonimato: escríbele en este hilo.", texts);
        Assert.DoesNotContain(texts, t => t.Contains("Camila", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Where_the_channel_gives_neither_name_nor_number_the_summary_says_so_and_nothing_more_is_asked()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.English;
        var defender = bot.NewDefender(story.Locale);

        var summary = await story.TellAsync(defender);
        Assert.Contains(summary, r => r.Text?.EndsWith("This chat does not tell me your name or your number, so the organisation will not know who you are unless you tell them.", StringComparison.Ordinal) == true);
        var sent = await defender.SayAsync(story.Send);

        Assert.StartsWith("Sent to Desk A.", sent[0].Text, StringComparison.Ordinal);
    }
}
