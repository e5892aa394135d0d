using System.Text.Json.Nodes;
using ProtectionBot.Content;

namespace ProtectionBot.Tests.Content;

public sealed class CardTemplatesTests
{
    [Fact]
    public void The_emergency_card_repeats_a_block_for_each_contact_and_a_line_for_each_piece_of_advice()
    {
        var cards = CardTemplates.Load(AppContext.BaseDirectory);

        var attachment = cards.Render("emergency", new JsonObject
        {
            ["title"] = "Si está en peligro ahora",
            ["lines"] = new JsonArray("Vaya a un lugar seguro.", "Avise a alguien de confianza."),
            ["contacts"] = new JsonArray(
                new JsonObject { ["name"] = "Línea de emergencia", ["phone"] = "+353 1 210 0489", ["hours"] = "24 h" },
                new JsonObject { ["name"] = "Línea digital", ["phone"] = "help@accessnow.org", ["hours"] = "2 h" }),
        });

        var card = JsonNode.Parse(attachment.Content!.Value.GetRawText())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("Si está en peligro ahora", card["body"]![0]!["text"]!.GetValue<string>());
        var lines = card["body"]![1]!["items"]!.AsArray();
        Assert.Equal(["Vaya a un lugar seguro.", "Avise a alguien de confianza."], lines.Select(l => l!["text"]!.GetValue<string>()));
        Assert.Equal(4, card["body"]!.AsArray().Count);
        Assert.DoesNotContain("$data", card.ToJsonString(), StringComparison.Ordinal);
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
