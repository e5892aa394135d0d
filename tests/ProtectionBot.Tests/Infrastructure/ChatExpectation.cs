using System.Text.Json;
using BotProtocol.Schema;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>One <c>Bot:</c> line: the text said (or a card containing it) and the choices offered.</summary>
public sealed record ChatExpectation(bool IsCard, string Text, IReadOnlyList<string>? Choices)
{
    public static ChatExpectation Parse(string line)
    {
        var isCard = line.StartsWith("(card)", StringComparison.Ordinal);
        if (isCard)
            line = line["(card)".Length..].Trim();
        IReadOnlyList<string>? choices = null;
        if (line.EndsWith(']') && line.LastIndexOf(" [", StringComparison.Ordinal) is var open and >= 0)
        {
            choices = [.. line[(open + 2)..^1].Split('|').Select(c => c.Trim())];
            line = line[..open].TrimEnd();
        }
        return new ChatExpectation(isCard, line, choices);
    }

    public void Assert(Activity actual, string where)
    {
        if (IsCard)
        {
            var card = actual.Attachments?.FirstOrDefault(a => a.ContentType == AttachmentContentTypes.AdaptiveCard)?.Content;
            if (card is null)
                throw Mismatch(where, actual);
            var texts = CardTexts(card.Value).ToList();
            if (!texts.Any(t => t.Contains(Text, StringComparison.Ordinal)))
                throw Mismatch(where, actual);
            if (Choices is not null && !Choices.SequenceEqual(CardChoices(card.Value)))
                throw Mismatch(where, actual);
            return;
        }
        if (actual.Text != Text)
            throw Mismatch(where, actual);
        var offered = actual.SuggestedActions?.Actions.Select(a => a.Title ?? "").ToList();
        if (Choices is null ? offered is { Count: > 0 } : offered is null || !Choices.SequenceEqual(offered))
            throw Mismatch(where, actual);
    }

    private ChatMismatchException Mismatch(string where, Activity actual) =>
        new($"{where}: expected {(IsCard ? "(card) " : "")}\"{Text}\"{(Choices is null ? "" : $" [{string.Join(" | ", Choices)}]")}{Environment.NewLine}   but the bot said {Describe(actual)}");

    public static string Describe(Activity activity)
    {
        var card = activity.Attachments?.FirstOrDefault(a => a.ContentType == AttachmentContentTypes.AdaptiveCard)?.Content;
        if (card is not null)
            return $"(card) \"{string.Join(" / ", CardTexts(card.Value))}\" [{string.Join(" | ", CardChoices(card.Value))}]";
        var offered = activity.SuggestedActions?.Actions.Select(a => a.Title).ToList();
        if (activity.Type == ActivityTypes.Event)
            return $"(event) {activity.Name}";
        return $"\"{activity.Text?.Replace("\n", "\\n", StringComparison.Ordinal)}\"" + (offered is { Count: > 0 } ? $" [{string.Join(" | ", offered)}]" : "");
    }

    private static IEnumerable<string> CardTexts(JsonElement element) => Walk(element)
        .Where(e => e.TryGetProperty("type", out var t) && t.GetString() is "TextBlock")
        .Select(e => e.GetProperty("text").GetString() ?? "")
        .Concat(Walk(element).Where(e => e.TryGetProperty("type", out var t) && t.GetString() is "FactSet")
            .SelectMany(e => e.GetProperty("facts").EnumerateArray())
            .Select(f => $"{f.GetProperty("title").GetString()}: {f.GetProperty("value").GetString()}"));

    private static IEnumerable<string> CardChoices(JsonElement element) => Walk(element)
        .Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "Input.ChoiceSet")
        .SelectMany(e => e.GetProperty("choices").EnumerateArray())
        .Select(c => c.GetProperty("title").GetString() ?? "");

    private static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var property in element.EnumerateObject())
            {
                foreach (var child in Walk(property.Value))
                    yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var child in Walk(item))
                    yield return child;
            }
        }
    }
}
