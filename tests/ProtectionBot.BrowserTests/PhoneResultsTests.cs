using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProtectionBot.BrowserTests.Infrastructure;

namespace ProtectionBot.BrowserTests;

/// <summary>
/// The results on a 390×844 phone: the first screen shows the top of the results with the first route's action in
/// reach, not their end; every control is at least 44 px, card text at least 16 px, no label cut short; a route's
/// details open on request, "More options" brings the rest, and nothing axe checks at WCAG 2.2 AA fails.
/// </summary>
public sealed class PhoneResultsTests(Chromium chromium)
{
    [Fact]
    public async Task The_first_screen_of_the_results_holds_the_first_routes_action_and_every_control_is_big_enough_to_tap()
    {
        await using var site = ChatSite.Start();
        await using var chat = await ChatPage.OpenAsync(chromium, site, "es-CO");

        await chat.TapAsync("Sí, en español");
        await chat.TapAsync("No");
        await chat.TapAsync("Sí, de acuerdo");
        await chat.TypeAsync("colombia");
        await chat.TickAndSubmitAsync("Enviar", "Amenazas", "Campañas de desprestigio");
        await chat.TapAsync("Yo");
        await chat.TapAsync("Mujer");
        await chat.TickAndSubmitAsync("Enviar", "Tierra, territorio o medio ambiente");
        await chat.TapAsync("No lo sé");
        await chat.TapAsync("No");
        await chat.TypeAsync("nos amenazan por telefono desde que denunciamos la mina");

        var results = await chat.CardAsync("Vías de protección para su situación");
        // The results have all arrived, and the question after them too: Web Chat has scrolled as far as it will.
        await chat.SeesAsync("¿Lo desea?");
        await chat.Page.WaitForTimeoutAsync(1_000);
        var firstAction = results.Locator(".ac-pushButton").First;
        // What, why and one action each: the details are in each route's own card below.
        Assert.Equal(0, await results.GetByRole(AriaRole.Button, new() { Name = "Ver detalles" }).CountAsync());
        await chat.SaveScreenshotOfScreenAsync("webchat-es-results-first-screen.png");

        Assert.Equal("Página oficial", (await firstAction.InnerTextAsync()).Trim());
        Assert.True(await ChatPage.IsOnScreenAsync(firstAction), "the first route's action should be on the first screen of the results");
        Assert.True(await ChatPage.IsOnScreenAsync(results.GetByText("Vías de protección para su situación")), "the results' title should be on screen, not scrolled away");
        var firstMessage = await results.BoundingBoxAsync();
        Assert.True(firstMessage!.Height <= ChatPage.Height, $"the first message of the results is {firstMessage.Height:0} px high, more than one {ChatPage.Height} px screen");
        Assert.Equal(1, await chat.Page.Locator("h1").CountAsync());
        Assert.True(await chat.Page.Locator("h1").IsVisibleAsync(), "the page's level-one heading should be shown");
        Assert.Empty(await chat.TargetsSmallerThanAsync(44));
        Assert.Empty(await chat.CardTextSmallerThanAsync(16));
        Assert.Empty(await chat.CutLabelsAsync());

        // A route's details open where it is; the other routes and the trainings come when asked for.
        var firstRoute = await chat.CardAsync("Medidas cautelares de la Comisión Interamericana de Derechos Humanos (CIDH)");
        await firstRoute.GetByRole(AriaRole.Button, new() { Name = "Ver detalles" }).ClickAsync();
        await firstRoute.GetByText("Cómo enviarlo").First.WaitForAsync();
        await chat.Page.GetByRole(AriaRole.Button, new() { Name = "Más opciones" }).ClickAsync();
        await chat.CardAsync("Formaciones que pueden interesarle");
        await chat.CardAsync("Directrices de la Unión Europea sobre defensores de derechos humanos");
        Assert.Empty(await chat.TargetsSmallerThanAsync(44));
        Assert.Empty(await chat.CutLabelsAsync());
        Assert.Empty(chat.Problems);
    }

    [Fact]
    public async Task Someone_in_danger_taps_the_emergency_line_to_call_it()
    {
        await using var site = ChatSite.Start();
        await using var chat = await ChatPage.OpenAsync(chromium, site, "en-KE");

        await chat.TapAsync("Yes, in English");
        await chat.TapAsync("Yes");
        var emergency = await chat.CardAsync("If you are in danger now");
        await emergency.GetByRole(AriaRole.Button, new() { Name = "Call +353 1 210 0489" }).ClickAsync();

        Assert.Contains("tel:+35312100489", await chat.OpenedAddressesAsync());
        Assert.Empty(await chat.TargetsSmallerThanAsync(44));
        Assert.Empty(await chat.CardTextSmallerThanAsync(16));
    }

    [Fact]
    public async Task Axe_finds_nothing_at_wcag_2_2_aa_in_the_first_view_nor_in_the_results_card()
    {
        await using var site = ChatSite.Start();
        var levels = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } };

        // The first view alone, as on a line where Web Chat's bundle never arrives.
        await using (var waiting = await ChatPage.OpenAsync(chromium, site, "fr-FR", withoutWebChat: true))
        {
            await waiting.Page.GetByText("Le chat ne se charge pas").WaitForAsync();
            AssertNoViolations(await waiting.Page.RunAxe(levels), "first view");
        }

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
        await chat.TypeAsync("on me menace depuis que j'ai temoigne");
        await chat.CardAsync("Voies de protection pour votre situation");
        await chat.SeesAsync("Le souhaitez-vous ?");

        // The results card only: Web Chat's own hidden copy of the earlier several-answers cards has nameless selects.
        AssertNoViolations(await chat.Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = "Voies de protection pour votre situation" }).Last.RunAxe(levels), "results");
    }

    private static void AssertNoViolations(AxeResult result, string where) =>
        Assert.True(result.Violations.Length == 0, $"{where}: " + string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n  " + string.Join("\n  ", v.Nodes.Take(5).Select(n => $"{n.Html} at {n.Target}")))));
}
