using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Http;

/// <summary>The chat page at <c>/</c> and the token it asks for, locally and against an Azure Bot's Direct Line.</summary>
public sealed partial class WebChatPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("es-CO,es;q=0.9", null, "es", "Salida rápida", "salir")]
    [InlineData("fr-CA,fr;q=0.9,en;q=0.5", null, "fr", "Sortie rapide", "quitter")]
    [InlineData("de-DE,en-GB;q=0.8", null, "en", "Quick exit", "exit")]
    [InlineData("de-DE", null, "es", "Salida rápida", "salir")]
    [InlineData("es-CO", "fr", "fr", "Sortie rapide", "quitter")]
    public async Task The_page_speaks_the_visitors_language_and_its_quick_exit_sends_that_languages_word(
        string acceptLanguage, string? lang, string language, string button, string exitWord)
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        using var request = new HttpRequestMessage(HttpMethod.Get, lang is null ? "/" : $"/?lang={lang}");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        using var response = await app.CreateClient().SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var config = Config(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(button), html, StringComparison.Ordinal);
        Assert.StartsWith(language + "-", config.GetProperty("locale").GetString(), StringComparison.Ordinal);
        Assert.Equal(exitWord, config.GetProperty("exitWord").GetString());
    }

    [Fact]
    public async Task The_page_is_never_cached_never_framed_and_loads_scripts_only_from_this_host()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var http = app.CreateClient();

        using var page = await http.GetAsync("/", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        using var bundle = await http.GetAsync(scripts.Single(s => s.Contains("/webchat/webchat.", StringComparison.Ordinal)), Ct);
        using var script = await http.GetAsync(scripts.Single(s => s.Contains("/webchat/page.", StringComparison.Ordinal)), Ct);
        using var style = await http.GetAsync(StyleSource().Match(html).Groups[1].Value, Ct);

        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.All(scripts, src => Assert.StartsWith("/webchat/", src, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        // The bundle is Microsoft's Web Chat UMD build, which defines window.WebChat.
        Assert.Contains("renderWebChat", await bundle.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("location.replace", await script.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.All([bundle, script, style], asset => Assert.Equal("nosniff", asset.Headers.GetValues("X-Content-Type-Options").Single()));
    }

    [Fact]
    public async Task The_greeting_the_emergency_line_and_whatsapp_are_in_the_page_itself_before_any_script()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("WebChat:WhatsAppNumber", "+57 300 123 4567")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("es-CO");

        using var response = await app.CreateClient().SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Hola, soy ProtectionBot.", html, StringComparison.Ordinal);
        Assert.Contains("""<a href="tel:+35312100489">+353 1 210 0489</a>""", html, StringComparison.Ordinal);
        Assert.Contains("""<a href="https://wa.me/573001234567">+57 300 123 4567</a>""", html, StringComparison.Ordinal);
        // Every script waits for the page: the first view never waits for Web Chat's bundle.
        Assert.All(ScriptTag().Matches(html).Select(m => m.Value), tag => Assert.Contains(" defer", tag, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_whatsapp_number_the_page_offers_none()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());

        var html = await app.CreateClient().GetStringAsync("/", Ct);

        Assert.DoesNotContain("wa.me", html, StringComparison.Ordinal);
        Assert.Contains("tel:+35312100489", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whatsapp_number_not_in_international_form_stops_the_start()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("WebChat:WhatsAppNumber", "300-123-4567")));

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("WebChat:WhatsAppNumber", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_and_styles_come_compressed_at_addresses_that_change_with_their_content_and_are_cached_for_good()
    {
        // Development serves static assets uncached and checks each file on disk, so that an edited file shows at once;
        // this setting keeps what a published app sends.
        await using var app = new BotApplication(DirectLineClient.Settings(("ReloadStaticAssetsAtRuntime", "false")));
        var http = app.CreateClient(new() { AllowAutoRedirect = false });
        var html = await http.GetStringAsync("/", Ct);
        var addresses = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).Append(StyleSource().Match(html).Groups[1].Value).ToList();

        foreach (var address in addresses)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await http.SendAsync(request, Ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Matches(Fingerprinted(), address);
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), $"{address} is cached for {response.Headers.CacheControl?.MaxAge}");
        }
        // What a partner's site embeds keeps its plain address, revalidated rather than cached for good.
        using var plain = await http.GetAsync("/webchat/webchat.js", Ct);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.DoesNotContain("immutable", plain.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_visitor_gets_a_token_for_a_conversation_and_a_user_of_their_own()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var http = app.CreateClient();

        var first = await TokenAsync(http);
        var second = await TokenAsync(http);
        var client = new DirectLineClient(http);
        var started = await client.StartAsync(first.GetProperty("token").GetString());
        var echoed = await client.SayAsync(first.GetProperty("token").GetString(), first.GetProperty("conversationId").GetString()!, "es");
        var log = await client.GetActivitiesAsync(first.GetProperty("token").GetString(), first.GetProperty("conversationId").GetString()!);

        Assert.NotEqual(first.GetProperty("conversationId").GetString(), second.GetProperty("conversationId").GetString());
        Assert.NotEqual(first.GetProperty("userId").GetString(), second.GetProperty("userId").GetString());
        Assert.StartsWith("dl_", first.GetProperty("userId").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal(HttpStatusCode.OK, echoed.Status);
        // The token speaks for its user: whatever from.id a client claims, the echo carries the token's.
        var echo = log.Body.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetString() == echoed.Text("id"));
        Assert.Equal(first.GetProperty("userId").GetString(), echo.GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task With_an_azure_direct_line_the_page_talks_to_it_and_the_secret_stays_on_the_server()
    {
        const string domain = "https://europe.directline.botframework.com/v3/directline";
        const string secret = "azure-direct-line-secret";
        var azure = new FakeDirectLine(secret);
        await using var app = new BotApplication(
            DirectLineClient.Settings(("WebChat:DirectLineDomain", domain), ("WebChat:DirectLineSecret", secret)),
            services => services.AddHttpClient("WebChat.DirectLine").ConfigurePrimaryHttpMessageHandler(() => azure));
        var http = app.CreateClient();

        using var page = await http.GetAsync("/", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var token = await TokenAsync(http);

        Assert.Equal(domain, Config(html).GetProperty("directLineDomain").GetString());
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        Assert.Contains("https://europe.directline.botframework.com", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("wss://europe.directline.botframework.com", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("azure-token", token.GetProperty("token").GetString());
        Assert.Equal("azure-conversation", token.GetProperty("conversationId").GetString());
        Assert.Equal($"{domain}/tokens/generate", azure.Requested?.ToString());
        Assert.Equal(token.GetProperty("userId").GetString(), azure.UserId);
    }

    [Fact]
    public async Task An_azure_direct_line_without_its_secret_or_a_token_service_stops_the_start()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("WebChat:DirectLineDomain", "https://directline.botframework.com/v3/directline")));

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("WebChat:DirectLineSecret", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> TokenAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/webchat/token", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static JsonElement Config(string html) =>
        JsonDocument.Parse(ConfigScript().Match(html).Groups[1].Value).RootElement.Clone();

    [GeneratedRegex("""<script id="webchat-config" type="application/json">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex ConfigScript();

    [GeneratedRegex("""<script src="([^"]+)"[^>]*>""")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("""<script\b[^>]*\bsrc=[^>]*>""")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""<link rel="stylesheet" href="([^"]+)">""")]
    private static partial Regex StyleSource();

    [GeneratedRegex(@"^/webchat/[a-z]+\.[a-z0-9]{8,}\.(js|css)$")]
    private static partial Regex Fingerprinted();

    /// <summary>An Azure Bot's Direct Line as far as <c>tokens/generate</c> goes: checks the secret, hands out a token.</summary>
    private sealed class FakeDirectLine(string secret) : HttpMessageHandler
    {
        public Uri? Requested { get; private set; }

        public string? UserId { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested = request.RequestUri;
            if (request.Headers.Authorization is not { Scheme: "Bearer" } auth || auth.Parameter != secret)
                return new HttpResponseMessage(HttpStatusCode.Forbidden);
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            UserId = body.RootElement.GetProperty("user").GetProperty("id").GetString();
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"conversationId":"azure-conversation","token":"azure-token","expires_in":1800}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}
