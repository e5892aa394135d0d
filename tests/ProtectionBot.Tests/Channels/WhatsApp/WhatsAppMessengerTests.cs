using BotProtocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Channels.WhatsApp;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>What the handoff will use to reach a defender or a caseworker: the window check, free-form sends and templates.</summary>
public sealed class WhatsAppMessengerTests
{
    private const string Caseworker = "254712345678";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Templates = new()
    {
        ["WhatsApp:Templates:CaseworkerNotification:es"] = "nuevo_caso",
        ["WhatsApp:Templates:CaseworkerNotification:en"] = "new_case",
    };

    [Fact]
    public async Task The_window_is_open_only_after_the_person_wrote_and_free_form_messages_go_only_then()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var messenger = bot.App.Services.GetRequiredService<WhatsAppMessenger>();
        var window = bot.App.Services.GetRequiredService<CustomerServiceWindow>();
        var question = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "¿Acepta el caso?",
            Locale = "es-ES",
            SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("Acepto", "accept"), CardAction.ImBack("No puedo", "decline")] },
        };

        Assert.False(await window.IsOpenAsync(Caseworker, Ct));
        var refused = await Assert.ThrowsAsync<WhatsAppSendException>(() => messenger.SendAsync(Caseworker, question, Ct));
        Assert.Equal(WhatsAppErrorCategory.ReEngagementRequired, refused.Category);
        Assert.Empty(bot.Graph.MessagesTo(Caseworker));

        await bot.Phone(Caseworker).SaysAsync("hello");
        Assert.True(await window.IsOpenAsync(Caseworker, Ct));
        var sent = await messenger.SendAsync(Caseworker, question, Ct);

        var buttons = new BotMessage(bot.Graph.MessagesTo(Caseworker)[^1]);
        Assert.Equal(["Acepto", "No puedo"], buttons.Titles);
        Assert.Equal(["accept", "decline"], buttons.Options.Select(o => o.Id));
        Assert.StartsWith("wamid.", Assert.Single(sent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_reaches_a_caseworker_who_never_wrote_in_the_language_asked_for()
    {
        await using var bot = await WhatsAppBot.StartAsync(Templates);
        var messenger = bot.App.Services.GetRequiredService<WhatsAppMessenger>();

        var wamid = await messenger.SendTemplateAsync(Caseworker, "CaseworkerNotification", "es", ["Colombia", "urgente"], Ct);

        var template = bot.Graph.MessagesTo(Caseworker)[^1]["template"]!;
        Assert.Equal("nuevo_caso", (string?)template["name"]);
        Assert.Equal("es", (string?)template["language"]!["code"]);
        Assert.Equal(["Colombia", "urgente"], template["components"]![0]!["parameters"]!.AsArray().Select(p => (string?)p!["text"]));
        Assert.StartsWith("wamid.", wamid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_missing_in_a_language_falls_back_to_English_and_one_never_configured_is_a_clear_error()
    {
        await using var bot = await WhatsAppBot.StartAsync(Templates);
        var messenger = bot.App.Services.GetRequiredService<WhatsAppMessenger>();

        await messenger.SendTemplateAsync(Caseworker, "CaseworkerNotification", "fr", [], Ct);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => messenger.SendTemplateAsync(Caseworker, "CourseQuestion", "es", [], Ct));

        Assert.Equal("new_case", (string?)bot.Graph.MessagesTo(Caseworker)[^1]["template"]!["name"]);
        Assert.Contains("WhatsApp:Templates:CourseQuestion:es", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_language_the_bot_does_not_speak_stops_the_start()
    {
        using var app = new Infrastructure.BotApplication(new Dictionary<string, string?>
        {
            ["WhatsApp:Templates:CaseworkerNotification:pt"] = "novo_caso",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("WhatsApp:Templates:CaseworkerNotification:pt", error.ToString(), StringComparison.Ordinal);
    }
}
