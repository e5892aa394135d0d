using System.Text.Json.Nodes;
using ProtectionBot.Content;

namespace ProtectionBot.Tests.Content;

public sealed class CardTemplatesTests
{
    [Fact]
    public void The_summary_card_binds_its_facts_from_data()
    {
        var cards = CardTemplates.Load(AppContext.BaseDirectory);

        var attachment = cards.Render("demo-summary", new JsonObject
        {
            ["title"] = "Resumen",
            ["facts"] = new JsonArray(
                new JsonObject { ["label"] = "Peligro inmediato", ["value"] = "No" },
                new JsonObject { ["label"] = "Busca", ["value"] = "Formación" }),
            ["next"] = "Pronto",
        });

        var card = JsonNode.Parse(attachment.Content!.Value.GetRawText())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("Resumen", card["body"]![0]!["text"]!.GetValue<string>());
        var facts = card["body"]![1]!["facts"]!.AsArray();
        Assert.Equal(2, facts.Count);
        Assert.Equal("Busca", facts[1]!["title"]!.GetValue<string>());
        Assert.Null(facts[0]!["$data"]);
    }

    [Fact]
    public void Every_card_is_bound_only_to_data_and_carries_no_prose()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "cards");
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var card = JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var text in Strings(card["body"]).Where(s => s.Key is "text" or "title" or "value"))
                Assert.StartsWith("${", text.Value, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s)
            ? [new KeyValuePair<string, string>(p.Key, s)]
            : Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        _ => [],
    };
}
