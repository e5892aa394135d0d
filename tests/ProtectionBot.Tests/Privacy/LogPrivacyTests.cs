using System.Text.Json;
using BotProtocol.Schema;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Privacy;

/// <summary>
/// Defenders may be watched, and logs travel further than databases. Whole conversations run with every log
/// level captured; nothing a person typed or is known by may appear in them.
/// </summary>
public sealed class LogPrivacyTests
{
    private const string PhoneNumberId = "+573001234567";
    private const string UserName = "Ana Lucía Quispe";
    private const string SecretText = "they followed me from the union office on calle 45";

    [Fact]
    public async Task Conversations_leave_no_text_name_or_phone_number_in_the_logs()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), "es-CO", channelId: "whatsapp") { UserId = PhoneNumberId };

        await bot.SendAsync(bot.NewActivity(ActivityTypes.ConversationUpdate) with
        {
            MembersAdded = [new ChannelAccount { Id = "bot" }, new ChannelAccount { Id = PhoneNumberId, Name = UserName }],
        });
        foreach (var text in new[] { "Español", SecretText, "no", SecretText, "ayuda", "english", SecretText, "salir" })
            await bot.SendAsync(bot.NewActivity(ActivityTypes.Message) with { Text = text, From = new ChannelAccount { Id = PhoneNumberId, Name = UserName } });
        await bot.SendAsync(bot.NewActivity(ActivityTypes.Message) with
        {
            From = new ChannelAccount { Id = PhoneNumberId, Name = UserName },
            Value = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["note"] = SecretText }, TestJsonContext.Default.DictionaryStringString),
        });

        Assert.NotEmpty(app.Logs.Lines);
        AssertNothingPersonal(app.Logs.Lines, PhoneNumberId, "573001234567", UserName, "Quispe", SecretText, "calle 45", bot.ConversationId);
    }

    [Fact]
    public async Task A_whole_interview_leaves_neither_the_description_nor_the_country_nor_the_answers_in_the_logs()
    {
        await using var app = new BotApplication();
        var defender = new Interview.Defender(app, new Interview.Persona("Logged", "es-GT", Country: "Guatemala",
            Situations: ["sgbv"], Profiles: ["women"]) { Description = SecretText });

        await defender.RunAsync();

        Assert.NotNull(defender.ResultCard);
        AssertNothingPersonal(app.Logs.Lines, SecretText, "calle 45", "Guatemala", "sgbv", "Sí, de acuerdo");
    }

    internal static void AssertNothingPersonal(IEnumerable<string> lines, params string[] secrets)
    {
        foreach (var line in lines)
        {
            foreach (var secret in secrets)
                Assert.False(line.Contains(secret, StringComparison.OrdinalIgnoreCase), $"A log line reveals \"{secret}\": {line}");
        }
    }
}
