using System.Text.Json;
using BotProtocol.Schema;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// A conversation written as it reads, one line per utterance:
/// <code>
/// locale: es-CO
/// User: hola
/// Bot: ¿En qué idioma prefiere conversar? [Español | Français | English]
/// User: (submit) {"needs": "protection,training"}
/// Bot: (card) Gracias. Esto es lo que me contó
/// Bot: (none)
/// </code>
/// <c>[A | B]</c> lists the suggested actions offered; <c>(card) text [A | B]</c> is an Adaptive Card containing the
/// text, with those choices in its choice set; <c>(none)</c> says the bot stays silent; <c>User: (join)</c> is a
/// conversationUpdate adding the user; <c>User: (submit) {json}</c> submits the last card with those inputs; <c>\n</c>
/// in a <c>Bot:</c> line is a line break inside one message.
/// </summary>
public sealed record ChatScript(string Name, string Locale, IReadOnlyList<ChatLine> Lines)
{
    public static ChatScript Parse(string name, string text)
    {
        var locale = "es-CO";
        var lines = new List<ChatLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("locale:", StringComparison.Ordinal))
                locale = line["locale:".Length..].Trim();
            else if (line.StartsWith("User:", StringComparison.Ordinal))
                lines.Add(new ChatLine(number, IsUser: true, line["User:".Length..].Trim()));
            else if (line.StartsWith("Bot:", StringComparison.Ordinal))
                lines.Add(new ChatLine(number, IsUser: false, line["Bot:".Length..].Trim().Replace("\\n", "\n", StringComparison.Ordinal)));
            else
                throw new FormatException($"{name}:{number}: a line starts with 'User:', 'Bot:', 'locale:' or '#'.");
        }
        return new ChatScript(name, locale, lines);
    }

    /// <summary>Plays the script against the bot; returns every activity exchanged, as a transcript.</summary>
    public async Task<List<Activity>> PlayAsync(BotClient bot)
    {
        var transcript = new List<Activity>();
        var pending = new Queue<Activity>();
        foreach (var line in Lines)
        {
            if (line.IsUser)
            {
                AssertAllConsumed(pending, line);
                var (sent, replies) = await SendAsync(bot, line.Text);
                transcript.Add(sent);
                foreach (var reply in replies)
                {
                    var stamped = reply with { From = reply.From! with { Role = RoleTypes.Bot } };
                    transcript.Add(stamped);
                    pending.Enqueue(stamped);
                }
                continue;
            }
            if (line.Text == "(none)")
            {
                AssertAllConsumed(pending, line);
                continue;
            }
            if (!pending.TryDequeue(out var actual))
                throw new ChatMismatchException($"{Name}:{line.Number}: expected the bot to say \"{line.Text}\" but it said nothing more.");
            if (line.Text.StartsWith("(event)", StringComparison.Ordinal))
            {
                var name = line.Text["(event)".Length..].Trim();
                if (actual.Type != ActivityTypes.Event || actual.Name != name)
                    throw new ChatMismatchException($"{Name}:{line.Number}: expected the event {name} but the bot said {ChatExpectation.Describe(actual)}");
                continue;
            }
            ChatExpectation.Parse(line.Text).Assert(actual, $"{Name}:{line.Number}");
        }
        AssertAllConsumed(pending, new ChatLine(Lines.Count == 0 ? 0 : Lines[^1].Number + 1, false, ""));
        return transcript;
    }

    /// <summary>
    /// Plays the user's lines and writes the script again with what the bot said: a <c>Bot:</c> line that still matches
    /// is kept as written, one that does not is replaced, and comments stay. For reviewing a change in a diff.
    /// </summary>
    public static async Task<string> RecordAsync(BotClient bot, string original)
    {
        var source = original.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var output = new List<string>();
        var expected = new Queue<string>();
        var replies = new Queue<Activity>();
        void Flush()
        {
            foreach (var reply in replies)
            {
                var kept = expected.Count > 0 ? expected.Dequeue() : null;
                output.Add(kept is not null && Matches(kept, reply) ? "Bot: " + kept.Replace("\n", "\\n", StringComparison.Ordinal) : "Bot: " + Written(reply));
            }
            replies.Clear();
            expected.Clear();
        }
        foreach (var raw in source)
        {
            var line = raw.Trim();
            if (line.StartsWith("Bot:", StringComparison.Ordinal))
            {
                expected.Enqueue(line["Bot:".Length..].Trim().Replace("\\n", "\n", StringComparison.Ordinal));
                continue;
            }
            if (line.StartsWith("User:", StringComparison.Ordinal))
            {
                Flush();
                output.Add(raw.TrimEnd());
                foreach (var reply in (await SendAsync(bot, line["User:".Length..].Trim())).Replies)
                    replies.Enqueue(reply);
                continue;
            }
            if (replies.Count == 0 || line.Length > 0)
                output.Add(raw.TrimEnd());
        }
        Flush();
        return string.Join('\n', output).TrimEnd() + "\n";
    }

    private static bool Matches(string expected, Activity actual)
    {
        if (expected == "(none)")
            return false;
        if (expected.StartsWith("(event)", StringComparison.Ordinal))
            return actual.Type == ActivityTypes.Event && actual.Name == expected["(event)".Length..].Trim();
        try
        {
            ChatExpectation.Parse(expected).Assert(actual, "");
            return true;
        }
        catch (ChatMismatchException)
        {
            return false;
        }
    }

    private static string Written(Activity reply)
    {
        if (reply.Type == ActivityTypes.Event)
            return $"(event) {reply.Name}";
        var described = ChatExpectation.Describe(reply);
        if (described.StartsWith("(card)", StringComparison.Ordinal))
        {
            // A card is expected by one of its texts: the first.
            var open = described.IndexOf('"', StringComparison.Ordinal);
            var close = described.IndexOf(" / ", open, StringComparison.Ordinal) is var slash and > 0 ? slash : described.LastIndexOf('"');
            var choices = described.LastIndexOf(" [", StringComparison.Ordinal) is var at and > 0 && described.EndsWith("[]", StringComparison.Ordinal) is false ? described[at..] : "";
            return "(card) " + described[(open + 1)..close].Replace("\n", "\\n", StringComparison.Ordinal) + choices;
        }
        var offered = reply.SuggestedActions?.Actions.Select(a => a.Title).ToList();
        return (reply.Text ?? "").Replace("\n", "\\n", StringComparison.Ordinal) + (offered is { Count: > 0 } ? $" [{string.Join(" | ", offered)}]" : "");
    }

    private static async Task<(Activity Sent, IReadOnlyList<Activity> Replies)> SendAsync(BotClient bot, string text)
    {
        Activity sent;
        if (text == "(join)")
            sent = bot.NewActivity(ActivityTypes.ConversationUpdate) with { MembersAdded = [new ChannelAccount { Id = "bot" }, new ChannelAccount { Id = bot.UserId }] };
        else if (text.StartsWith("(submit)", StringComparison.Ordinal))
        {
            using var inputs = JsonDocument.Parse(text["(submit)".Length..]);
            var replies = await bot.SubmitAsync(inputs.RootElement);
            return (bot.LastSent!, replies);
        }
        else
            sent = bot.NewActivity(ActivityTypes.Message) with { Text = text };
        return (sent, await bot.SendAsync(sent));
    }

    private void AssertAllConsumed(Queue<Activity> pending, ChatLine line)
    {
        if (pending.Count > 0)
            throw new ChatMismatchException($"{Name}:{line.Number}: the bot said more than the script expects: {ChatExpectation.Describe(pending.Peek())}");
    }
}

public sealed record ChatLine(int Number, bool IsUser, string Text);

public sealed class ChatMismatchException(string message) : Exception(message)
{
    public ChatMismatchException() : this("The conversation differs from its script.") { }

    public ChatMismatchException(string message, Exception inner) : this(message) => _ = inner;
}
