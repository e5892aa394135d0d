using System.Text.Json;
using BotProtocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Content;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>Each kind of inbound message, from Meta's documented payloads, as the bot receives and answers it.</summary>
public sealed class WhatsAppInboundTests
{
    private const string Ana = "34600000000";

    [Fact]
    public async Task Tapping_a_reply_button_answers_with_the_choice_it_stands_for()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        var phone = bot.Phone(Ana);

        var question = (await phone.SaysAsync("hola"))[^1];
        Assert.Equal(["Sí, en español", "Français", "English"], question.Titles);
        var replies = await phone.TapsAsync("English");

        Assert.Equal(texts.Get("en", "safety.tip"), replies[0].Text);
        Assert.Equal(texts.Get("en", "interview.danger.ask"), replies[^1].Text);
        Assert.Equal(["Yes", "No"], replies[^1].Titles);
    }

    [Fact]
    public async Task A_list_reply_is_the_row_the_bot_offered()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        await bot.Phone(Ana).SaysAsync("hola");

        await bot.DeliverAsync(WhatsAppBot.Fixture("list_reply", DateTimeOffset.UtcNow));

        Assert.Equal(texts.Get("fr", "interview.danger.ask"), bot.Phone(Ana).Heard[^1].Text);
    }

    [Fact]
    public async Task A_template_quick_reply_is_its_payload()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        await bot.Phone(Ana).SaysAsync("hola");

        await bot.DeliverAsync(WhatsAppBot.Fixture("template_button", DateTimeOffset.UtcNow));

        Assert.Contains(bot.Phone(Ana).Heard, m => m.Text == texts.Get("es", "help.text"));
    }

    [Theory]
    [InlineData("location")]
    [InlineData("image")]
    [InlineData("audio_voice")]
    [InlineData("document")]
    [InlineData("video")]
    [InlineData("sticker")]
    [InlineData("unsupported")]
    public async Task What_the_bot_cannot_read_gets_a_short_note_that_only_text_and_taps_work_and_the_question_again(string fixture)
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        var phone = bot.Phone(Ana);
        var question = (await phone.SaysAsync("hola"))[^1];

        await bot.DeliverAsync(WhatsAppBot.Fixture(fixture, DateTimeOffset.UtcNow));

        var replies = phone.Heard.Skip(2).ToList();
        Assert.Equal(texts.Get("es", "unreadable"), replies[0].Text);
        Assert.Equal(question.Text, replies[^1].Text);
        Assert.Equal(question.Titles, replies[^1].Titles);
    }

    [Fact]
    public async Task A_reaction_is_noted_without_an_answer()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        await bot.Phone(Ana).SaysAsync("hola");

        await bot.DeliverAsync(WhatsAppBot.Fixture("reaction", DateTimeOffset.UtcNow));

        Assert.Equal(2, bot.Phone(Ana).Heard.Count);
    }

    [Theory]
    [InlineData("image", "image", "image/jpeg", "900000000000006")]
    [InlineData("audio_voice", "voice", "audio/ogg; codecs=opus", "900000000000007")]
    [InlineData("document", "document", "application/pdf", "900000000000008")]
    [InlineData("video", "video", "video/mp4", "900000000000009")]
    [InlineData("sticker", "sticker", "image/webp", "900000000000010")]
    public void Media_are_kept_as_references_for_a_caseworker_never_as_text_nor_downloaded(string fixture, string kind, string mimeType, string mediaId)
    {
        var activity = Translate(fixture);

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Null(activity.Text);
        var reference = Assert.Single(activity.Attachments!);
        Assert.Equal(InboundTranslator.MediaReference, reference.ContentType);
        Assert.Null(reference.ContentUrl);
        Assert.Equal(kind, reference.Content!.Value.GetProperty("kind").GetString());
        Assert.Equal(mimeType, reference.Content.Value.GetProperty("mimeType").GetString());
        Assert.Equal(mediaId, reference.Content.Value.GetProperty("mediaId").GetString());
    }

    [Fact]
    public void A_shared_location_is_a_place_entity_and_not_text()
    {
        var activity = Translate("location");

        var place = Assert.Single(activity.Entities!);
        Assert.Equal("Place", place.Type);
        Assert.Equal(40.4168, place.ExtensionData!["geo"].GetProperty("latitude").GetDouble());
        Assert.Null(activity.Text);
    }

    [Fact]
    public void A_reaction_is_a_message_reaction_to_the_bot_message_it_was_on()
    {
        var activity = Translate("reaction");

        Assert.Equal(ActivityTypes.MessageReaction, activity.Type);
        Assert.Equal("wamid.OUT-0001", activity.ReplyToId);
        Assert.Equal("👍", activity.ExtensionData!["reactionsAdded"][0].GetProperty("type").GetString());
    }

    [Fact]
    public void The_conversation_id_is_a_pseudonym_and_only_from_id_holds_the_number()
    {
        var activity = Translate("text");

        Assert.Equal(Ana, activity.From!.Id);
        Assert.Null(activity.From.Name);
        Assert.StartsWith("wa.", activity.Conversation!.Id, StringComparison.Ordinal);
        Assert.DoesNotContain(Ana, activity.Conversation.Id, StringComparison.Ordinal);
        Assert.Equal(activity.Conversation.Id, Translate("text").Conversation!.Id);
        Assert.Equal("whatsapp", activity.ChannelId);
        Assert.Equal("wamid.TEST-0001", activity.Id);
    }

    private static Activity Translate(string fixture)
    {
        var payload = JsonSerializer.Deserialize(WhatsAppBot.Fixture(fixture), CloudApiJsonContext.Default.WebhookPayload)!;
        var raw = payload.Entry![0].Changes![0].Value!.Messages![0];
        var message = raw.Deserialize(CloudApiJsonContext.Default.WebhookMessage)!;
        var identity = new WhatsAppIdentity(Microsoft.Extensions.Options.Options.Create(new WhatsAppOptions { AppSecret = WhatsAppBot.AppSecret }));
        return InboundTranslator.ToActivity(message, FakeWhatsAppCloudApi.PhoneNumberId, identity.ConversationId(FakeWhatsAppCloudApi.PhoneNumberId, message.From!), "es-ES")!;
    }
}
