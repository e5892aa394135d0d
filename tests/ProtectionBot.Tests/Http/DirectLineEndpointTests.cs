using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BotProtocol.State;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProtectionBot.Tests.Infrastructure;
using ProtectionBot.Tests.Privacy;

namespace ProtectionBot.Tests.Http;

/// <summary>
/// The local Direct Line 3.0 as botframework-directlinejs and Web Chat use it (protocol reference §5): tokens scoped
/// to one conversation, a start that lets the bot greet, the echo of every posted activity with a server id,
/// watermarks, the WebSocket stream, and clear 4xx answers to everything else.
/// </summary>
public sealed class DirectLineEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generating_a_token_needs_the_secret_and_names_a_new_conversation()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());

        var anonymous = await client.GenerateAsync(credential: null);
        var wrong = await client.GenerateAsync(credential: "not-the-secret");
        var generated = await client.GenerateAsync();
        var another = await client.GenerateAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        Assert.Equal(HttpStatusCode.OK, generated.Status);
        Assert.Equal(1800, generated.Body.GetProperty("expires_in").GetInt32());
        Assert.NotEmpty(generated.Text("token"));
        Assert.NotEqual(generated.Text("conversationId"), another.Text("conversationId"));
        Assert.Equal("no-store", generated.Response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Starting_answers_201_with_token_and_stream_url_and_the_bot_greets_first()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var token = (await client.GenerateAsync()).Text("token");

        var started = await client.StartAsync(token);
        var again = await client.StartAsync(token);
        var conversationId = started.Text("conversationId");
        var activities = await client.GetActivitiesAsync(token, conversationId);

        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        // DirectLineJS uses the token of the answer for every later call.
        Assert.Equal(token, started.Text("token"));
        Assert.InRange(started.Body.GetProperty("expires_in").GetInt32(), 1, 1800);
        Assert.StartsWith($"ws://localhost/v3/directline/conversations/{conversationId}/stream?t=", started.Text("streamUrl"), StringComparison.Ordinal);
        Assert.NotEqual(started.Text("streamUrl"), again.Text("streamUrl"));

        var greeting = activities.Body.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(2, greeting.Count);
        Assert.StartsWith("Hola, soy ProtectionBot", greeting[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("¿Seguimos en español?", greeting[1].GetProperty("text").GetString());
        Assert.Equal([$"{conversationId}|0000001", $"{conversationId}|0000002"], greeting.Select(a => a.GetProperty("id").GetString()).ToList());
        Assert.All(greeting, a =>
        {
            Assert.Equal("bot", a.GetProperty("from").GetProperty("role").GetString());
            Assert.Equal("directline", a.GetProperty("channelId").GetString());
            Assert.Equal(conversationId, a.GetProperty("conversation").GetProperty("id").GetString());
            Assert.True(DateTimeOffset.TryParse(a.GetProperty("timestamp").GetString(), out _));
        });
        Assert.Equal("2", activities.Text("watermark"));
    }

    [Fact]
    public async Task A_posted_activity_comes_back_with_its_server_id_then_the_bot_replies_after_it()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, _) = await client.StartConversationAsync();
        var watermark = (await client.GetActivitiesAsync(token, conversationId)).Text("watermark");

        var posted = await client.SayAsync(token, conversationId, "es", clientActivityId: "web-chat-42");
        var after = await client.GetActivitiesAsync(token, conversationId, watermark);
        var nothingNew = await client.GetActivitiesAsync(token, conversationId, after.Text("watermark"));

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal($"{conversationId}|0000003", posted.Text("id"));
        var list = after.Body.GetProperty("activities").EnumerateArray().ToList();
        var echo = list[0];
        Assert.Equal(posted.Text("id"), echo.GetProperty("id").GetString());
        Assert.Equal("web-chat-42", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("es", echo.GetProperty("text").GetString());
        Assert.True(list.Count > 1, "the bot should answer");
        Assert.All(list.Skip(1), reply =>
        {
            Assert.Equal("bot", reply.GetProperty("from").GetProperty("role").GetString());
            Assert.Equal(posted.Text("id"), reply.GetProperty("replyToId").GetString());
        });
        Assert.Equal(list.Count + 2, int.Parse(after.Text("watermark"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(nothingNew.Body.GetProperty("activities").EnumerateArray());
        Assert.Equal(after.Text("watermark"), nothingNew.Text("watermark"));
    }

    [Fact]
    public async Task One_conversations_token_can_neither_read_nor_post_to_another_conversation()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var (tokenA, _, _) = await client.StartConversationAsync();
        var (tokenB, conversationB, _) = await client.StartConversationAsync();
        var before = (await client.GetActivitiesAsync(tokenB, conversationB)).Body.GetRawText();

        var read = await client.GetActivitiesAsync(tokenA, conversationB);
        var post = await client.SayAsync(tokenA, conversationB, "salir");
        var reconnect = await client.ReconnectAsync(tokenA, conversationB);

        Assert.All(new[] { read, post, reconnect }, answer =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Equal("Forbidden", answer.ErrorCode);
        });
        Assert.Equal(before, (await client.GetActivitiesAsync(tokenB, conversationB)).Body.GetRawText());
    }

    [Fact]
    public async Task A_token_is_refreshed_before_it_expires_and_refused_with_403_after()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = new BotApplication(DirectLineClient.Settings(), services => services.AddSingleton<TimeProvider>(time));
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, _) = await client.StartConversationAsync();
        await client.SayAsync(token, conversationId, "hola");

        time.Advance(TimeSpan.FromMinutes(15));
        var refreshed = await client.RefreshAsync(token);
        var fresh = refreshed.Text("token");
        time.Advance(TimeSpan.FromMinutes(16));
        var expired = await client.GetActivitiesAsync(token, conversationId);
        var tooLate = await client.RefreshAsync(token);
        var stillGood = await client.GetActivitiesAsync(fresh, conversationId);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(conversationId, refreshed.Text("conversationId"));
        Assert.Equal(1800, refreshed.Body.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, expired.Status);
        Assert.Equal("TokenExpired", expired.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, tooLate.Status);
        Assert.Equal(HttpStatusCode.OK, stillGood.Status);
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadRequests() => new()
    {
        { "POST", "not json", HttpStatusCode.BadRequest, "BadSyntax" },
        { "POST", "[1,2]", HttpStatusCode.BadRequest, "BadSyntax" },
        { "POST", """{"type":42}""", HttpStatusCode.BadRequest, "BadSyntax" },
        { "POST", """{"text":"hola"}""", HttpStatusCode.BadRequest, "MissingProperty" },
        { "POST", """{"type":"conversationUpdate"}""", HttpStatusCode.BadRequest, "BadArgument" },
        { "POST", """{"type":"invoke","name":"x"}""", HttpStatusCode.BadRequest, "BadArgument" },
        { "POST", """{"type":"event"}""", HttpStatusCode.BadRequest, "MissingProperty" },
        { "POST", """{"type":"message","from":{"id":""}}""", HttpStatusCode.BadRequest, "BadArgument" },
        { "POST", """{"type":"message","text":"HUGE"}""", HttpStatusCode.RequestEntityTooLarge, "BadArgument" },
        { "GET", "?watermark=abc", HttpStatusCode.BadRequest, "BadArgument" },
        { "GET", "?watermark=-5", HttpStatusCode.BadRequest, "BadArgument" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_clear_4xx_in_direct_lines_error_shape(string method, string input, HttpStatusCode status, string code)
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, _) = await client.StartConversationAsync();

        var answer = method == "POST"
            ? await client.PostAsync(token, conversationId, input.Replace("HUGE", new string('a', 70 * 1024), StringComparison.Ordinal))
            : await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities{input}", token, null);

        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(answer.Body.GetProperty("error").GetProperty("message").GetString()));
        Assert.DoesNotContain("   at ", answer.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_forged_and_misdirected_credentials_are_refused_without_reaching_the_bot()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, _) = await client.StartConversationAsync();
        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetActivitiesAsync(null, conversationId)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetActivitiesAsync(forged, conversationId)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetActivitiesAsync("garbage", conversationId)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.RefreshAsync(DirectLineClient.Secret)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GenerateAsync(token)).Status);
        // A token from generate whose conversation was never started.
        var unstarted = await client.GenerateAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetActivitiesAsync(unstarted.Text("token"), unstarted.Text("conversationId"))).Status);
    }

    [Fact]
    public async Task The_secret_may_start_and_read_any_conversation()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());

        var started = await client.StartAsync(DirectLineClient.Secret);
        var conversationId = started.Text("conversationId");

        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetActivitiesAsync(started.Text("token"), conversationId)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetActivitiesAsync(DirectLineClient.Secret, conversationId)).Status);
    }

    [Fact]
    public async Task Cross_origin_pages_get_the_cors_answers_web_chat_needs_only_from_allowed_origins()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:AllowedOrigins:0", "https://partner.example")));
        var client = new DirectLineClient(app.CreateClient());
        static Action<HttpRequestMessage> From(string origin) => request =>
        {
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        };

        var preflight = await client.SendAsync(HttpMethod.Options, "/v3/directline/conversations", null, null, From("https://partner.example"));
        var stranger = await client.SendAsync(HttpMethod.Options, "/v3/directline/conversations", null, null, From("https://elsewhere.example"));
        var generate = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineClient.Secret, null, r => r.Headers.Add("Origin", "https://partner.example"));
        var pageToken = await client.SendAsync(HttpMethod.Post, "/webchat/token", null, null, r => r.Headers.Add("Origin", "https://partner.example"));

        Assert.Equal(HttpStatusCode.NoContent, preflight.Status);
        Assert.Equal("https://partner.example", preflight.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = preflight.Response.Headers.GetValues("Access-Control-Allow-Headers").Single();
        Assert.All(new[] { "Authorization", "Content-Type", "x-ms-bot-agent" }, header => Assert.Contains(header, allowed, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Forbidden, stranger.Status);
        Assert.False(stranger.Response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal("https://partner.example", generate.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("https://partner.example", pageToken.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_stream_replays_what_came_before_it_opened_then_pushes_each_new_activity()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, started) = await client.StartConversationAsync();
        var sockets = app.Server.CreateWebSocketClient();

        using var socket = await sockets.ConnectAsync(new Uri(started.Text("streamUrl")), Ct);
        var greeting = await ReceiveUntilAsync(socket, set => set.Any(a => a.GetProperty("text").GetString() == "¿Seguimos en español?"));
        var posted = await client.SayAsync(token, conversationId, "es", "streamed-1");
        var answer = await ReceiveUntilAsync(socket, set => set.Any(a => a.TryGetProperty("replyToId", out _)));
        var reused = await Assert.ThrowsAnyAsync<Exception>(() => sockets.ConnectAsync(new Uri(started.Text("streamUrl")), Ct));

        Assert.Equal($"{conversationId}|0000001", greeting[0].GetProperty("id").GetString());
        Assert.Contains(answer.Concat(greeting), a => a.GetProperty("id").GetString() == posted.Text("id")
            && a.GetProperty("channelData").GetProperty("clientActivityID").GetString() == "streamed-1");
        Assert.NotNull(reused);
    }

    [Fact]
    public async Task A_second_stream_of_one_conversation_closes_the_first_with_collision()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, started) = await client.StartConversationAsync();
        var sockets = app.Server.CreateWebSocketClient();
        using var first = await sockets.ConnectAsync(new Uri(started.Text("streamUrl")), Ct);
        await ReceiveUntilAsync(first, set => set.Count > 0);

        var reconnect = await client.ReconnectAsync(token, conversationId);
        using var second = await sockets.ConnectAsync(new Uri(reconnect.Text("streamUrl")), Ct);
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
            result = await first.ReceiveAsync(buffer, Ct);
        while (result.MessageType != WebSocketMessageType.Close);

        Assert.Equal("collision", first.CloseStatusDescription);
        Assert.Equal(HttpStatusCode.OK, reconnect.Status);
    }

    [Fact]
    public async Task The_quick_exit_word_erases_the_conversation_from_the_bot_and_from_the_direct_line_log()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, _) = await client.StartConversationAsync();
        await client.SayAsync(token, conversationId, "es", "c1");
        await client.SayAsync(token, conversationId, "no", "c2");

        var exit = await client.SayAsync(token, conversationId, "salir", "c3");
        var left = (await client.GetActivitiesAsync(token, conversationId)).Body.GetProperty("activities").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, exit.Status);
        Assert.Null(await app.Services.GetRequiredService<IConversationStore>().ReadAsync($"conversation/directline/{conversationId}", Ct));
        // Only the exit word's echo (Web Chat needs it to count the send as done) and the bot's confirmation remain.
        Assert.Equal(["salir", "Listo. Esta conversación se ha borrado."], left.Select(a => a.GetProperty("text").GetString()).ToList());
        Assert.Equal(exit.Text("id"), left[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Memory_stays_bounded_the_log_keeps_the_latest_activities()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:MaxActivitiesPerConversation", "10")));
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, _) = await client.StartConversationAsync();
        for (var i = 0; i < 8; i++)
            await client.SayAsync(token, conversationId, "ayuda", $"help-{i}");

        var log = await client.GetActivitiesAsync(token, conversationId);

        var kept = log.Body.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(10, kept.Count);
        Assert.EndsWith("|" + int.Parse(log.Text("watermark"), System.Globalization.CultureInfo.InvariantCulture).ToString("D7", System.Globalization.CultureInfo.InvariantCulture), kept[^1].GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_conversation_is_forgotten_and_then_answers_404()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = new BotApplication(
            DirectLineClient.Settings(("DirectLine:ConversationIdleTimeout", "00:10:00"), ("DirectLine:MaxConversations", "1")),
            services => services.AddSingleton<TimeProvider>(time));
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, _) = await client.StartConversationAsync();
        await client.SayAsync(token, conversationId, "hola");

        time.Advance(TimeSpan.FromMinutes(9));
        var stillThere = await client.SayAsync(token, conversationId, "es");
        time.Advance(TimeSpan.FromMinutes(11));
        var forgotten = await client.GetActivitiesAsync(token, conversationId);
        var room = await client.StartAsync((await client.GenerateAsync()).Text("token"));

        Assert.Equal(HttpStatusCode.OK, stillThere.Status);
        Assert.Equal(HttpStatusCode.NotFound, forgotten.Status);
        Assert.Equal("NotFound", forgotten.ErrorCode);
        Assert.Equal(HttpStatusCode.Created, room.Status);
    }

    [Fact]
    public async Task Direct_line_logs_carry_no_token_secret_user_id_or_message_text()
    {
        const string secretText = "they followed me from the union office on calle 45";
        await using var app = new BotApplication(DirectLineClient.Settings());
        var client = new DirectLineClient(app.CreateClient());
        var generated = await client.GenerateAsync(body: """{"user":{"id":"dl_ana-lucia-quispe"}}""");
        var token = generated.Text("token");
        var conversationId = (await client.StartAsync(token)).Text("conversationId");
        await client.SayAsync(token, conversationId, "es");
        await client.SayAsync(token, conversationId, secretText);
        await client.GetActivitiesAsync("forged." + token, conversationId);
        await client.SayAsync(token, conversationId, "salir");

        Assert.NotEmpty(app.Logs.Lines);
        LogPrivacyTests.AssertNothingPersonal(app.Logs.Lines, token, token.Split('.')[2], DirectLineClient.Secret, "ana-lucia-quispe", secretText, "calle 45");
    }

    [Fact]
    public async Task Without_a_signing_key_outside_development_the_local_direct_line_is_off()
    {
        await using var app = new ProductionBotApplication();
        var client = new DirectLineClient(app.CreateClient());

        Assert.Contains((await client.GenerateAsync()).Status, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(HttpMethod.Post, "/webchat/token", null, null)).Status);
    }

    [Fact]
    public async Task A_signing_key_that_is_too_short_stops_the_start_naming_the_key()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:TokenSigningKey", Convert.ToBase64String(new byte[16]))));

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("DirectLine:TokenSigningKey", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> ReceiveUntilAsync(WebSocket socket, Func<List<JsonElement>, bool> done)
    {
        var seen = new List<JsonElement>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[256 * 1024];
        while (!done(seen))
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                await message.WriteAsync(buffer.AsMemory(0, result.Count), timeout.Token);
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("The stream closed.");
            if (message.Length == 0)
                continue;
            using var set = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray()));
            Assert.True(set.RootElement.TryGetProperty("watermark", out _));
            seen.AddRange(set.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone()));
        }
        return seen;
    }

    /// <summary>The app as deployed: Production, and no Direct Line key configured.</summary>
    private sealed class ProductionBotApplication : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Storage:Provider", "InMemory");
            builder.UseSetting("MicrosoftAppId", "");
            builder.UseSetting("UnsafeAllowAnonymousRequests", "true");
            builder.UseSetting("DirectLine:TokenSigningKey", "");
            builder.UseSetting("Storage:Encryption:Key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        }
    }
}
