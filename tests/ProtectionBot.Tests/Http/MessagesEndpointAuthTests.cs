using System.Net;
using System.Net.Http.Json;
using System.Text;
using BotProtocol.Schema;
using BotProtocol.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Tests.Infrastructure;
using ProtectionBot.Tests.Privacy;

namespace ProtectionBot.Tests.Http;

/// <summary>
/// The whole app with credentials, as in Azure: a local issuer signs the channel's tokens, the bot answers through a
/// loopback Connector with a token from a loopback Entra. A request is either authenticated exactly as the Bot
/// Framework authentication spec says, or refused with 401 before the bot sees it.
/// </summary>
public sealed class MessagesEndpointAuthTests : IAsyncLifetime
{
    private const string AppId = "5b9d1c4e-0f3a-4b7e-9d2c-6a1e8f0b3c7d";
    private const string TenantId = "0c7e2a91-5d4b-4f86-a3e1-9b8d7c6f5e4a";
    private const string AppPassword = "app-password-3f1e9c";

    private TestTokenIssuer _issuer = null!;
    private FakeConnectorService _connector = null!;
    private FakeEntraTokenEndpoint _entra = null!;
    private BotApplication _app = null!;
    private int _nextId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync(cancellationToken: Ct);
        _connector = await FakeConnectorService.StartAsync(Ct);
        _entra = await FakeEntraTokenEndpoint.StartAsync(Ct);
        var settings = new Dictionary<string, string?>(_issuer.Settings)
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = AppPassword,
            ["MicrosoftAppTenantId"] = TenantId,
        };
        _app = new BotApplication(settings, services => services.AddSingleton(_entra.HttpClientFactory));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _entra.DisposeAsync();
        await _connector.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_message_signed_by_the_channel_is_answered_through_the_connector_with_the_bots_own_token()
    {
        var hola = Message("hola");
        var authorization = _issuer.ChannelToken(AppId, _connector.ServiceUrl).ToAuthorizationHeader();

        using var response = await PostAsync(hola, authorization);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = _connector.Requests;
        Assert.NotEmpty(replies);
        Assert.All(replies, request =>
        {
            Assert.Equal(ConnectorOperations.ReplyToActivity, request.Operation);
            Assert.Equal(hola.Id, request.Activity?.ReplyToId);
            Assert.Equal(_entra.IssuedTokens.Single(), request.BearerToken);
        });
        Assert.Equal("Hola, soy ProtectionBot. Ayudo a personas defensoras de derechos humanos a encontrar mecanismos de protección y formaciones que se ajusten a su situación.", _connector.Activities[0].Text);
        LogPrivacyTests.AssertNothingPersonal(_app.Logs.Lines, authorization["Bearer ".Length..], _entra.IssuedTokens.Single(), AppPassword, "29:defender", "hola");
    }

    [Fact]
    public async Task The_emulator_signed_in_as_the_bot_is_accepted()
    {
        var hola = Message("hola") with { ChannelId = "emulator" };

        using var response = await PostAsync(hola, _issuer.EmulatorToken(AppId).ToAuthorizationHeader());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_connector.Requests);
    }

    public static TheoryData<string> RefusedTokens() =>
    [
        "no Authorization header",
        "not a Bearer token",
        "garbage token",
        "expired",
        "not yet valid",
        "for another bot",
        "from another issuer",
        "signed with an unknown key",
        "channel not endorsed",
        "serviceUrl claim differs",
    ];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_request_that_is_not_the_channels_is_refused_with_401_and_never_reaches_the_bot(string forgery)
    {
        var hola = Message("hola");
        var token = _issuer.ChannelToken(AppId, _connector.ServiceUrl);
        using var forger = TestSigningKey.Create(materialIndex: 7, endorsements: ["msteams"]);
        var authorization = forgery switch
        {
            "no Authorization header" => null,
            "not a Bearer token" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AppId}:{AppPassword}")),
            "garbage token" => "Bearer not.a.jwt",
            "expired" => (token with { NotBefore = DateTimeOffset.UtcNow.AddHours(-2), Expires = DateTimeOffset.UtcNow.AddMinutes(-6) }).ToAuthorizationHeader(),
            "not yet valid" => (token with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(6) }).ToAuthorizationHeader(),
            "for another bot" => (token with { Audience = "11111111-2222-3333-4444-555555555555" }).ToAuthorizationHeader(),
            "from another issuer" => (token with { Issuer = "https://api.botframework.example" }).ToAuthorizationHeader(),
            "signed with an unknown key" => (token with { SigningKey = forger, KeyId = forger.KeyId }).ToAuthorizationHeader(),
            "channel not endorsed" => token.ToAuthorizationHeader(),
            "serviceUrl claim differs" => _issuer.ChannelToken(AppId, "https://smba.trafficmanager.net/emea/").ToAuthorizationHeader(),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        if (forgery == "channel not endorsed")
            hola = hola with { ChannelId = "skype" };

        using var response = await PostAsync(hola, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        MessagesEndpointInputTests.AssertNoStackTrace(await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(_connector.Requests);
        Assert.Empty(_entra.Requests);
        if (authorization is not null)
            LogPrivacyTests.AssertNothingPersonal(_app.Logs.Lines, authorization["Bearer ".Length..], AppPassword);
    }

    [Fact]
    public async Task Auth_is_never_silently_off_when_an_app_id_is_configured_and_the_log_says_when_it_is()
    {
        await using var local = new BotApplication();
        using var anonymous = await local.CreateClient().PostAsJsonAsync("/api/messages", Message("hola") with { DeliveryMode = DeliveryModes.ExpectReplies }, ProtocolJsonContext.Default.Activity, Ct);
        using var refused = await PostAsync(Message("hola"), authorization: null);

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Contains(local.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("MicrosoftAppId", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains("authentication is disabled", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_redelivered_activity_is_answered_once()
    {
        var hola = Message("hola");
        var authorization = _issuer.ChannelToken(AppId, _connector.ServiceUrl).ToAuthorizationHeader();

        using var first = await PostAsync(hola, authorization);
        var repliesAfterFirst = _connector.Requests.Count;
        using var again = await PostAsync(hola, authorization);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(repliesAfterFirst > 0);
        Assert.Equal(repliesAfterFirst, _connector.Requests.Count);
    }

    [Fact]
    public async Task Replies_the_connector_refused_go_out_when_the_channel_retries_and_only_those()
    {
        var hola = Message("hola");
        var authorization = _issuer.ChannelToken(AppId, _connector.ServiceUrl).ToAuthorizationHeader();
        _connector.Enqueue(new FakeConnectorResponse(200, """{"id":"reply-1"}"""), FakeConnectorResponse.Error(400, "BadArgument"));

        using var first = await PostAsync(hola, authorization);
        using var retried = await PostAsync(hola, authorization);
        using var retriedAgain = await PostAsync(hola, authorization);

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        MessagesEndpointInputTests.AssertNoStackTrace(await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retriedAgain.StatusCode);
        Assert.Equal(
            ["Hola, soy ProtectionBot. Ayudo a personas defensoras de derechos humanos a encontrar mecanismos de protección y formaciones que se ajusten a su situación.",
             "¿Seguimos en español?"],
            _connector.Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task An_invoke_nobody_handles_is_answered_501_as_the_sdk_does()
    {
        var invoke = Message("") with { Type = ActivityTypes.Invoke, Text = null, Name = "conformance/unknown" };

        using var response = await PostAsync(invoke, _issuer.ChannelToken(AppId, _connector.ServiceUrl).ToAuthorizationHeader());

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Typing_and_events_are_acknowledged_without_an_answer()
    {
        var authorization = _issuer.ChannelToken(AppId, _connector.ServiceUrl).ToAuthorizationHeader();

        using var typing = await PostAsync(Message("") with { Type = ActivityTypes.Typing, Text = null }, authorization);
        using var handoffStatus = await PostAsync(Message("") with { Type = ActivityTypes.Event, Text = null, Name = "handoff.status" }, authorization);

        Assert.Equal(HttpStatusCode.OK, typing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handoffStatus.StatusCode);
        Assert.Empty(_connector.Requests);
    }

    private Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"activity-{Interlocked.Increment(ref _nextId)}",
        ChannelId = "msteams",
        ServiceUrl = _connector.ServiceUrl,
        Conversation = new ConversationAccount { Id = "a:1teamsConversation" },
        From = new ChannelAccount { Id = "29:defender", Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = "28:" + AppId, Role = RoleTypes.Bot },
        Locale = "es-CO",
        Text = text,
    };

    private async Task<HttpResponseMessage> PostAsync(Activity activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, ProtocolJsonContext.Default.Activity),
        };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await _app.CreateClient().SendAsync(request, Ct);
    }
}
