using ProtectionBot.BrowserTests.Infrastructure;

namespace ProtectionBot.BrowserTests;

/// <summary>
/// A defender on a phone opens the chat page, which speaks their browser's language, and goes through the whole
/// interview in Microsoft's Web Chat over the bot's own Direct Line: taps, a typed country, a card's boxes, a typed
/// description, and the recommendations as a card.
/// </summary>
public sealed class WebChatInterviewTests(Chromium chromium)
{
    [Fact]
    public async Task A_defender_completes_the_interview_in_Spanish_and_sees_the_recommendation_card()
    {
        await using var site = ChatSite.Start();
        await using var chat = await ChatPage.OpenAsync(chromium, site, "es-CO");

        await chat.TapAsync("Sí, en español");
        await chat.TapAsync("No");
        await chat.TapAsync("Sí, de acuerdo");
        await chat.TypeAsync("Colombia");
        await chat.TickAndSubmitAsync("Enviar", "Amenazas", "Campañas de desprestigio");
        await chat.TapAsync("Yo");
        await chat.TapAsync("Mujer");
        await chat.TickAndSubmitAsync("Enviar", "Tierra, territorio o medio ambiente");
        await chat.TapAsync("No lo sé");
        await chat.TapAsync("No");
        await chat.TypeAsync("Nos amenazan por teléfono desde que denunciamos la mina.");

        var card = await chat.CardAsync("Vías de protección para su situación");
        await chat.SaveScreenshotAsync(card, "webchat-es-recommendations.png");
        Assert.Empty(chat.Problems);
    }

    [Fact]
    public async Task A_defender_completes_the_interview_in_French_and_sees_the_recommendation_card()
    {
        await using var site = ChatSite.Start();
        await using var chat = await ChatPage.OpenAsync(chromium, site, "fr-FR");

        await chat.TapAsync("Oui, en français");
        await chat.TapAsync("Non");
        await chat.TapAsync("Oui, d'accord");
        await chat.TypeAsync("Cameroun");
        await chat.TickAndSubmitAsync("Envoyer", "Menaces", "Violences sexuelles ou fondées sur le genre");
        await chat.TapAsync("Moi");
        await chat.TapAsync("Une femme");
        await chat.TickAndSubmitAsync("Envoyer", "Droits des femmes");
        await chat.TapAsync("Ça continue");
        await chat.TapAsync("Non");
        await chat.TypeAsync("On me menace depuis que j'ai témoigné.");

        var card = await chat.CardAsync("Voies de protection pour votre situation");
        await chat.SaveScreenshotAsync(card, "webchat-fr-recommendations.png");
        Assert.Empty(chat.Problems);
    }
}
