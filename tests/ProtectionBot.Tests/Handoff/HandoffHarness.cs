using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Testing;
using BotProtocol.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProtectionBot.Content;
using ProtectionBot.Handoff;
using ProtectionBot.Tests.Channels.WhatsApp;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// The real app with two partner desks in Teams channels of a fake Bot Connector on loopback, a clock the test moves,
/// and the work queue worked through on demand, so a handoff reads as the sequence of what each side sees. With
/// <c>whatsApp</c>, the first partner's desk is instead two caseworkers' WhatsApp numbers, and the app's WhatsApp
/// channel talks to a fake Graph API on loopback (on the same clock), so defenders and caseworkers can be phones.
/// The bot has an app id, as in Azure: every activity posted to it carries a token from a local issuer, and its own
/// Connector calls a token from a local Entra; <c>authenticated: false</c> plays Development without an app id instead.
/// </summary>
internal sealed class HandoffHarness : IAsyncDisposable
{
    public const string TenantA = "11111111-1111-4111-8111-111111111111";
    public const string ChannelA = "19:desk-a@thread.tacv2";
    public const string TenantB = "22222222-2222-4222-8222-222222222222";
    public const string ChannelB = "19:desk-b@thread.tacv2";

    /// <summary>The WhatsApp numbers of desk A's two caseworkers, when it is a WhatsApp desk.</summary>
    public const string AnaNumber = "573001110001";
    public const string LuisNumber = "573001110002";

    public const string AppId = "6a2c8e41-3b5d-4f7a-9c1e-2d4f6a8b0c3e";
    private const string AppTenantId = "7b3d9f52-4c6e-4a8b-8d2f-3e5a7b9c1d4f";
    private const string AppPassword = "handoff-harness-secret";

    private readonly string _folder;
    private readonly bool _ownsConnector;
    private readonly TestTokenIssuer? _issuer;
    private readonly FakeEntraTokenEndpoint? _entra;
    private int _nextId;

    private HandoffHarness(
        FakeConnectorService connector, bool ownsConnector, BotApplication app, string folder, FakeTimeProvider time, FakeWhatsAppCloudApi? graph,
        TestTokenIssuer? issuer, FakeEntraTokenEndpoint? entra)
    {
        _issuer = issuer;
        _entra = entra;
        Graph = graph;
        _ownsConnector = ownsConnector;
        Connector = connector;
        App = app;
        _folder = folder;
        Time = time;
        Texts = app.Services.GetRequiredService<TextCatalog>();
        Store = app.Services.GetRequiredService<IConversationStore>();
    }

    public FakeConnectorService Connector { get; }

    public BotApplication App { get; }

    public FakeTimeProvider Time { get; }

    public TextCatalog Texts { get; }

    public IConversationStore Store { get; }

    public const string StaffTenant = "33333333-3333-4333-8333-333333333333";
    public const string StaffChannel = "19:course-staff@thread.tacv2";

    /// <summary>The fake Graph API, when the harness was started with WhatsApp.</summary>
    public FakeWhatsAppCloudApi? Graph { get; }

    /// <param name="database">A SQLite file shared with another harness, to play a restart; a fresh in-memory one otherwise.</param>
    /// <param name="whatsApp">Desk A takes cases on WhatsApp (two numbers) instead of Teams, and the WhatsApp channel is on.</param>
    /// <param name="templates">Configure the caseworker templates (on by default with WhatsApp).</param>
    /// <param name="authenticated">False: no app id, as in Development, so nothing posted to the bot is signed.</param>
    public static async Task<HandoffHarness> StartAsync(
        FakeConnectorService? connector = null, string? database = null, FakeTimeProvider? time = null, bool whatsApp = false, bool templates = true,
        bool authenticated = true)
    {
        var ownsConnector = connector is null;
        connector ??= await FakeConnectorService.StartAsync();
        // A working day in Bogotá, so desks with opening hours are open.
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        var folder = Directory.CreateTempSubdirectory("protectionbot-partners-").FullName;
        var partners = Path.Combine(folder, "partners.yaml");
        var deskA = whatsApp
            ? $$"""whatsapp: { numbers: ["+{{AnaNumber}}", "+{{LuisNumber}}"], names: [Ana Pérez, Luis Gómez] }"""
            : $$"""teams: { tenant_id: "{{TenantA}}", team_id: "19:team-a@thread.tacv2", channel_id: "{{ChannelA}}", service_url: "{{connector.ServiceUrlWithPath("amer")}}" }""";
        await File.WriteAllTextAsync(partners, $$"""
            - id: desk-a
              name: "Desk A"
              covers: [CO]
              languages: [es, en]
              on_call: true
              response_hours: 1
              {{deskA}}
              registered_on: 2026-11-30
            - id: desk-b
              name: "Desk B"
              covers: [oas]
              languages: [es, fr, en]
              hours: { time_zone: America/Bogota, days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00" }
              response_hours: 4
              teams: { tenant_id: "{{TenantB}}", team_id: "19:team-b@thread.tacv2", channel_id: "{{ChannelB}}", service_url: "{{connector.ServiceUrlWithPath("amer")}}" }
              registered_on: 2026-11-30
            """);
        // The shipped content, with the course staff's channel on the fake Connector.
        var content = Path.Combine(folder, "content");
        foreach (var part in new[] { "dialogs", "cards", "knowledge" })
            CopyFolder(Path.Combine(AppContext.BaseDirectory, part), Path.Combine(content, part));
        var questions = Path.Combine(content, "knowledge", "course-questions.yaml");
        var staffDesk = $$"""
              teams: { tenant_id: "{{StaffTenant}}", team_id: "19:staff-team@thread.tacv2", channel_id: "{{StaffChannel}}", service_url: "{{connector.ServiceUrlWithPath("amer")}}" }
            """;
        var yaml = await File.ReadAllTextAsync(questions);
        var start = yaml.IndexOf("  teams:", StringComparison.Ordinal);
        var end = yaml.IndexOf("\n\n", start, StringComparison.Ordinal);
        await File.WriteAllTextAsync(questions, yaml[..start] + staffDesk.TrimEnd() + yaml[end..]);
        var settings = new Dictionary<string, string?>
        {
            ["Content:Root"] = content,
            ["Handoff:PartnersFile"] = partners,
            ["Handoff:AcceptTimeout"] = "00:30:00",
            ["Handoff:UrgentAcceptTimeout"] = "00:10:00",
            // The test steps the work queue itself, so that each assertion sees everything due delivered.
            ["WorkQueue:DispatchInBackground"] = "false",
            // Retries are the work queue's (with the test's clock), not the Connector client's own within one delivery.
            ["Connector:MaxAttempts"] = "1",
        };
        if (database is not null)
        {
            settings["Storage:SqliteConnectionString"] = $"Data Source={database}";
            // The same key before and after the restart, as a deployment keeps it.
            settings["Storage:Encryption:Key"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(database)));
        }
        FakeWhatsAppCloudApi? graph = null;
        if (whatsApp)
        {
            graph = await FakeWhatsAppCloudApi.StartAsync();
            graph.Time = time;
            settings["WhatsApp:PhoneNumberId"] = FakeWhatsAppCloudApi.PhoneNumberId;
            settings["WhatsApp:AccessToken"] = FakeWhatsAppCloudApi.AccessToken;
            settings["WhatsApp:AppSecret"] = WhatsAppBot.AppSecret;
            settings["WhatsApp:VerifyToken"] = WhatsAppBot.VerifyToken;
            settings["WhatsApp:GraphApiBaseUrl"] = graph.BaseUrl;
            if (templates)
            {
                settings["WhatsApp:Templates:CaseworkerNotification:es"] = "caso_nuevo";
                settings["WhatsApp:Templates:CaseworkerNotification:en"] = "new_case";
                settings["WhatsApp:Templates:CaseworkerReminder:es"] = "caso_novedades";
                settings["WhatsApp:Templates:CaseworkerReminder:en"] = "case_news";
            }
        }
        TestTokenIssuer? issuer = null;
        FakeEntraTokenEndpoint? entra = null;
        if (authenticated)
        {
            issuer = await TestTokenIssuer.StartAsync(time, TestContext.Current.CancellationToken);
            // The defenders' test channel is endorsed too, as the Bot Connector endorses each channel it signs for.
            issuer.Channel.RotateKey([.. TestTokenIssuer.DefaultEndorsements, "test"]);
            entra = await FakeEntraTokenEndpoint.StartAsync(TestContext.Current.CancellationToken);
            foreach (var (key, value) in issuer.Settings)
                settings[key] = value;
            settings["MicrosoftAppType"] = "SingleTenant";
            settings["MicrosoftAppId"] = AppId;
            settings["MicrosoftAppPassword"] = AppPassword;
            settings["MicrosoftAppTenantId"] = AppTenantId;
        }
        var app = new BotApplication(settings, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            if (entra is not null)
                services.AddSingleton(entra.HttpClientFactory);
        });
        _ = app.Server;
        return new HandoffHarness(connector, ownsConnector, app, folder, time, graph, issuer, entra);
    }

    /// <param name="name">The name the defender's channel shows for them, as Teams does; none by default, as on Web Chat.</param>
    public BotClient NewDefender(string locale = "es-CO", string? name = null) =>
        new(App.CreateClient(), locale)
        {
            ServiceUrl = Connector.ServiceUrl,
            UserId = "defender-" + Guid.NewGuid().ToString("N")[..8],
            UserName = name,
            Authorization = activity => SignedByTheChannel(activity.ServiceUrl!),
        };

    /// <summary>What the Bot Connector puts in front of an activity it delivers from <paramref name="serviceUrl"/>; null without an app id.</summary>
    public string? SignedByTheChannel(string serviceUrl) => _issuer?.ChannelToken(AppId, serviceUrl).ToAuthorizationHeader();

    public string T(string key, params object?[] arguments) => Texts.Get("es", key, arguments);

    /// <summary>A WhatsApp phone (a defender's or a caseworker's) on the harness's clock; each message it sends is handled, with everything it queues.</summary>
    public WhatsAppPhone Phone(string waId) =>
        new(Graph ?? throw new InvalidOperationException("Start the harness with whatsApp: true."), DeliverWebhookAsync, waId, profileName: null) { Clock = Time };

    /// <summary>Posts a webhook signed as Meta signs it, then works the work queue (which runs the inbound turn) through.</summary>
    public async Task DeliverWebhookAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/whatsapp") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WhatsAppBot.Sign(body));
        using var response = await App.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await RunQueuedWorkAsync();
    }

    /// <summary>
    /// The quickest way to a handoff: in danger, asks for a partner now, consents, says where, sends the summary.
    /// Returns the replies to the last answer.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> HandOffUrgentlyAsync(BotClient defender, string country = "Colombia")
    {
        await defender.SayAsync("hola");
        await defender.SayAsync(T("interview.language.keep"));
        await defender.SayAsync(T("answer.yes"));
        await defender.SayAsync(T("interview.emergency.partner_yes"));
        await defender.SayAsync(T("interview.consent.yes"));
        var summary = await defender.SayAsync(country);
        Assert.Contains(summary, r => r.Text?.StartsWith(T("handoff.summary.intro"), StringComparison.Ordinal) == true);
        return await defender.SayAsync(T("handoff.summary.share"));
    }

    /// <summary>Works through every work item that is due now, as the background dispatcher would.</summary>
    public async Task RunQueuedWorkAsync()
    {
        var dispatcher = App.Services.GetRequiredService<WorkDispatcher>();
        for (var pass = 0; pass < 20 && await dispatcher.RunDueAsync(CancellationToken.None) > 0; pass++)
        {
        }
    }

    /// <summary>The case cards posted into a channel, newest last.</summary>
    public IReadOnlyList<ConnectorRequest> CasePosts(string channelId) =>
        [.. Connector.Requests.Where(r => r.Operation == ConnectorOperations.CreateConversation && r.ResponseStatus == 200
            && r.ConversationParameters?.ChannelData?.GetProperty("channel").GetProperty("id").GetString() == channelId)];

    /// <summary>Text messages the bot sent into a conversation (a thread, or the defender's).</summary>
    public IReadOnlyList<string> TextsSentTo(string conversationId) =>
        [.. Connector.Requests.Where(r => r.Operation is ConnectorOperations.SendToConversation or ConnectorOperations.ReplyToActivity
                && r.ConversationId is { } id && id.StartsWith(conversationId, StringComparison.Ordinal) && r.ResponseStatus == 200)
            .Select(r => r.Activity?.Text).OfType<string>()];

    /// <summary>The <c>handoff.status</c> states the bot sent into a conversation, in order.</summary>
    public IReadOnlyList<string> StatusesSentTo(string conversationId) =>
        [.. Connector.Requests.Where(r => r.Operation is ConnectorOperations.SendToConversation or ConnectorOperations.ReplyToActivity
                && r.ConversationId is { } id && id.StartsWith(conversationId, StringComparison.Ordinal) && r.ResponseStatus == 200
                && r.Activity is { Type: "event", Name: "handoff.status" })
            .Select(r => r.Activity!.Value!.Value.GetProperty("state").GetString()!)];

    /// <summary>The latest version of a posted case card: its last update, or the card as posted.</summary>
    public JsonElement LatestCard(ConnectorRequest post, string threadId)
    {
        var update = Connector.Requests.LastOrDefault(r => r.Operation == ConnectorOperations.UpdateActivity && r.ConversationId == threadId);
        var activity = update?.Activity ?? post.ConversationParameters!.Activity!;
        return activity.Attachments![0].Content!.Value;
    }

    public static IReadOnlyList<string> CardActions(JsonElement card) =>
        card.TryGetProperty("actions", out var actions) ? [.. actions.EnumerateArray().Select(a => a.GetProperty("title").GetString()!)] : [];

    public static string CardStatus(JsonElement card) =>
        card.GetProperty("body").EnumerateArray().Last().GetProperty("text").GetString()!;

    /// <summary>A caseworker in a desk's channel: what Teams posts to the bot for a message or a card button there.</summary>
    /// <param name="replyToId">What Teams puts in a card's button press: the card's message id.</param>
    public Task<HttpStatusCode> CaseworkerAsync(string threadId, string tenantId, string channelId, string name, string? text = null, object? value = null, string? replyToId = null)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "cw-" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ChannelId = "msteams",
            ServiceUrl = Connector.ServiceUrlWithPath("amer"),
            Conversation = new ConversationAccount { Id = threadId, ConversationType = "channel", IsGroup = true, TenantId = tenantId },
            From = new ChannelAccount { Id = "29:" + name, Name = name, AadObjectId = DeterministicGuid(name) },
            Recipient = new ChannelAccount { Id = "28:bot", Name = "ProtectionBot" },
            Text = text,
            ReplyToId = replyToId,
            Value = value is null ? null : JsonSerializer.SerializeToElement(value, TestJsonContext.Default.DictionaryStringString),
            ChannelData = JsonSerializer.SerializeToElement(new Dictionary<string, Dictionary<string, string>>
            {
                ["tenant"] = new() { ["id"] = tenantId },
                ["team"] = new() { ["id"] = channelId.Replace("desk", "team", StringComparison.Ordinal) },
                ["channel"] = new() { ["id"] = channelId },
            }, TestJsonContext.Default.DictionaryStringDictionaryStringString),
        };
        return PostAsync(activity);
    }

    public static Dictionary<string, string> Button(string action, string caseId, string offer = "0") =>
        new() { ["handoff"] = action, ["case"] = caseId, ["offer"] = offer };

    /// <summary>The case id a card's buttons carry.</summary>
    public static string CaseIdOn(JsonElement card) =>
        card.GetProperty("actions")[0].GetProperty("data").GetProperty("case").GetString()!;

    public async Task<bool> CaseExistsAsync(string caseId) =>
        await Store.ReadAsync(CaseStore.Key(caseId), CancellationToken.None) is not null;

    public Task<HandoffCase?> CaseAsync(string caseId) =>
        App.Services.GetRequiredService<CaseStore>().ReadAsync(caseId, CancellationToken.None);

    private async Task<HttpStatusCode> PostAsync(Activity activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, ProtocolJsonContext.Default.Activity) };
        if (SignedByTheChannel(activity.ServiceUrl!) is { } authorization)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await App.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string DeterministicGuid(string name) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))[..16]).ToString();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_ownsConnector)
            await Connector.DisposeAsync();
        if (Graph is not null)
            await Graph.DisposeAsync();
        if (_issuer is not null)
            await _issuer.DisposeAsync();
        if (_entra is not null)
            await _entra.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
