using System.Text.Json;
using Microsoft.Playwright;

namespace ProtectionBot.BrowserTests.Infrastructure;

/// <summary>
/// The chat page in a phone's browser window (390×844 CSS pixels, a common mid-range phone), used the way a person
/// uses it: tapping the bot's suggested answers, typing in the send box, ticking a card's boxes and pressing its button.
/// </summary>
public sealed class ChatPage : IAsyncDisposable
{
    private static readonly float Timeout = 20_000;

    public const int Width = 390;
    public const int Height = 844;

    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    private ChatPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                _problems.Add(message.Text);
        };
        page.PageError += (_, error) => _problems.Add(error);
    }

    public IPage Page { get; }

    /// <summary>The visitor's token and conversation, as the page received them.</summary>
    public string Token { get; private set; } = "";

    public string ConversationId { get; private set; } = "";

    /// <summary>Runs from the moment the page was asked for.</summary>
    public System.Diagnostics.Stopwatch OpenedAt { get; private set; } = new();

    /// <summary>Errors the page logged or threw (a Content-Security-Policy refusal shows up here).</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>
    /// Opens the chat in a browser whose language is <paramref name="locale"/> and whose cache is empty, after
    /// <paramref name="before"/> if given, over <paramref name="line"/> if given.
    /// </summary>
    public static async Task<ChatPage> OpenAsync(
        Chromium chromium, ChatSite site, string locale, string? before = null, SlowLine? line = null, bool withoutWebChat = false)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = Width, Height = Height },
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(Timeout);
        await context.RouteAsync(ChatSite.NeutralSite + "**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = "<!doctype html><title>Weather</title><p>Sunny.</p>",
        }));
        // What the page opens (a tel: or mailto: button, an official page) is noted instead of leaving the test.
        await context.AddInitScriptAsync("window.__opened = []; window.open = function (url) { window.__opened.push(String(url)); return null; };");
        if (withoutWebChat)
            await context.RouteAsync("**/webchat/webchat.*", route => route.AbortAsync());
        var chat = new ChatPage(context, await context.NewPageAsync());
        if (before is not null)
            await chat.Page.GotoAsync(new Uri(site.Address, before).ToString());
        if (line is not null)
            await line.ApplyAsync(context, chat.Page);
        chat.OpenedAt = System.Diagnostics.Stopwatch.StartNew();
        var token = chat.Page.WaitForResponseAsync(r => r.Url.EndsWith("/webchat/token", StringComparison.Ordinal));
        // Only until the page has arrived: its first view is all there is to wait for, Web Chat comes later.
        await chat.Page.GotoAsync(site.Address.ToString(), new() { WaitUntil = WaitUntilState.Commit });
        using (var answer = JsonDocument.Parse(await (await token).TextAsync()))
        {
            chat.Token = answer.RootElement.GetProperty("token").GetString()!;
            chat.ConversationId = answer.RootElement.GetProperty("conversationId").GetString()!;
        }
        return chat;
    }

    /// <summary>Taps one of the suggested answers under the bot's last message, once it is shown.</summary>
    public Task TapAsync(string title) =>
        Page.Locator(".webchat__suggested-actions").GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).ClickAsync();

    /// <summary>Types into the send box and sends, as with the keyboard's Enter.</summary>
    public async Task TypeAsync(string text)
    {
        var box = Page.Locator("[data-id='webchat-sendbox-input']");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    /// <summary>Ticks the boxes of the newest card that has them, then presses its button.</summary>
    public async Task TickAndSubmitAsync(string button, params string[] boxes)
    {
        var card = Page.Locator(".ac-adaptiveCard").Filter(new() { Has = Page.GetByRole(AriaRole.Checkbox) }).Last;
        await card.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        // Web Chat may draw the card again while the bot's next messages arrive, and a box ticked on the card it
        // replaces is lost: tick once the transcript is still, and tick again whatever a redraw has cleared.
        for (var attempt = 1; ; attempt++)
        {
            await TranscriptSettledAsync();
            try
            {
                foreach (var box in boxes)
                    await card.GetByRole(AriaRole.Checkbox, new() { Name = box, Exact = true }).CheckAsync(new() { Timeout = 5_000 });
                await TranscriptSettledAsync();
                var ticked = true;
                foreach (var box in boxes)
                    ticked &= await card.GetByRole(AriaRole.Checkbox, new() { Name = box, Exact = true }).IsCheckedAsync();
                if (ticked)
                    break;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
            }
            if (attempt >= 4)
                throw new InvalidOperationException($"The boxes {string.Join(", ", boxes)} would not stay ticked.");
        }
        await card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    /// <summary>Waits until the transcript has shown the same number of messages for half a second.</summary>
    private async Task TranscriptSettledAsync()
    {
        var messages = Page.Locator(".webchat__basic-transcript__activity");
        var count = await messages.CountAsync();
        var still = System.Diagnostics.Stopwatch.StartNew();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (still.ElapsedMilliseconds < 500 && waited.ElapsedMilliseconds < Timeout)
        {
            await Task.Delay(100);
            var now = await messages.CountAsync();
            if (now != count)
            {
                count = now;
                still.Restart();
            }
        }
    }

    /// <summary>The card whose text includes <paramref name="heading"/>, once it is shown.</summary>
    public async Task<ILocator> CardAsync(string heading)
    {
        var card = Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = heading }).Last;
        await card.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        return card;
    }

    /// <summary>Waits until the transcript shows <paramref name="text"/>.</summary>
    public Task SeesAsync(string text) =>
        Page.Locator("[role='log'], .webchat__basic-transcript").GetByText(text, new() { Exact = false }).Last.WaitForAsync();

    /// <summary>Saves a picture of <paramref name="element"/> under the test output's <c>artifacts/</c> and says where.</summary>
    public async Task<string> SaveScreenshotAsync(ILocator element, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The transcript scrolls inside the window: make the window tall enough for the whole card to be on screen.
        var box = await element.BoundingBoxAsync();
        var width = Page.ViewportSize?.Width ?? 412;
        await Page.SetViewportSizeAsync(width, (int)Math.Ceiling((box?.Height ?? 800) + 400));
        await element.ScrollIntoViewIfNeededAsync();
        var png = await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        TestContext.Current.AddAttachment(name, png, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
        return path;
    }

    /// <summary>Saves what the phone's screen shows right now (not the whole page) under <c>artifacts/</c>.</summary>
    public async Task<string> SaveScreenshotOfScreenAsync(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var png = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        TestContext.Current.AddAttachment(name, png, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        return path;
    }

    /// <summary>Whether all of <paramref name="element"/> is on the screen: inside the window and inside every box that scrolls it.</summary>
    public static Task<bool> IsOnScreenAsync(ILocator element) => element.EvaluateAsync<bool>("""
        element => {
          const box = element.getBoundingClientRect();
          if (box.width === 0 || box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) return false;
          for (let parent = element.parentElement; parent; parent = parent.parentElement) {
            const style = getComputedStyle(parent);
            if (!/(auto|scroll|hidden)/.test(style.overflowY)) continue;
            const view = parent.getBoundingClientRect();
            if (box.top < view.top - 1 || box.bottom > view.bottom + 1) return false;
          }
          return true;
        }
        """);

    /// <summary>
    /// Every control on the page a finger can hit that is narrower or lower than <paramref name="pixels"/> CSS pixels.
    /// A box is measured with its label (tapping either ticks it); a link inside a sentence is exempt, as WCAG exempts it,
    /// and so is what Web Chat keeps for screen readers only.
    /// </summary>
    public Task<string[]> TargetsSmallerThanAsync(int pixels) => Page.EvaluateAsync<string[]>("""
        pixels => {
          // Shown, and not inside a box kept for screen readers only (a 1-pixel clip no finger can reach).
          const visible = e => {
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') return false;
            for (let p = e.parentElement; p; p = p.parentElement) { const b = p.getBoundingClientRect(); if (b.width <= 1 || b.height <= 1) return false; }
            return true;
          };
          const controls = document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=checkbox], [role=radio]');
          const small = [];
          for (const control of controls) {
            if (!visible(control)) continue;
            if (control.tagName === 'A' && control.parentElement && control.parentElement.textContent.trim() !== control.textContent.trim()) continue;
            let box = control.getBoundingClientRect();
            if (control.type === 'checkbox' || control.type === 'radio') {
              const label = (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) || control.closest('label');
              if (label) {
                const l = label.getBoundingClientRect();
                box = { width: Math.max(box.right, l.right) - Math.min(box.left, l.left), height: Math.max(box.bottom, l.bottom) - Math.min(box.top, l.top) };
              }
            }
            if (box.width < pixels - 0.5 || box.height < pixels - 0.5) {
              const name = control.getAttribute('aria-label') || control.textContent.trim() || control.getAttribute('title') || control.outerHTML.slice(0, 80);
              const where = control.parentElement ? control.parentElement.className.toString().split(' ')[0] : '';
              small.push(`${control.tagName.toLowerCase()} "${name.slice(0, 60)}" ${Math.round(box.width)}×${Math.round(box.height)} in ${where}`);
            }
          }
          return small;
        }
        """, pixels);

    /// <summary>Card texts shown smaller than <paramref name="pixels"/>.</summary>
    public Task<string[]> CardTextSmallerThanAsync(int pixels) => Page.EvaluateAsync<string[]>("""
        pixels => [...document.querySelectorAll('.ac-adaptiveCard .ac-textBlock, .ac-adaptiveCard label, .ac-adaptiveCard .ac-pushButton')]
          .filter(e => e.getBoundingClientRect().height > 0 && parseFloat(getComputedStyle(e).fontSize) < pixels)
          .map(e => `"${e.textContent.trim().slice(0, 60)}" at ${getComputedStyle(e).fontSize}`)
        """, pixels);

    /// <summary>
    /// Texts cut short: wider than their box, which hides the rest (an ellipsis or a clipped edge). What Web Chat keeps
    /// for screen readers only sits in a 1-pixel box on purpose and is read whole.
    /// </summary>
    public Task<string[]> CutLabelsAsync() => Page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('body *')]
          .filter(e => [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
          .filter(e => { for (let p = e; p; p = p.parentElement) { const b = p.getBoundingClientRect(); if (b.width <= 1 || b.height <= 1) return false; } return true; })
          .filter(e => { const s = getComputedStyle(e); return s.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1; })
          .map(e => `"${e.textContent.trim().slice(0, 60)}" needs ${e.scrollWidth}px, has ${e.clientWidth}px`)
        """);

    /// <summary>The addresses the page asked the phone to open (a call, an e-mail, a page).</summary>
    public Task<string[]> OpenedAddressesAsync() => Page.EvaluateAsync<string[]>("() => window.__opened");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
