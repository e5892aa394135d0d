using System.Runtime.CompilerServices;
using System.Text.Json;
using BotProtocol.Schema;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Conversations;

/// <summary>
/// Replays every <c>Conversations/{es,fr,en}/*.chat</c> script through the real endpoint and pipeline, and every
/// recorded <c>.transcript</c> the way botbuilder's TestAdapter replays one: activities from the bot are expected
/// replies (type, text, speak and suggested actions compared); every other activity is sent.
/// Set PROTECTIONBOT_RECORD_TRANSCRIPTS=1 to rewrite the transcripts from the scripts after changing a conversation.
/// </summary>
public sealed class ConversationScriptTests
{
    public static TheoryData<string> Scripts() => [.. Files("*.chat")];

    public static TheoryData<string> Transcripts() => [.. Files("*.transcript")];

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Conversation_goes_as_scripted(string script)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(ScriptsFolder, script), TestContext.Current.CancellationToken);
        var chat = ChatScript.Parse(script, text);
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), chat.Locale);
        // PROTECTIONBOT_RECORD_CHATS=1 writes the script again from what the bot says, to review the change as a diff.
        if (Environment.GetEnvironmentVariable("PROTECTIONBOT_RECORD_CHATS") == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(SourceFolder(), script), await ChatScript.RecordAsync(bot, text), TestContext.Current.CancellationToken);
            return;
        }

        var transcript = await chat.PlayAsync(bot);

        if (Environment.GetEnvironmentVariable("PROTECTIONBOT_RECORD_TRANSCRIPTS") == "1")
            await File.WriteAllTextAsync(Path.Combine(SourceFolder(), Path.ChangeExtension(script, ".transcript")), Serialize(transcript), TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Recorded_transcript_replays_identically(string file)
    {
        var recorded = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(ScriptsFolder, file), TestContext.Current.CancellationToken), ProtocolJsonContext.Default.ListActivity)!;
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient());
        var pending = new Queue<Activity>();

        foreach (var activity in recorded)
        {
            if (activity.From?.Role == RoleTypes.Bot)
            {
                Assert.True(pending.TryDequeue(out var actual), $"{file}: the bot did not say \"{activity.Text}\"");
                Assert.Equal(activity.Type, actual.Type);
                Assert.Equal(activity.Text, actual.Text);
                Assert.Equal(activity.Speak, actual.Speak);
                Assert.Equal(Json(activity.SuggestedActions), Json(actual.SuggestedActions));
                continue;
            }
            Assert.Empty(pending);
            foreach (var reply in await bot.SendAsync(activity with { DeliveryMode = DeliveryModes.ExpectReplies }))
                pending.Enqueue(reply);
        }
        Assert.Empty(pending);
    }

    [Fact]
    public void Every_script_has_its_recorded_transcript()
    {
        var scripts = Files("*.chat").Select(f => Path.ChangeExtension(f, null));
        var transcripts = Files("*.transcript").Select(f => Path.ChangeExtension(f, null));

        Assert.Equal(scripts.Order(), transcripts.Order());
    }

    [Fact]
    public void Every_language_has_the_same_scenarios()
    {
        var byLanguage = new[] { "es", "fr", "en" }
            .Select(l => Directory.GetFiles(Path.Combine(ScriptsFolder, l), "*.chat").Select(Path.GetFileName).Order().ToList())
            .ToList();

        Assert.NotEmpty(byLanguage[0]);
        Assert.Equal(byLanguage[0], byLanguage[1]);
        Assert.Equal(byLanguage[0], byLanguage[2]);
    }

    private static readonly string ScriptsFolder = Path.Combine(AppContext.BaseDirectory, "Conversations");

    private static IEnumerable<string> Files(string pattern) =>
        Directory.GetFiles(ScriptsFolder, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ScriptsFolder, f))
            .Order(StringComparer.Ordinal);

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string Json(SuggestedActions? actions) =>
        actions is null ? "" : JsonSerializer.Serialize(actions, TranscriptJsonContext.Default.SuggestedActions);

    // Relaxed escaping keeps "¿Qué?" readable in the file instead of \u00BF sequences.
    private static readonly JsonSerializerOptions TranscriptOptions = new(TranscriptJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Serialize(List<Activity> transcript) =>
        JsonSerializer.Serialize(transcript, TranscriptOptions.GetTypeInfo(typeof(List<Activity>))) + "\n";
}
