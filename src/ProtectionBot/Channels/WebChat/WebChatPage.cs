using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Channels.WebChat;

/// <summary>
/// The chat page: a header with the quick-exit button, then a light first view (the bot's greeting, the emergency line
/// as a <c>tel:</c> link, the bot's WhatsApp number) that is all HTML and shows on a slow line long before Microsoft's
/// Web Chat has arrived, and Web Chat below it, in the visitor's language. Its settings travel as JSON in the page; the
/// script (<c>wwwroot/webchat/page.js</c>) is the same for everyone.
/// </summary>
internal sealed class WebChatPage(TextCatalog texts, KnowledgeBase knowledge, IOptions<WebChatOptions> options)
{
    /// <summary>The page's language: <c>?lang=</c> (a partner's link), else the browser's Accept-Language, else Spanish.</summary>
    public static string LanguageOf(HttpRequest request)
    {
        if (Language.FromLocale(request.Query["lang"].ToString()) is { } asked)
            return asked;
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1);
        foreach (var language in accepted)
        {
            if (Language.FromLocale(language.Value.Value) is { } supported)
                return supported;
        }
        return Language.Default;
    }

    public string Render(HttpRequest request, string language, WebChatAssets assets)
    {
        var settings = options.Value;
        var pathBase = request.PathBase.Value ?? "";
        var config = new PageConfig(
            Locale: Language.ToLocale(language),
            DirectLineDomain: string.IsNullOrWhiteSpace(settings.DirectLineDomain) ? null : settings.DirectLineDomain.TrimEnd('/'),
            TokenUrl: string.IsNullOrWhiteSpace(settings.TokenUrl) ? pathBase + "/webchat/token" : settings.TokenUrl,
            QuickExitUrl: settings.QuickExitUrl,
            ExitWord: texts.GetList(language, "safety.quick_exit.words")[0],
            Unavailable: texts.Get(language, "webchat.unavailable"),
            SendFailed: texts.Get(language, "webchat.send_failed"),
            BackOnline: texts.Get(language, "webchat.back_online"));
        // The JSON serializer escapes <, > and & by default, so the settings cannot end the script element.
        var json = JsonSerializer.Serialize(config, WebChatJsonContext.Default.PageConfig);

        string T(string key) => WebUtility.HtmlEncode(texts.Get(language, key));
        var html = new StringBuilder(4096);
        // The bundle is the one big download: deferred, it never holds back the first view; page.js runs first and
        // asks for the visitor's token while the bundle is still on its way.
        html.Append($"""
            <!doctype html>
            <html lang="{language}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <meta name="robots" content="noindex, nofollow">
            <title>{T("webchat.title")}</title>
            <link rel="stylesheet" href="{assets.Address(pathBase, WebChatAssets.PageStyle)}">
            <script src="{assets.Address(pathBase, WebChatAssets.PageScript)}" defer></script>
            <script src="{assets.Address(pathBase, WebChatAssets.Bundle)}" defer></script>
            </head>
            <body>
            <header class="bar">
              <h1 class="name">{T("webchat.title")}</h1>
              <button id="quick-exit" class="quick-exit" type="button" aria-describedby="quick-exit-hint">{T("webchat.quick_exit.button")}</button>
              <p id="quick-exit-hint" class="hint">{T("webchat.quick_exit.hint")}</p>
            </header>
            <main class="chat" aria-label="{T("webchat.chat_label")}">
              <section id="first-view" class="first-view">
                <p class="greeting" elementtiming="greeting">{T("welcome")}</p>
            {Alternatives(language)}
                <p id="status" class="status" role="status">{T("webchat.loading")}</p>
                <noscript><p class="status">{T("webchat.noscript")}</p></noscript>
              </section>
              <p id="connection" class="connection" role="alert" hidden></p>
              <div id="webchat" class="webchat"></div>
            </main>
            <script id="webchat-config" type="application/json">{json}</script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>Ways to get help that need no chat: the emergency line to call, the bot on WhatsApp.</summary>
    private string Alternatives(string language)
    {
        var lines = new List<string>();
        if (knowledge.Mechanisms.GetValueOrDefault(MechanismIds.EmergencyLine) is { Phone: { } phone } line)
            lines.Add(Sentence(language, "webchat.emergency", WebUtility.HtmlEncode(line.Name.In(language)), Link(PhoneNumber.TelUri(phone), phone)));
        if (options.Value.WhatsAppNumber is { Length: > 0 } whatsApp)
            lines.Add(Sentence(language, "webchat.whatsapp", Link("https://wa.me/" + string.Concat(whatsApp.Where(char.IsAsciiDigit)), whatsApp)));
        return string.Join("\n    ", lines.Select(l => $"<p class=\"alternative\">{l}</p>"));
    }

    /// <summary>A text whose <c>{0}</c>… are filled with HTML that is already safe.</summary>
    private string Sentence(string language, string key, params string[] html)
    {
        var template = WebUtility.HtmlEncode(texts.Get(language, key, [.. html.Select((_, i) => "{" + i + "}")]));
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, template, html);
    }

    private static string Link(string href, string text) =>
        $"<a href=\"{WebUtility.HtmlEncode(href)}\">{WebUtility.HtmlEncode(text)}</a>";

    /// <summary>
    /// Scripts and styles from this host only (Web Chat inserts its styles at run time, hence inline styles); the
    /// connections only to the Direct Line in use; never inside another site's frame.
    /// </summary>
    public string ContentSecurityPolicy(HttpRequest request)
    {
        var connect = new List<string> { "'self'", $"ws://{request.Host}", $"wss://{request.Host}" };
        foreach (var configured in new[] { options.Value.DirectLineDomain, options.Value.TokenUrl })
        {
            if (Uri.TryCreate(configured, UriKind.Absolute, out var uri))
            {
                connect.Add(uri.GetLeftPart(UriPartial.Authority));
                connect.Add((uri.Scheme == Uri.UriSchemeHttps ? "wss://" : "ws://") + uri.Authority);
            }
        }
        return string.Join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' blob:",
            $"connect-src {string.Join(' ', connect.Distinct(StringComparer.Ordinal))}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
    }

    internal sealed record PageConfig(
        string Locale, string? DirectLineDomain, string TokenUrl, string QuickExitUrl, string ExitWord, string Unavailable, string SendFailed, string BackOnline);
}

/// <summary>What <c>POST /webchat/token</c> gives the page.</summary>
internal sealed record PageToken(
    string Token,
    string ConversationId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string UserId);

/// <summary>What an Azure Bot's Direct Line answers to <c>tokens/generate</c>.</summary>
internal sealed record DirectLineTokenAnswer(
    string? Token,
    string? ConversationId,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);

internal sealed record DirectLineTokenRequest(DirectLineTokenRequestUser User);

internal sealed record DirectLineTokenRequestUser(string Id);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebChatPage.PageConfig))]
[JsonSerializable(typeof(PageToken))]
[JsonSerializable(typeof(DirectLineTokenAnswer))]
[JsonSerializable(typeof(DirectLineTokenRequest))]
internal sealed partial class WebChatJsonContext : JsonSerializerContext;

