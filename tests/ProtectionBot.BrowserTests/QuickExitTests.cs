using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BotProtocol.State;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.BrowserTests.Infrastructure;

namespace ProtectionBot.BrowserTests;

/// <summary>
/// Someone is coming: one tap on the always-visible button must erase what was said and put an ordinary page where
/// the chat was, without a way back to it.
/// </summary>
public sealed class QuickExitTests(Chromium chromium)
{
    [Fact]
    public async Task Quick_exit_erases_the_conversation_and_leaves_the_page()
    {
        await using var site = ChatSite.Start();
        await using var chat = await ChatPage.OpenAsync(chromium, site, "es-ES", before: "/healthz");
        var store = site.Services.GetRequiredService<IConversationStore>();
        var stateKey = $"conversation/directline/{chat.ConversationId}";

        await chat.TapAsync("Sí, en español");
        await chat.TapAsync("No");
        await chat.SeesAsync("Sobre sus datos");
        Assert.NotNull(await store.ReadAsync(stateKey, TestContext.Current.CancellationToken));
        Assert.Contains("Antes de empezar", await ActivitiesAsync(site, chat), StringComparison.Ordinal);
        await chat.SaveScreenshotAsync(chat.Page.Locator("body"), "webchat-es-before-quick-exit.png");

        await chat.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Salida rápida" }).ClickAsync();

        // The URL is what matters: waiting for the neutral page to finish loading only adds a way to time out.
        await chat.Page.WaitForURLAsync(ChatSite.NeutralSite, new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await Eventually(async () => await store.ReadAsync(stateKey, TestContext.Current.CancellationToken) is null, "the bot's stored conversation should be erased");
        await Eventually(async () =>
        {
            var said = await ActivitiesAsync(site, chat);
            return !said.Contains("Antes de empezar", StringComparison.Ordinal) && !said.Contains("Sobre sus datos", StringComparison.Ordinal);
        }, "the Direct Line log should no longer hold what was said");

        await chat.Page.GoBackAsync();
        Assert.EndsWith("/healthz", chat.Page.Url, StringComparison.Ordinal);
        Assert.Empty(chat.Problems);
    }

    private static async Task<string> ActivitiesAsync(ChatSite site, ChatPage chat)
    {
        using var http = new HttpClient { BaseAddress = site.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", chat.Token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var set = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return set.RootElement.GetProperty("activities").GetRawText();
    }

    private static async Task Eventually(Func<Task<bool>> condition, string expectation)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await condition())
                return;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"After 5 s, {expectation}.");
    }
}
