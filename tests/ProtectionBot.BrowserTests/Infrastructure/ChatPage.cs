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
    public static async Task<ChatPage> OpenAsync(Chromium chromium, ChatSite site, string locale, string? before = null, SlowLine? line = null)
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
        foreach (var box in boxes)
            await card.GetByRole(AriaRole.Checkbox, new() { Name = box, Exact = true }).CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
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

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
