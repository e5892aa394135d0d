using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BotProtocol.Turns;
using BotProtocol.Work;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Tests.Channels.WhatsApp;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Privacy;

/// <summary>
/// A WhatsApp message id (wamid) is base64 of a record that begins with the phone number it came from or went to, so
/// keeping or logging one in clear undoes the pseudonym the conversation id gives. Messages arrive, wait in the work queue,
/// are answered, and their receipts come back (one of them a failure): the database and the logs hold only keyed
/// pseudonyms of the wamids.
/// </summary>
public sealed class WhatsAppMessageIdTests
{
    private const string Number = "573001234567";

    [Fact]
    public async Task Neither_the_database_nor_the_logs_hold_a_message_id_that_carries_the_number()
    {
        await using var database = RawDatabase.SqliteFile();
        await using var graph = await FakeWhatsAppCloudApi.StartAsync();
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["WhatsApp:PhoneNumberId"] = FakeWhatsAppCloudApi.PhoneNumberId,
            ["WhatsApp:AccessToken"] = FakeWhatsAppCloudApi.AccessToken,
            ["WhatsApp:AppSecret"] = WhatsAppBot.AppSecret,
            ["WhatsApp:VerifyToken"] = WhatsAppBot.VerifyToken,
            ["WhatsApp:GraphApiBaseUrl"] = graph.BaseUrl,
            // The messages wait in the work queue until the test lets them through, so the database can be read meanwhile.
            ["WorkQueue:DispatchInBackground"] = "false",
        };
        await using var app = new BotApplication(settings);
        var http = app.CreateClient();
        var phone = new WhatsAppPhone(graph, body => PostAsync(http, body), Number, "Ana");
        var incoming = Wamid(Number, "3EB0C767D71D4E5F9A21");
        var outgoing = Wamid(Number, "HBEUMjg4MUE1QjE0NUZG");

        await phone.SendsAsync(new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hola" } }, incoming);
        var whileQueued = await database.DumpAsync();
        await RunQueuedWorkAsync(app);
        await PostAsync(http, Status(outgoing, "delivered"));
        await PostAsync(http, Status(outgoing, "failed"));

        Assert.DoesNotContain(incoming, whileQueued, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64Number, whileQueued, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, l => l.Contains("[2007]", StringComparison.Ordinal));
        var pseudonyms = app.Services.GetRequiredService<Pseudonyms>();
        Assert.Contains(app.Logs.Lines, l => l.Contains("[2007]", StringComparison.Ordinal) && l.Contains(pseudonyms.LogId(outgoing), StringComparison.Ordinal));
        LogPrivacyTests.AssertNothingPersonal(app.Logs.Lines, incoming, outgoing, Base64Number, Number);
        Assert.DoesNotContain(incoming, await database.DumpAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_delivered_twice_still_queues_its_message_once()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var phone = bot.Phone(Number);
        var wamid = Wamid(Number, "3EB0A1B2C3D4E5F60718");

        var first = await phone.SendsAsync(new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hola" } }, wamid);
        var again = await phone.SendsAsync(new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hola" } }, wamid);

        Assert.NotEmpty(first);
        Assert.Empty(again);
    }

    // The number as it shows inside a wamid's base64 when it starts on a 3-byte boundary, as after the 3-byte header.
    private static readonly string Base64Number = Convert.ToBase64String(Encoding.ASCII.GetBytes(Number))[..12];

    /// <summary>A wamid shaped as Meta's: <c>wamid.</c> and base64 of a short header, the number, and a message id.</summary>
    private static string Wamid(string number, string messageId)
    {
        var record = new List<byte> { 0x1C, 0x18, (byte)number.Length };
        record.AddRange(Encoding.ASCII.GetBytes(number));
        record.AddRange([0x15, 0x02, 0x00, 0x12, 0x18, (byte)messageId.Length]);
        record.AddRange(Encoding.ASCII.GetBytes(messageId));
        record.Add(0x00);
        return "wamid." + Convert.ToBase64String([.. record]);
    }

    private static byte[] Status(string wamid, string status)
    {
        var text = Encoding.UTF8.GetString(WhatsAppBot.Fixture("status_failed"))
            .Replace("wamid.OUT-0002", wamid, StringComparison.Ordinal)
            .Replace("34600000000", Number, StringComparison.Ordinal)
            .Replace("\"failed\"", $"\"{status}\"", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    private static async Task PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/whatsapp") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WhatsAppBot.Sign(body));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task RunQueuedWorkAsync(BotApplication app)
    {
        var dispatcher = app.Services.GetRequiredService<WorkDispatcher>();
        for (var pass = 0; pass < 10 && await dispatcher.RunDueAsync(CancellationToken.None) > 0; pass++)
        {
        }
    }
}
