using System.Text.Json.Nodes;
using BotProtocol.Schema;
using BotProtocol.Testing;
using ProtectionBot.Tests.Channels.WhatsApp;
using ProtectionBot.Tests.Infrastructure;
using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// A photo, a voice note or a document sent while a caseworker has the case: passed on only after a yes for that
/// file, where the desk's channel can carry it (a WhatsApp media id to a WhatsApp caseworker, a web address into a
/// Teams thread); otherwise, and when the desk's channel refuses it later, the defender hears that it was not and why.
/// </summary>
public sealed class FileForwardingTests
{
    private const string DefenderNumber = "573209998877";

    [Fact]
    public async Task On_WhatsApp_a_photo_the_defender_agrees_to_pass_on_reaches_the_caseworker_by_its_media_id_and_a_voice_note_they_keep_does_not()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var (ana, defender) = await WhatsAppToWhatsAppAsync(bot);

        var asked = await defender.SendsAsync(Media("image", "3000000000000001", "image/jpeg", caption: "la camioneta que me sigue"));
        Assert.Equal("¿Le paso esta foto a la persona de acompañamiento de Desk A? Verá el archivo tal cual, y nada más sobre usted. Los archivos pueden llevar datos ocultos, como el lugar donde se tomó una foto.",
            asked.Single().Text);
        Assert.Equal(["Sí, pasarlo", "No, guardarlo"], asked.Single().Titles);
        Assert.Equal("Se lo paso a la persona de acompañamiento de Desk A.", (await defender.TapsAsync("Sí, pasarlo")).Single().Text);
        await bot.RunQueuedWorkAsync();
        // The photo follows its note a second later.
        bot.Time.Advance(TimeSpan.FromSeconds(1));
        await bot.RunQueuedWorkAsync();

        Assert.Equal("La persona envió esta foto:", ana.Heard[^2].Text);
        var photo = ana.Heard[^1].Body;
        Assert.Equal("image", (string?)photo["type"]);
        Assert.Equal("3000000000000001", (string?)photo["image"]!["id"]);
        Assert.Equal("Persona: la camioneta que me sigue", (string?)photo["image"]!["caption"]);
        Assert.Null(photo["image"]!["link"]);

        var heardBefore = ana.Heard.Count;
        await defender.SendsAsync(Media("audio", "3000000000000002", "audio/ogg; codecs=opus", voice: true));
        Assert.Equal("De acuerdo, no se lo paso.", (await defender.SaysAsync("no, mejor no")).Single().Text);
        await bot.RunQueuedWorkAsync();
        Assert.Equal(heardBefore, ana.Heard.Count);
    }

    [Fact]
    public async Task On_WhatsApp_a_file_of_a_type_WhatsApp_does_not_send_is_not_offered_and_the_defender_hears_why()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var (ana, defender) = await WhatsAppToWhatsAppAsync(bot);
        var heardBefore = ana.Heard.Count;

        var told = await defender.SendsAsync(Media("document", "3000000000000003", "application/zip", filename: "pruebas.zip"));
        await bot.RunQueuedWorkAsync();

        Assert.Equal("No le pasé el documento «pruebas.zip» a la persona de acompañamiento: WhatsApp no permite al bot pasar este tipo de archivo. Puede contarle con palabras lo que muestra.",
            told.Single().Text);
        Assert.Equal(heardBefore, ana.Heard.Count);
    }

    [Fact]
    public async Task A_WhatsApp_photo_for_a_caseworker_in_Teams_is_not_passed_on_and_the_defender_hears_why()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var ana = bot.Phone(AnaNumber);
        await ana.SaysAsync("hola");
        var defender = bot.Phone(DefenderNumber);
        await DefenderStory.Spanish.TellAsync(defender);
        await defender.SaysAsync("enviarlo");
        await defender.SaysAsync("no");
        await bot.RunQueuedWorkAsync();
        await ana.TapsAsync(bot.T("handoff.card.decline"));
        await bot.RunQueuedWorkAsync();
        var caseId = CaseIdOn(bot.CasePosts(ChannelB).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        await bot.CaseworkerAsync(thread, TenantB, ChannelB, "Marie Dupont", value: Button("accept", caseId, "1"));
        await bot.RunQueuedWorkAsync();

        var told = await defender.SendsAsync(Media("image", "3000000000000004", "image/jpeg"));
        await bot.RunQueuedWorkAsync();

        Assert.Equal("No le pasé esta foto a la persona de acompañamiento: su equipo trabaja en Teams, adonde no se pueden pasar archivos enviados por WhatsApp. Puede contarle con palabras lo que muestra.",
            told.Single().Text);
        Assert.DoesNotContain(bot.TextsSentTo(thread), t => t.StartsWith("La persona envió", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_English_defender_passes_a_photo_and_a_document_into_the_Teams_thread_by_their_addresses_and_hears_why_an_inline_picture_cannot_go()
    {
        await using var bot = await StartAsync();
        var (defender, thread) = await TeamsConnectedAsync(bot, DefenderStory.English);

        var asked = await defender.SendAsync(defender.NewActivity(ActivityTypes.Message) with
        {
            Text = "this is the car outside my house",
            Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "https://files.example.org/p/car.png", Name = "car.png" }],
        });
        Assert.StartsWith("Pass this photo on to the caseworker of Desk A? They will see the file as it is", asked.Single().Text, StringComparison.Ordinal);
        await defender.SayAsync("yes");
        await defender.SendAsync(defender.NewActivity(ActivityTypes.Message) with
        {
            Attachments = [new Attachment { ContentType = "application/pdf", ContentUrl = "https://files.example.org/d/complaint.pdf", Name = "complaint.pdf" }],
        });
        await defender.SayAsync("Yes, pass it on");
        var inline = await defender.SendAsync(defender.NewActivity(ActivityTypes.Message) with
        {
            Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "data:image/png;base64,iVBORw0KGgo=" }],
        });
        await bot.RunQueuedWorkAsync();

        var sent = bot.Connector.Requests.Where(r => r.Operation == ConnectorOperations.SendToConversation && r.ConversationId == thread).Select(r => r.Activity!).ToList();
        Assert.Equal("Person: this is the car outside my house", sent[0].Text);
        Assert.Equal("The person sent this photo:", sent[1].Text);
        Assert.Equal("https://files.example.org/p/car.png", sent[1].Attachments!.Single().ContentUrl);
        Assert.Equal("The person sent the document “complaint.pdf”:\n\nhttps://files.example.org/d/complaint.pdf", sent[2].Text);
        Assert.Equal(3, sent.Count);
        Assert.Equal("I did not pass this photo on to the caseworker: this chat gives the file no web address their team could open. You can tell them in words what it shows.",
            inline.Single().Text);
    }

    [Fact]
    public async Task A_defender_who_writes_instead_of_answering_keeps_their_file_and_their_words_reach_the_caseworker()
    {
        await using var bot = await StartAsync();
        var (defender, thread) = await TeamsConnectedAsync(bot, DefenderStory.Spanish);

        await defender.SendAsync(defender.NewActivity(ActivityTypes.Message) with
        {
            Attachments = [new Attachment { ContentType = "image/jpeg", ContentUrl = "https://files.example.org/p/1.jpg" }],
        });
        var replies = await defender.SayAsync("perdón, me equivoqué de foto");
        await bot.RunQueuedWorkAsync();

        Assert.Equal(["No pasé lo que envió, porque no me dijo que sí; envíelo de nuevo si quiere que le llegue a la persona de acompañamiento."], replies.Select(r => r.Text));
        var inThread = bot.Connector.Requests.Where(r => r.Operation == ConnectorOperations.SendToConversation && r.ConversationId == thread).Select(r => r.Activity!).ToList();
        Assert.Equal(["Persona: perdón, me equivoqué de foto"], inThread.Select(a => a.Text));
        Assert.DoesNotContain(inThread, a => a.Attachments is { Count: > 0 });
    }

    [Fact]
    public async Task A_French_photo_Teams_refuses_after_the_yes_is_explained_to_the_defender()
    {
        await using var bot = await StartAsync();
        var (defender, _) = await TeamsConnectedAsync(bot, DefenderStory.French, TenantB, ChannelB);
        await defender.SendAsync(defender.NewActivity(ActivityTypes.Message) with
        {
            Attachments = [new Attachment { ContentType = "image/jpeg", ContentUrl = "https://files.example.org/p/big.jpg" }],
        });
        await defender.SayAsync("oui");

        bot.Connector.Enqueue(FakeConnectorResponse.Error(400, "BadArgument"));
        await bot.RunQueuedWorkAsync();

        Assert.Contains("Je n'ai pas transmis cette photo à la personne chargée du suivi : son canal l'a refusé ; il est peut-être trop volumineux. Vous pouvez lui décrire avec des mots ce qu'on y voit.",
            bot.TextsSentTo(defender.ConversationId));
    }

    [Fact]
    public async Task A_WhatsApp_file_still_waiting_for_the_caseworker_after_seven_days_is_not_sent_and_the_defender_is_told_when_they_write_again()
    {
        await using var bot = await StartAsync(whatsApp: true);
        var (ana, defender) = await WhatsAppToWhatsAppAsync(bot);
        bot.Time.Advance(TimeSpan.FromHours(25));
        await defender.SendsAsync(Media("image", "3000000000000005", "image/jpeg"));
        await defender.SaysAsync("si");
        await bot.RunQueuedWorkAsync();

        bot.Time.Advance(TimeSpan.FromDays(7));
        await bot.RunQueuedWorkAsync();
        await defender.SaysAsync("¿le llegó la foto?");
        bot.Time.Advance(TimeSpan.FromMinutes(5));
        await bot.RunQueuedWorkAsync();

        Assert.Contains(defender.Heard, m => m.Text == "No le pasé esta foto a la persona de acompañamiento: WhatsApp le guarda un archivo al bot solo siete días, y la persona de acompañamiento no abrió el chat a tiempo. Puede contarle con palabras lo que muestra.");
        Assert.DoesNotContain(ana.Heard, m => m.Type == "image");
    }

    /// <summary>A WhatsApp defender whose case Ana, on WhatsApp with her chat open, has taken.</summary>
    private static async Task<(WhatsAppPhone Ana, WhatsAppPhone Defender)> WhatsAppToWhatsAppAsync(HandoffHarness bot)
    {
        var ana = bot.Phone(AnaNumber);
        await ana.SaysAsync("hola");
        var defender = bot.Phone(DefenderNumber);
        await DefenderStory.Spanish.TellAsync(defender);
        await defender.SaysAsync("enviarlo");
        await defender.SaysAsync("no");
        await bot.RunQueuedWorkAsync();
        await ana.TapsAsync(bot.T("handoff.card.accept"));
        await bot.RunQueuedWorkAsync();
        Assert.Contains(defender.Heard, m => m.Text.StartsWith("Ana, de Desk A, tomó su caso.", StringComparison.Ordinal));
        return (ana, defender);
    }

    /// <summary>A defender on a Bot Framework channel whose case a caseworker took in the desk's Teams thread.</summary>
    private static async Task<(BotClient Defender, string Thread)> TeamsConnectedAsync(HandoffHarness bot, DefenderStory story, string tenant = TenantA, string channel = ChannelA)
    {
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = CaseIdOn(bot.CasePosts(channel).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        await bot.CaseworkerAsync(thread, tenant, channel, "Ana Pérez", value: Button("accept", caseId));
        await bot.RunQueuedWorkAsync();
        return (defender, thread);
    }

    /// <summary>A media message as WhatsApp delivers it: the media id, its type, a hash, and a caption or file name when there is one.</summary>
    private static JsonObject Media(string type, string id, string mimeType, string? caption = null, string? filename = null, bool voice = false)
    {
        var media = new JsonObject { ["id"] = id, ["mime_type"] = mimeType, ["sha256"] = "q83vEjRWeJA=" };
        if (caption is not null)
            media["caption"] = caption;
        if (filename is not null)
            media["filename"] = filename;
        if (voice)
            media["voice"] = true;
        return new JsonObject { ["type"] = type, [type] = media };
    }
}
