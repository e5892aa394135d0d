using System.Text.Json;
using ProtectionBot.BrowserTests.Infrastructure;

namespace ProtectionBot.BrowserTests;

/// <summary>
/// A defender on a cheap phone with a bad connection (400 kbit/s, 400 ms, nothing cached): the page must say hello
/// and give the emergency line at once, long before Web Chat's bundle has arrived, and a message that could not be
/// sent must say so and be sent again with one tap.
/// </summary>
public sealed class SlowConnectionTests(Chromium chromium)
{
    [Fact]
    public async Task On_a_bad_line_with_nothing_cached_the_greeting_and_the_emergency_line_show_within_5_seconds()
    {
        await using var site = ChatSite.Start();
        await using var chat = await ChatPage.OpenAsync(chromium, site, "es-CO", line: SlowLine.Bad);

        var greeting = chat.Page.Locator(".greeting");
        await greeting.WaitForAsync(new() { Timeout = 5_000 });
        var webChatHadArrived = await chat.Page.EvaluateAsync<bool>("() => typeof window.WebChat !== 'undefined'");
        // When the browser painted the greeting, counted from the moment the page was asked for (Element Timing API).
        var paintedAt = await chat.Page.EvaluateAsync<double>("""
            () => new Promise(resolve => new PerformanceObserver(list => resolve(list.getEntries()[0].renderTime))
              .observe({ type: 'element', buffered: true }))
            """);
        var call = chat.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "+353 1 210 0489" });

        Assert.StartsWith("Hola, soy ProtectionBot.", await greeting.TextContentAsync(), StringComparison.Ordinal);
        Assert.InRange(paintedAt, 1, 5_000);
        Assert.False(webChatHadArrived, "the greeting should not wait for Web Chat's bundle");
        Assert.Equal("tel:+35312100489", await call.GetAttributeAsync("href"));
        TestContext.Current.TestOutputHelper?.WriteLine($"Greeting painted after {paintedAt:0} ms at 400 kbit/s, 400 ms.");

        // The bundle, compressed, follows: the conversation itself starts well within a minute.
        await chat.Page.Locator(".webchat__basic-transcript").GetByText("Hola, soy ProtectionBot.").First.WaitForAsync(new() { Timeout = 45_000 });
        TestContext.Current.TestOutputHelper?.WriteLine($"Web Chat's greeting after {chat.OpenedAt.Elapsed.TotalSeconds:0.0} s.");
        Assert.True(await chat.Page.Locator("#first-view").IsHiddenAsync(), "the first view should give way to the conversation");
        Assert.Empty(chat.Problems);
    }

    [Fact]
    public async Task A_message_sent_without_connection_says_it_failed_and_is_sent_again_with_one_tap()
    {
        await using var site = ChatSite.Start();
        await using var chat = await ChatPage.OpenAsync(chromium, site, "es-ES");
        await chat.TapAsync("Sí, en español");
        await chat.SeesAsync("Antes de empezar");

        await chat.Page.Context.SetOfflineAsync(true);
        await chat.TypeAsync("no");

        var alert = chat.Page.Locator("#connection");
        await alert.WaitForAsync(new() { Timeout = 40_000 });
        Assert.Contains("no se envió", await alert.TextContentAsync(), StringComparison.Ordinal);
        var retry = chat.Page.Locator(".webchat__basic-transcript").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Reintentar" });
        await retry.WaitForAsync();
        await chat.SaveScreenshotAsync(chat.Page.Locator("body"), "webchat-es-send-failed.png");

        await chat.Page.Context.SetOfflineAsync(false);
        await retry.ClickAsync();

        await chat.SeesAsync("Sobre sus datos");
        Assert.True(await alert.IsHiddenAsync(), "the failure notice should go once the message is sent");
    }
}
