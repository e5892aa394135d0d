using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Tests.Channels.WhatsApp;

namespace ProtectionBot.Tests.Privacy;

/// <summary>
/// A WhatsApp conversation through the real webhook, with every log level captured: the number, the profile name,
/// what the person wrote or shared, the conversation's pseudonym and the channel's secrets appear in no log line.
/// </summary>
public sealed class WhatsAppLogPrivacyTests
{
    private const string Number = "573001234567";
    private const string ProfileName = "Ana Lucía Quispe";
    private const string SecretText = "they followed me from the union office on calle 45";

    [Fact]
    public async Task A_WhatsApp_conversation_leaves_no_number_name_text_location_or_secret_in_the_logs()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var phone = bot.Phone(Number, ProfileName);
        using (await bot.Http.GetAsync($"/api/whatsapp?hub.mode=subscribe&hub.verify_token={WhatsAppBot.VerifyToken}&hub.challenge=77", TestContext.Current.CancellationToken)) { }
        using (await bot.Http.GetAsync("/api/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=77", TestContext.Current.CancellationToken)) { }

        await phone.SaysAsync("hola");
        await phone.SaysAsync(SecretText);
        await phone.TapsAsync("Sí, en español");
        await phone.SendsAsync(new JsonObject { ["type"] = "location", ["location"] = new JsonObject { ["latitude"] = 4.6097, ["longitude"] = -74.0817, ["name"] = "Casa segura" } });
        await phone.SendsAsync(new JsonObject { ["type"] = "image", ["image"] = new JsonObject { ["id"] = "912345678901234", ["mime_type"] = "image/jpeg", ["sha256"] = "abc", ["caption"] = SecretText } });
        bot.Graph.FailNextSends(new FakeGraphError(400, 131026, "Message undeliverable"));
        await phone.SaysAsync("ayuda");
        bot.Graph.FailNextSends(new FakeGraphError(401, 190, "Error validating access token"));
        await phone.SaysAsync(SecretText);
        await bot.DeliverAsync(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(WhatsAppBot.Fixture("status_failed")).Replace("34600000000", Number, StringComparison.Ordinal)));
        await phone.SaysAsync("salir");

        var pseudonym = bot.App.Services.GetRequiredService<WhatsAppIdentity>().ConversationId(FakeWhatsAppCloudApi.PhoneNumberId, Number);
        Assert.NotEmpty(bot.Logs.Lines);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("[2007]", StringComparison.Ordinal));
        LogPrivacyTests.AssertNothingPersonal(bot.Logs.Lines,
            Number, "3001234567", ProfileName, "Quispe", SecretText, "calle 45", "Casa segura", "4.6097", "74.0817", "912345678901234",
            pseudonym, FakeWhatsAppCloudApi.AccessToken, WhatsAppBot.AppSecret, WhatsAppBot.VerifyToken);
    }
}
