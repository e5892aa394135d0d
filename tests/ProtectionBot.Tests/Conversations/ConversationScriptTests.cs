using System.Runtime.CompilerServices;
using System.Text.Json;
using BotProtocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Conversations;

/// <summary>
/// Replays every <c>Conversations/{es,fr,en}/*.chat</c> script through the real endpoint and pipeline. One script, the
/// Spanish interview, is also kept as a Bot Framework <c>.transcript</c> (<c>tests/fixtures/botframework/</c>): the
/// activities exactly as they cross the wire, for tools that read transcripts. It must be what the bot sends today, and
/// it replays the way botbuilder's TestAdapter replays one.
/// Set PROTECTIONBOT_RECORD_TRANSCRIPTS=1 to write it again after changing that conversation.
/// </summary>
public sealed class ConversationScriptTests
{
    public static TheoryData<string> Scripts() => [.. Files("*.chat")];

    /// <summary>The script whose wire format is kept, and where.</summary>
    private static readonly string FixtureScript = Path.Combine("es", "interview.chat");

    private static readonly string FixturePath = RepositoryFiles.PathOf("tests", "fixtures", "botframework", "interview.es.transcript");

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Conversation_goes_as_scripted(string script)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(ScriptsFolder, script), TestContext.Current.CancellationToken);
        var chat = ChatScript.Parse(script, text);
        await using var app = new BotApplication(services: s => s.AddSingleton<TimeProvider>(new ScriptedTime(ScriptedTime.Night)));
        var bot = new BotClient(app.CreateClient(), chat.Locale);
        // PROTECTIONBOT_RECORD_CHATS=1 writes the script again from what the bot says, to review the change as a diff.
        if (Environment.GetEnvironmentVariable("PROTECTIONBOT_RECORD_CHATS") == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(SourceFolder(), script), await ChatScript.RecordAsync(bot, text), TestContext.Current.CancellationToken);
            return;
        }

        var transcript = await chat.PlayAsync(bot);

        if (script == FixtureScript && Environment.GetEnvironmentVariable("PROTECTIONBOT_RECORD_TRANSCRIPTS") == "1")
            await File.WriteAllTextAsync(FixturePath, Serialize(transcript), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_wire_fixture_is_what_the_bot_sends_for_its_script()
    {
        var chat = ChatScript.Parse(FixtureScript, await File.ReadAllTextAsync(Path.Combine(ScriptsFolder, FixtureScript), TestContext.Current.CancellationToken));
        await using var app = new BotApplication(services: s => s.AddSingleton<TimeProvider>(new ScriptedTime(ScriptedTime.Night)));
        var bot = new BotClient(app.CreateClient(), chat.Locale);
        var fixture = await File.ReadAllTextAsync(FixturePath, TestContext.Current.CancellationToken);

        var transcript = Serialize(await chat.PlayAsync(bot));

        // Each run opens a conversation of its own; everything else must be byte for byte what the fixture holds.
        var recordedId = JsonSerializer.Deserialize(fixture, ProtocolJsonContext.Default.ListActivity)![0].Conversation!.Id;
        Assert.Equal(fixture.ReplaceLineEndings("\n"), transcript.Replace(bot.ConversationId, recordedId, StringComparison.Ordinal).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task The_wire_fixture_replays_as_a_transcript()
    {
        var recorded = JsonSerializer.Deserialize(await File.ReadAllTextAsync(FixturePath, TestContext.Current.CancellationToken), ProtocolJsonContext.Default.ListActivity)!;
        await using var app = new BotApplication(services: s => s.AddSingleton<TimeProvider>(new ScriptedTime(ScriptedTime.Night)));
        var bot = new BotClient(app.CreateClient());
        var pending = new Queue<Activity>();

        foreach (var activity in recorded)
        {
            if (activity.From?.Role == RoleTypes.Bot)
            {
                Assert.True(pending.TryDequeue(out var actual), $"the bot did not say \"{activity.Text}\"");
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
