using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BotProtocol.Schema;
using ProtectionBot.Content;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// A reply Activity as Cloud API messages, within <see cref="WhatsAppLimits"/>:
/// <list type="bullet">
/// <item>text over 4096 characters goes in several messages, split between paragraphs, else sentences, else words;</item>
/// <item>choices (suggested actions, or a card's single-select choice set) become up to 3 reply buttons when every
/// title fits a button, else a list of up to 10 rows whose titles are shortened at a word and whose descriptions
/// carry the full text; more choices become numbered lines the person answers by number or by name;</item>
/// <item>a card's multi-select choice set becomes numbered lines answered with numbers such as "1, 3";</item>
/// <item>an Adaptive Card's texts, facts and links become text; its submit button is not needed any more.</item>
/// </list>
/// Each button or row id is the value the option stands for (what an imBack would send), so the tap arrives as that
/// text and the prompt recognises it; a value too long for an id is replaced by the option's number, which prompts
/// also recognise.
/// </summary>
internal sealed partial class OutboundRenderer(TextCatalog texts)
{
    private const string Ellipsis = "…";

    public IReadOnlyList<JsonObject> Render(Activity activity)
    {
        if (!activity.IsType(ActivityTypes.Message))
            return [];
        var language = Language.FromLocale(activity.Locale) ?? Language.English;
        var content = new CardContent();
        if (!string.IsNullOrWhiteSpace(activity.Text))
            content.Paragraphs.Add(activity.Text.Trim());
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.Content is not { ValueKind: JsonValueKind.Object } card)
                continue;
            if (attachment.ContentType == AttachmentContentTypes.AdaptiveCard)
                content.ReadAdaptiveCard(card);
            else if (attachment.ContentType == AttachmentContentTypes.HeroCard)
                content.ReadHeroCard(card);
        }
        foreach (var action in activity.SuggestedActions?.Actions ?? [])
            content.ReadAction(action.Type, action.Title, action.Value);

        var body = string.Join("\n\n", content.Paragraphs.Concat(content.Links).Where(p => p.Length > 0));
        var options = content.Options;
        if (options.Count == 0)
            return [.. TextMessages(body)];
        if (content.MultiSelect)
            return [.. TextMessages(Join(body, Numbered(options), texts.Get(language, "whatsapp.choose_many")))];
        if (options.Count <= WhatsAppLimits.Buttons && options.All(o => o.Title.Length <= WhatsAppLimits.ButtonTitle)
            && options.Select(o => o.Title).Distinct(StringComparer.Ordinal).Count() == options.Count)
        {
            return Interactive(body, options, ButtonMessage);
        }
        if (options.Count <= WhatsAppLimits.ListRows)
            return Interactive(body, options, choices => ListMessage(choices, texts.Get(language, "whatsapp.options")));
        return [.. TextMessages(Join(body, Numbered(options), texts.Get(language, "whatsapp.choose_one")))];
    }

    /// <summary>Shortens at a word boundary (dropping an aside in brackets first), so no word is cut in two.</summary>
    internal static string Shorten(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
            return text;
        var withoutAside = Aside().Replace(text, "").Trim();
        if (withoutAside.Length is > 0 && withoutAside.Length <= max)
            return withoutAside;
        var room = max - Ellipsis.Length;
        var space = text.LastIndexOf(' ', Math.Min(room, text.Length - 1));
        var kept = space > 0 ? text[..space] : HardCut(text, room);
        return kept.TrimEnd(' ', ',', ';', ':', '-', '—', '(', '/') + Ellipsis;
    }

    /// <summary>Pieces of at most <paramref name="max"/> characters, cut after a paragraph, else a line, a sentence, a word.</summary>
    internal static List<string> Split(string text, int max)
    {
        var pieces = new List<string>();
        var rest = text.Trim();
        while (rest.Length > max)
        {
            var window = rest[..(max + 1)];
            var cut = LastBoundary(window, "\n\n", max / 4) ?? LastBoundary(window, "\n", max / 4)
                ?? LastSentenceEnd(window, max / 4) ?? LastBoundary(window, " ", 1) ?? Math.Max(HardCut(rest, max).Length, 1);
            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0)
            pieces.Add(rest);
        return pieces;
    }

    private static IEnumerable<JsonObject> TextMessages(string body) =>
        Split(body, WhatsAppLimits.TextBody).Select(piece => new JsonObject
        {
            ["type"] = "text",
            ["text"] = new JsonObject { ["body"] = piece, ["preview_url"] = false },
        });

    /// <summary>An interactive message needs a body of at most 1024: what does not fit goes before it as text.</summary>
    private static List<JsonObject> Interactive(string body, IReadOnlyList<Option> options, Func<IReadOnlyList<Option>, (JsonObject Message, bool Lossy)> build)
    {
        var (message, lossy) = build(options);
        if (lossy)
            body = Join(body, Numbered(options));
        if (body.Length == 0)
            body = Numbered(options);
        var (before, question) = ("", body);
        if (body.Length > WhatsAppLimits.InteractiveBody)
        {
            // The question is usually the last paragraph: keep it with its options, send the rest first.
            var last = body.LastIndexOf("\n\n", StringComparison.Ordinal);
            if (last > 0 && body.Length - last - 2 <= WhatsAppLimits.InteractiveBody)
            {
                (before, question) = (body[..last], body[(last + 2)..]);
            }
            else
            {
                var pieces = Split(body, WhatsAppLimits.InteractiveBody);
                (before, question) = (string.Join("\n\n", pieces.Take(pieces.Count - 1)), pieces[^1]);
            }
        }
        message["interactive"]!["body"] = new JsonObject { ["text"] = question };
        return [.. TextMessages(before), message];
    }

    private static (JsonObject, bool) ButtonMessage(IReadOnlyList<Option> options)
    {
        var buttons = new JsonArray();
        for (var i = 0; i < options.Count; i++)
        {
            buttons.Add(new JsonObject
            {
                ["type"] = "reply",
                ["reply"] = new JsonObject { ["id"] = Id(options, i, WhatsAppLimits.ButtonId), ["title"] = options[i].Title },
            });
        }
        return (new JsonObject
        {
            ["type"] = "interactive",
            ["interactive"] = new JsonObject { ["type"] = "button", ["action"] = new JsonObject { ["buttons"] = buttons } },
        }, false);
    }

    private static (JsonObject, bool) ListMessage(IReadOnlyList<Option> options, string label)
    {
        var rows = new JsonArray();
        var lossy = false;
        for (var i = 0; i < options.Count; i++)
        {
            var full = options[i].Title.Trim();
            var row = new JsonObject { ["id"] = Id(options, i, WhatsAppLimits.RowId), ["title"] = Shorten(full, WhatsAppLimits.RowTitle) };
            if (full.Length > WhatsAppLimits.RowTitle)
            {
                row["description"] = Shorten(full, WhatsAppLimits.RowDescription);
                lossy |= full.Length > WhatsAppLimits.RowDescription;
            }
            rows.Add(row);
        }
        return (new JsonObject
        {
            ["type"] = "interactive",
            ["interactive"] = new JsonObject
            {
                ["type"] = "list",
                ["action"] = new JsonObject
                {
                    ["button"] = Shorten(label, WhatsAppLimits.ListButton),
                    ["sections"] = new JsonArray(new JsonObject { ["rows"] = rows }),
                },
            },
        }, lossy);
    }

    /// <summary>The option's value, unique and short enough; else its number.</summary>
    private static string Id(IReadOnlyList<Option> options, int index, int max)
    {
        var value = options[index].Value;
        var unique = options.Count(o => string.Equals(o.Value, value, StringComparison.Ordinal)) == 1;
        var isAnotherNumber = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n != index + 1;
        return value.Length is > 0 && value.Length <= max && unique && !isAnotherNumber
            ? value
            : (index + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static string Numbered(IReadOnlyList<Option> options) =>
        string.Join("\n", options.Select((o, i) => $"{i + 1}. {o.Title}"));

    private static string Join(params string[] parts) => string.Join("\n\n", parts.Where(p => p.Length > 0));

    private static int? LastBoundary(string window, string separator, int notBefore)
    {
        var at = window.LastIndexOf(separator, StringComparison.Ordinal);
        return at >= notBefore ? at + separator.Length : null;
    }

    private static int? LastSentenceEnd(string window, int notBefore)
    {
        for (var i = window.Length - 2; i >= notBefore; i--)
        {
            if (window[i] is '.' or '!' or '?' or '…' && window[i + 1] == ' ')
                return i + 1;
        }
        return null;
    }

    /// <summary>At most <paramref name="max"/> characters, never splitting a letter from its accent or an emoji.</summary>
    private static string HardCut(string text, int max)
    {
        var info = new StringInfo(text);
        var length = 0;
        for (var i = 0; i < info.LengthInTextElements; i++)
        {
            var element = info.SubstringByTextElements(i, 1);
            if (length + element.Length > max)
                break;
            length += element.Length;
        }
        return text[..length];
    }

    [GeneratedRegex(@"\s*\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Aside();

    private sealed record Option(string Title, string Value);

    /// <summary>What a reply says and offers, gathered from its text, cards and suggested actions.</summary>
    private sealed class CardContent
    {
        public List<string> Paragraphs { get; } = [];

        public List<string> Links { get; } = [];

        public List<Option> Options { get; } = [];

        public bool MultiSelect { get; private set; }

        private bool _hasChoiceSet;

        public void ReadAction(string? type, string? title, JsonElement? value)
        {
            if (type == ActionTypes.OpenUrl && value is { ValueKind: JsonValueKind.String } url)
            {
                Links.Add(string.IsNullOrWhiteSpace(title) ? url.GetString()! : $"{title}: {url.GetString()}");
                return;
            }
            if (type is ActionTypes.ImBack or ActionTypes.PostBack or ActionTypes.MessageBack && !_hasChoiceSet)
            {
                var said = value is { ValueKind: JsonValueKind.String } text ? text.GetString() : title;
                if (!string.IsNullOrWhiteSpace(said))
                    Options.Add(new Option(string.IsNullOrWhiteSpace(title) ? said : title, said));
            }
        }

        public void ReadHeroCard(JsonElement card)
        {
            foreach (var name in new[] { "title", "subtitle", "text" })
            {
                if (card.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString()))
                    Paragraphs.Add(text.GetString()!.Trim());
            }
            if (card.TryGetProperty("buttons", out var buttons) && buttons.ValueKind == JsonValueKind.Array)
            {
                foreach (var button in buttons.EnumerateArray())
                    ReadAction(String(button, "type"), String(button, "title"), button.TryGetProperty("value", out var v) ? v : null);
            }
        }

        public void ReadAdaptiveCard(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                    ReadAdaptiveCard(item);
                return;
            }
            if (element.ValueKind != JsonValueKind.Object)
                return;
            switch (String(element, "type"))
            {
                case "TextBlock" when String(element, "text") is { Length: > 0 } text:
                    // Adaptive Cards' Markdown bold is **x**; WhatsApp's is *x*.
                    Paragraphs.Add(text.Replace("**", "*", StringComparison.Ordinal).Trim());
                    return;
                case "RichTextBlock" when element.TryGetProperty("inlines", out var inlines) && inlines.ValueKind == JsonValueKind.Array:
                    Paragraphs.Add(string.Concat(inlines.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : String(i, "text"))).Trim());
                    return;
                case "FactSet" when element.TryGetProperty("facts", out var facts) && facts.ValueKind == JsonValueKind.Array:
                    Paragraphs.Add(string.Join("\n", facts.EnumerateArray().Select(f => $"{String(f, "title")}: {String(f, "value")}")));
                    return;
                case "Input.ChoiceSet" when !_hasChoiceSet && element.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array:
                    // The card's choices replace any buttons: they are what the question offers.
                    _hasChoiceSet = true;
                    Options.Clear();
                    foreach (var choice in choices.EnumerateArray())
                    {
                        if (String(choice, "value") is { Length: > 0 } value)
                            Options.Add(new Option(String(choice, "title") ?? value, value));
                    }
                    MultiSelect = element.TryGetProperty("isMultiSelect", out var multi) && multi.ValueKind == JsonValueKind.True;
                    return;
                case "Action.OpenUrl" when String(element, "url") is { Length: > 0 } url:
                    Links.Add(String(element, "title") is { Length: > 0 } title ? $"{title}: {url}" : url);
                    return;
                case "Action.Submit" or "Action.Execute" or "Image" or "Media":
                    return;
            }
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && property.Name is not "selectAction" and not "data")
                    ReadAdaptiveCard(property.Value);
            }
        }

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
