using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Schema;

namespace ProtectionBot.Content;

/// <summary>
/// Adaptive Card templates from <c>cards/*.json</c>, bound to data with the Adaptive Cards templating language
/// subset the cards use: <c>${path}</c> (a whole-string binding keeps the value's JSON type, an embedded one
/// becomes text), <c>$data</c> on an array item (repeat it for each element) and <c>$when</c> (keep the element only
/// when the bound value is true). Cards carry bindings only; their prose comes from the text catalogue.
/// </summary>
internal sealed class CardTemplates
{
    private readonly Dictionary<string, JsonObject> _templates;

    private CardTemplates(Dictionary<string, JsonObject> templates) => _templates = templates;

    public IEnumerable<string> Names => _templates.Keys;

    public Attachment Render(string name, JsonObject data)
    {
        if (!_templates.TryGetValue(name, out var template))
            throw new KeyNotFoundException($"No card template 'cards/{name}.json'.");
        var card = Bind(template, data, data) ?? new JsonObject();
        return new Attachment
        {
            ContentType = AttachmentContentTypes.AdaptiveCard,
            Content = JsonSerializer.SerializeToElement(card, ContentJsonContext.Default.JsonNode),
        };
    }

    public static CardTemplates Load(string contentRoot)
    {
        var problems = new List<string>();
        var templates = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var folder = Path.Combine(contentRoot, "cards");
        foreach (var path in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : [])
        {
            var relative = $"cards/{Path.GetFileName(path)}";
            try
            {
                var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
                if (node is not JsonObject card || card["type"]?.GetValue<string>() != "AdaptiveCard" || card["version"] is null)
                {
                    problems.Add($"{relative}:1: not an Adaptive Card (needs \"type\": \"AdaptiveCard\" and a \"version\")");
                    continue;
                }
                templates[Path.GetFileNameWithoutExtension(path)] = card;
            }
            catch (JsonException e)
            {
                problems.Add($"{relative}:{(e.LineNumber ?? 0) + 1}: {e.Message}");
            }
        }
        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new CardTemplates(templates);
    }

    private static JsonNode? Bind(JsonNode? node, JsonNode? scope, JsonObject root) => node switch
    {
        JsonObject obj => BindObject(obj, scope, root),
        JsonArray array => BindArray(array, scope, root),
        JsonValue value when value.TryGetValue<string>(out var text) => BindString(text, scope, root),
        _ => node?.DeepClone(),
    };

    private static JsonObject? BindObject(JsonObject template, JsonNode? scope, JsonObject root)
    {
        if (template["$when"] is JsonValue when && when.TryGetValue<string>(out var condition) && !IsTrue(BindString(condition, scope, root)))
            return null;
        var result = new JsonObject();
        foreach (var (name, value) in template)
        {
            if (name is "$when" or "$data")
                continue;
            result[name] = Bind(value, scope, root);
        }
        return result;
    }

    private static JsonArray BindArray(JsonArray template, JsonNode? scope, JsonObject root)
    {
        var result = new JsonArray();
        foreach (var item in template)
        {
            if (item is JsonObject obj && obj["$data"] is JsonValue data && data.TryGetValue<string>(out var dataBinding))
            {
                var items = BindString(dataBinding, scope, root);
                foreach (var element in items is JsonArray list ? [.. list] : new[] { items })
                {
                    if (BindObject(obj, element, root) is { } bound)
                        result.Add(bound);
                }
                continue;
            }
            if (Bind(item, scope, root) is { } boundItem)
                result.Add(boundItem);
        }
        return result;
    }

    private static JsonNode? BindString(string text, JsonNode? scope, JsonObject root)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
            return JsonValue.Create(text);
        // A string that is exactly one binding takes the bound value's own JSON type (arrays, numbers, booleans).
        if (start == 0 && text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1)
            return Resolve(text[2..^1], scope, root)?.DeepClone();

        var builder = new System.Text.StringBuilder();
        var position = 0;
        while (start >= 0)
        {
            var end = text.IndexOf('}', start);
            if (end < 0)
                break;
            builder.Append(text, position, start - position);
            var value = Resolve(text[(start + 2)..end], scope, root);
            builder.Append(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString());
            position = end + 1;
            start = text.IndexOf("${", position, StringComparison.Ordinal);
        }
        builder.Append(text, position, text.Length - position);
        return JsonValue.Create(builder.ToString());
    }

    private static JsonNode? Resolve(string path, JsonNode? scope, JsonObject root)
    {
        var current = scope;
        foreach (var segment in path.Trim().Split('.'))
        {
            current = segment switch
            {
                "$root" => root,
                "$data" => current,
                _ => current is JsonObject obj ? obj[segment] : null,
            };
            if (current is null)
                return null;
        }
        return current;
    }

    private static bool IsTrue(JsonNode? value) => value is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
