using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BotProtocol.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>
/// The real app with its WhatsApp channel pointed at a <see cref="FakeWhatsAppCloudApi"/>: webhooks are posted to
/// <c>/api/whatsapp</c> signed with the app secret, as Meta signs them, and the bot's messages are read from the fake.
/// The store is in memory so a test can see when every queued message has been handled.
/// </summary>
internal sealed partial class WhatsAppBot : IAsyncDisposable
{
    public const string AppSecret = "test-app-secret-5b1e07c3";
    public const string VerifyToken = "test-verify-token-9d44aa";

    private WhatsAppBot(BotApplication app, FakeWhatsAppCloudApi graph)
    {
        App = app;
        Graph = graph;
        Http = app.CreateClient();
    }

    public BotApplication App { get; }

    public FakeWhatsAppCloudApi Graph { get; }

    public HttpClient Http { get; }

    public CapturedLogs Logs => App.Logs;

    /// <summary>The store underneath the encryption, to see what is queued and kept.</summary>
    public InMemoryConversationStore Store { get; private init; } = null!;

    public static async Task<WhatsAppBot> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var graph = await FakeWhatsAppCloudApi.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "InMemory",
            ["WhatsApp:PhoneNumberId"] = FakeWhatsAppCloudApi.PhoneNumberId,
            ["WhatsApp:AccessToken"] = FakeWhatsAppCloudApi.AccessToken,
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = VerifyToken,
            ["WhatsApp:GraphApiBaseUrl"] = graph.BaseUrl,
            ["WorkQueue:PollInterval"] = "00:00:00.05",
            ["WorkQueue:FirstBackoff"] = "00:00:00.05",
            ["WorkQueue:MaxBackoff"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var memory = new InMemoryConversationStore();
        var app = new BotApplication(all, collection =>
        {
            // The same encryption as production, over a store the test can count.
            collection.AddSingleton(provider => ProtectionBot.Storage.Encryption.EncryptedConversationStore.Over(
                memory, provider.GetRequiredService<ProtectionBot.Storage.Encryption.StorageKeyRing>(), provider.GetRequiredService<BotProtocol.Turns.Pseudonyms>(),
                provider.GetRequiredService<ILogger<ProtectionBot.Storage.Encryption.EncryptedConversationStore>>(), provider.GetRequiredService<ProtectionBot.Storage.StorageMetrics>()));
            services?.Invoke(collection);
        });
        _ = app.Server; // start the host (and its work dispatcher) now
        return new WhatsAppBot(app, graph) { Store = memory };
    }

    public WhatsAppPhone Phone(string waId, string? profileName = null, TimeProvider? clock = null) =>
        new(Graph, DeliverAsync, waId, profileName) { Clock = clock ?? TimeProvider.System };

    public static string Sign(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/whatsapp") { Content = content };
        if (signature is not null)
            request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts a webhook signed as Meta signs it, expects 200, and waits until the bot has handled what it queued.</summary>
    public async Task DeliverAsync(byte[] body)
    {
        using var response = await PostAsync(body, Sign(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitUntilIdleAsync();
    }

    /// <summary>A fixture of <c>tests/fixtures/whatsapp</c>, its timestamps moved to <paramref name="at"/> (fixtures are old; the window is not).</summary>
    public static byte[] Fixture(string name, DateTimeOffset? at = null)
    {
        var text = RepositoryFiles.ReadText("tests", "fixtures", "whatsapp", name + ".json");
        if (at is { } when)
            text = Timestamp().Replace(text, $"\"timestamp\": \"{when.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}\"");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Every queued inbound message has had its turn (delivered, or given up).</summary>
    public async Task WaitUntilIdleAsync()
    {
        var store = Store;
        for (var waited = 0; store.PendingWork > 0; waited += 20)
        {
            if (waited > 15_000)
                throw new TimeoutException($"{store.PendingWork} inbound message(s) still queued after 15 s.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Graph.DisposeAsync();
    }

    [GeneratedRegex("\"timestamp\": \"\\d+\"")]
    private static partial Regex Timestamp();
}

/// <summary>
/// A person's phone on WhatsApp: what they type or tap becomes the webhook Meta would send, and what the bot
/// answered is read back as the messages the fake Graph API accepted for this number. <paramref name="deliver"/> posts
/// a webhook to the bot and returns once the bot has handled it.
/// </summary>
internal sealed class WhatsAppPhone(FakeWhatsAppCloudApi graph, Func<byte[], Task> deliver, string waId, string? profileName)
{
    private static int s_lastId;

    public string WaId => waId;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Every message the bot sent to this phone, in order.</summary>
    public IReadOnlyList<BotMessage> Heard => [.. graph.MessagesTo(waId).Select(m => new BotMessage(m))];

    public Task<IReadOnlyList<BotMessage>> SaysAsync(string text) =>
        SendsAsync(new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = text } });

    /// <summary>Taps a quick-reply button of a template: WhatsApp sends a <c>button</c> message with the payload the bot set.</summary>
    public Task<IReadOnlyList<BotMessage>> TapsTemplateButtonAsync(string payload, string text) =>
        SendsAsync(new JsonObject { ["type"] = "button", ["button"] = new JsonObject { ["payload"] = payload, ["text"] = text } });

    /// <summary>Taps the button or list row showing this text (as its title or its description) in the latest message that offered it.</summary>
    public Task<IReadOnlyList<BotMessage>> TapsAsync(string title)
    {
        var offering = Heard.LastOrDefault(m => m.Options.Any(o => o.Title == title || o.Description == title))
            ?? throw new InvalidOperationException($"No button or row \"{title}\" was offered. Heard: {BotMessage.Describe(Heard)}");
        var option = offering.Options.Last(o => o.Title == title || o.Description == title);
        var kind = offering.IsList ? "list_reply" : "button_reply";
        return SendsAsync(new JsonObject
        {
            ["type"] = "interactive",
            ["context"] = new JsonObject { ["from"] = "15550001111", ["id"] = "wamid.OUT-0000" },
            ["interactive"] = new JsonObject { ["type"] = kind, [kind] = new JsonObject { ["id"] = option.Id, ["title"] = option.Title } },
        });
    }

    /// <summary>Sends one message object (its <c>from</c>, <c>id</c> and <c>timestamp</c> filled in); returns the bot's answers.</summary>
    public async Task<IReadOnlyList<BotMessage>> SendsAsync(JsonObject message, string? wamid = null)
    {
        var before = Heard.Count;
        await deliver(Webhook(message, wamid));
        return [.. Heard.Skip(before)];
    }

    public byte[] Webhook(JsonObject message, string? wamid = null)
    {
        var now = Clock.GetUtcNow();
        graph.UserWrote(waId, now);
        var full = new JsonObject
        {
            ["from"] = waId,
            ["id"] = wamid ?? $"wamid.PHONE-{Interlocked.Increment(ref s_lastId):000000}",
            ["timestamp"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in message)
            full[name] = value?.DeepClone();
        var envelope = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "100000000000001",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["value"] = new JsonObject
                    {
                        ["messaging_product"] = "whatsapp",
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550001111", ["phone_number_id"] = FakeWhatsAppCloudApi.PhoneNumberId },
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = profileName ?? "Someone" }, ["wa_id"] = waId }),
                        ["messages"] = new JsonArray(full),
                    },
                    ["field"] = "messages",
                }),
            }),
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}

/// <summary>One message the bot sent, as the person sees it: a text, or a body with buttons or a list.</summary>
internal sealed record BotMessage(JsonObject Body)
{
    public string Type => (string?)Body["type"] ?? "";

    public bool IsList => (string?)Body["interactive"]?["type"] == "list";

    public bool IsButtons => (string?)Body["interactive"]?["type"] == "button";

    public string Text => (string?)Body["text"]?["body"] ?? (string?)Body["interactive"]?["body"]?["text"] ?? "";

    public IReadOnlyList<OfferedOption> Options =>
        IsButtons
            ? [.. Body["interactive"]!["action"]!["buttons"]!.AsArray().Select(b => new OfferedOption((string)b!["reply"]!["id"]!, (string)b["reply"]!["title"]!, null))]
            : IsList
                ? [.. Body["interactive"]!["action"]!["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray())
                    .Select(r => new OfferedOption((string)r!["id"]!, (string)r["title"]!, (string?)r["description"]))]
                : [];

    public IReadOnlyList<string> Titles => [.. Options.Select(o => o.Title)];

    public string? TemplateName => (string?)Body["template"]?["name"];

    /// <summary>A template's body parameters, in order.</summary>
    public IReadOnlyList<string> TemplateParameters =>
        [.. (Body["template"]?["components"]?.AsArray() ?? []).Where(c => (string?)c!["type"] == "body")
            .SelectMany(c => c!["parameters"]!.AsArray()).Select(p => (string)p!["text"]!)];

    /// <summary>The payloads a template's quick-reply buttons were given, in button order.</summary>
    public IReadOnlyList<string> QuickReplyPayloads =>
        [.. (Body["template"]?["components"]?.AsArray() ?? []).Where(c => (string?)c!["type"] == "button" && (string?)c["sub_type"] == "quick_reply")
            .Select(c => (string)c!["parameters"]![0]!["payload"]!)];

    public override string ToString() => $"\"{Text}\"" + (Options.Count > 0 ? $" [{string.Join(" | ", Titles)}]" : "");

    public static string Describe(IEnumerable<BotMessage> messages) => string.Join(" / ", messages);
}

internal sealed record OfferedOption(string Id, string Title, string? Description);
