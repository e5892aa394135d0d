using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace ProtectionBot.Bench;

/// <summary>
/// The Graph API's send endpoint on a loopback port: it accepts every message (and read receipt) the bot sends and
/// notes when each arrived, per recipient, so a defender knows when the bot's answer reached the phone.
/// </summary>
internal sealed class FakeGraphApi : IAsyncDisposable
{
    public const string PhoneNumberId = "200000000000002";
    public const string AccessToken = "bench-access-token";

    private LoopbackServer? _server;
    private readonly ConcurrentDictionary<string, Channel<SentMessage>> _inboxes = new(StringComparer.Ordinal);
    private int _lastId;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeGraphApi> StartAsync()
    {
        var fake = new FakeGraphApi();
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        fake.BaseUrl = fake._server.BaseUrl;
        return fake;
    }

    public ChannelReader<SentMessage> Inbox(string waId) => InboxOf(waId).Reader;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private Channel<SentMessage> InboxOf(string waId) => _inboxes.GetOrAdd(waId, _ => Channel.CreateUnbounded<SentMessage>());

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted)) as JsonObject;
        context.Response.ContentType = "application/json";
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {AccessToken}" || body is null)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":{"message":"Invalid OAuth access token","type":"OAuthException","code":190}}""", context.RequestAborted);
            return;
        }
        if ((string?)body["status"] == "read")
        {
            await context.Response.WriteAsync("""{"success":true}""", context.RequestAborted);
            return;
        }
        var to = (string?)body["to"] ?? "";
        var id = $"wamid.OUT-{Interlocked.Increment(ref _lastId)}";
        InboxOf(to).Writer.TryWrite(new SentMessage(body, arrived));
        await context.Response.WriteAsync($$"""{"messaging_product":"whatsapp","contacts":[{"input":"{{to}}","wa_id":"{{to}}"}],"messages":[{"id":"{{id}}"}]}""", context.RequestAborted);
    }
}

/// <summary>One message the bot sent, and when it reached the fake (a <see cref="Stopwatch"/> timestamp).</summary>
internal sealed record SentMessage(JsonObject Body, long ArrivedAt)
{
    public IEnumerable<string> OptionIds =>
        (string?)Body["interactive"]?["type"] switch
        {
            "button" => Body["interactive"]!["action"]!["buttons"]!.AsArray().Select(b => (string)b!["reply"]!["id"]!),
            "list" => Body["interactive"]!["action"]!["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray()).Select(r => (string)r!["id"]!),
            _ => [],
        };

    public string Text => (string?)Body["text"]?["body"] ?? (string?)Body["interactive"]?["body"]?["text"] ?? "";

    public string Describe() => $"{(Text.Length > 70 ? Text[..70] + "…" : Text).ReplaceLineEndings(" ")} [{string.Join(" | ", OptionIds)}]";
}

/// <summary>
/// Defenders on WhatsApp: each answer is a webhook signed as Meta signs it, posted to <c>/api/whatsapp</c>, and the
/// turn is over when the bot's last message for it reaches the fake Graph API. One defender first goes through the
/// interview alone, waiting for silence after each answer, to learn how many messages each answer brings; the others
/// then expect exactly that many.
/// </summary>
internal sealed class WhatsAppLoad(HttpClient bot, FakeGraphApi graph, string appSecret)
{
    /// <summary>
    /// A whole interview in Spanish, as the tests' Colombian defender goes through it, up to the recommendations and
    /// the offer of a partner organisation: a tap names the position of a button or list row in the bot's last
    /// message; anything else is typed. When the interview gains a question, the calibration's "taps option n, but the
    /// bot's last message offered" names it; <c>--verbose</c> shows the whole walk.
    /// </summary>
    private static readonly (int Tap, string Text)[] Script =
    [
        (-1, "hola"),
        (0, ""),                   // Sí, en español
        (1, ""),                   // not in immediate danger
        (0, ""),                   // consent to keep the answers
        (-1, "estoy en Colombia"),
        (-1, "1, 2"),              // threats and physical attacks, by number
        (0, ""),                   // who is at risk: myself
        (0, ""),                   // woman
        (-1, "5"),                 // work, by number
        (0, ""),                   // still happening
        (0, ""),                   // state agents
        (0, ""),                   // may have to leave
        (0, ""),                   // no description
    ];

    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(30);

    private int _lastWamid;

    public static int TurnsPerInterview => Script.Length;

    /// <summary>Messages the bot sends after each answer, learnt by one defender on a quiet bot.</summary>
    public async Task<int[]> CalibrateAsync(bool verbose)
    {
        var waId = "573009999999";
        var counts = new int[Script.Length];
        SentMessage? last = null;
        for (var step = 0; step < Script.Length; step++)
        {
            await PostAsync(waId, Answer(step, last));
            var inbox = graph.Inbox(waId);
            var heard = new List<SentMessage>();
            while (true)
            {
                using var quiet = new CancellationTokenSource(heard.Count == 0 ? TurnTimeout : Quiet);
                try
                {
                    heard.Add(await inbox.ReadAsync(quiet.Token));
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            if (heard.Count == 0)
                throw new BenchException($"WhatsApp: the bot did not answer step {step + 1} within {TurnTimeout.TotalSeconds:F0} s.");
            counts[step] = heard.Count;
            last = heard[^1];
            if (verbose)
            {
                foreach (var message in heard)
                    Console.WriteLine($"    step {step + 1} ← {message.Describe()}");
            }
        }
        return counts;
    }

    /// <summary>Runs <paramref name="defenders"/> whole interviews, <paramref name="concurrency"/> at a time.</summary>
    public async Task<WhatsAppResult> RunAsync(int defenders, int concurrency, int[] expected)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        string? firstError = null;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < defenders)
            {
                try
                {
                    await InterviewAsync($"5730{index:0000000}", expected, latencies);
                }
                catch (Exception failure) when (failure is BenchException or HttpRequestException or OperationCanceledException)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                        firstError = failure.Message;
                }
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        return new WhatsAppResult(defenders, concurrency, latencies.Count, errors, firstError, seconds, [.. latencies.Order()]);
    }

    private async Task InterviewAsync(string waId, int[] expected, ConcurrentBag<double> latencies)
    {
        var inbox = graph.Inbox(waId);
        SentMessage? last = null;
        for (var step = 0; step < Script.Length; step++)
        {
            var sent = Stopwatch.GetTimestamp();
            await PostAsync(waId, Answer(step, last));
            using var timeout = new CancellationTokenSource(TurnTimeout);
            for (var i = 0; i < expected[step]; i++)
                last = await inbox.ReadAsync(timeout.Token);
            latencies.Add(Stopwatch.GetElapsedTime(sent, last!.ArrivedAt).TotalMilliseconds);
        }
        // Nothing more may come: a message beyond the expected ones means the turns were counted wrong.
        if (inbox.TryRead(out var extra))
            throw new BenchException($"WhatsApp: an unexpected message after the interview: {extra.Describe()}");
    }

    private static JsonObject Answer(int step, SentMessage? last)
    {
        var (tap, text) = Script[step];
        if (tap < 0)
            return new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = text } };
        if (last?.OptionIds.ElementAtOrDefault(tap) is not { } value)
            throw new BenchException($"WhatsApp: step {step + 1} taps option {tap + 1}, but the bot's last message offered: {last?.Describe() ?? "nothing"}.");
        var kind = (string?)last.Body["interactive"]?["type"] == "list" ? "list_reply" : "button_reply";
        return new JsonObject
        {
            ["type"] = "interactive",
            ["interactive"] = new JsonObject { ["type"] = kind, [kind] = new JsonObject { ["id"] = value, ["title"] = value } },
        };
    }

    private async Task PostAsync(string waId, JsonObject message)
    {
        message["from"] = waId;
        message["id"] = $"wamid.BENCH-{Interlocked.Increment(ref _lastWamid):0000000}";
        message["timestamp"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = new JsonObject
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
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550001111", ["phone_number_id"] = FakeGraphApi.PhoneNumberId },
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Defender" }, ["wa_id"] = waId }),
                        ["messages"] = new JsonArray(message),
                    },
                    ["field"] = "messages",
                }),
            }),
        };
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/whatsapp") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body)));
        using var response = await bot.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new BenchException($"WhatsApp: the webhook answered {(int)response.StatusCode}.");
    }
}

internal sealed record WhatsAppResult(int Defenders, int Concurrency, int Turns, int Errors, string? FirstError, double Seconds, double[] Latencies)
{
    public double TurnsPerSecond => Turns / Seconds;

    public double Percentile(double q) => Latencies.Length == 0 ? double.NaN : Latencies[Math.Min(Latencies.Length - 1, (int)(q * Latencies.Length))];
}
