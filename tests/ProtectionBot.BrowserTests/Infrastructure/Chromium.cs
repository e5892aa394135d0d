using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(ProtectionBot.BrowserTests.Infrastructure.Chromium))]

namespace ProtectionBot.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run: Debian's <c>chromium</c> package, driven by Playwright. Playwright's
/// own browser downloads are never used, so a machine without the package fails every browser test saying so.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium did not start.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath}, and it is not installed. Install Debian's package " +
                "(`apt-get install -y chromium`, as the test build does when it runs as root) and run the tests again.");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Test machines run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
