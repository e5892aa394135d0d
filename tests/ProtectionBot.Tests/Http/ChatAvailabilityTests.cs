using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Http;

/// <summary>
/// The chat page stays open to defenders while someone tries to shut it: a script that asks for tokens and starts
/// conversations as fast as it can, from one address or from many, a page elsewhere that makes its visitors' browsers
/// do it, and conversations started only to hold a slot. Over real TCP on loopback, each side from its own address.
/// </summary>
public sealed class ChatAvailabilityTests
{
    private const string Attacker = "127.0.0.2";
    private const string Defender = "127.0.0.3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flood_from_one_address_is_cut_off_and_a_defender_elsewhere_still_gets_in()
    {
        // Few slots, so that a flood left unchecked fills them all within the test.
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:MaxConversations", "60")));
        var address = app.StartOnLoopback();
        using var attacker = BotApplication.ClientFrom(Attacker, address);

        var answers = new List<HttpStatusCode>();
        for (var round = 0; round < 10; round++)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TokenAndStartAsync(attacker)));
            answers.AddRange(batch);
        }
        var (greeting, defenderStatus) = await DefenderChatsAsync(BotApplication.ClientFrom(Defender, address));

        // A page load costs a token and a start: the address's 20 a minute let it open at most 10 of the 200 it tried.
        Assert.InRange(answers.Count(a => a == HttpStatusCode.Created), 0, 10);
        Assert.True(answers.Count(a => a == HttpStatusCode.TooManyRequests) >= 190);
        Assert.Equal(HttpStatusCode.Created, defenderStatus);
        Assert.StartsWith("Hola, soy ProtectionBot", greeting, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, l => l.Contains("[1709]", StringComparison.Ordinal) && l.Contains("client start budget", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(Attacker, StringComparison.Ordinal) || l.Contains(Defender, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_start_says_when_to_try_again_in_direct_lines_error_format()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:StartsPerClientPerMinute", "2")));
        using var client = BotApplication.ClientFrom(Attacker, app.StartOnLoopback());

        await PostAsync(client, "/webchat/token");
        await PostAsync(client, "/webchat/token");
        using var refused = await PostAsync(client, "/webchat/token");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("TooManyRequests", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Many_addresses_that_fill_every_slot_and_talk_in_each_cannot_keep_a_defender_out()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:MaxConversations", "30"), ("DirectLine:MaxConversationsPerClient", "4")));
        var address = app.StartOnLoopback();
        var crowd = Enumerable.Range(1, 15).Select(i => BotApplication.ClientFrom($"127.0.1.{i}", address)).ToList();

        // Each address holds as many conversations as it may and says something in each, so none looks unused.
        await Task.WhenAll(crowd.Select(async client =>
        {
            for (var i = 0; i < 6; i++)
                await TokenStartAndSayAsync(client);
        }));
        var (greeting, defenderStatus) = await DefenderChatsAsync(BotApplication.ClientFrom(Defender, address));

        Assert.Equal(HttpStatusCode.Created, defenderStatus);
        Assert.StartsWith("Hola, soy ProtectionBot", greeting, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, l => l.Contains("[1710]", StringComparison.Ordinal) && l.Contains("its client held the most", StringComparison.Ordinal));
        foreach (var client in crowd)
            client.Dispose();
    }

    [Fact]
    public async Task A_conversation_nobody_posts_to_gives_its_slot_back_within_minutes_and_a_used_one_stays()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
        await using var app = new BotApplication(DirectLineClient.Settings(), services => services.AddSingleton<TimeProvider>(time));
        var client = new DirectLineClient(app.CreateClient());
        var (heldToken, held, _) = await client.StartConversationAsync();
        var (usedToken, used, _) = await client.StartConversationAsync();
        await client.SayAsync(usedToken, used, "hola");

        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetActivitiesAsync(heldToken, held)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetActivitiesAsync(usedToken, used)).Status);
    }

    [Fact]
    public async Task When_every_slot_is_held_by_a_conversation_nobody_used_a_new_visitor_takes_it()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:MaxConversations", "3")));
        var address = app.StartOnLoopback();
        using var holder = BotApplication.ClientFrom(Attacker, address);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, await TokenAndStartAsync(holder));

        var (greeting, status) = await DefenderChatsAsync(BotApplication.ClientFrom(Defender, address));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith("Hola, soy ProtectionBot", greeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_address_holds_at_most_its_share_of_conversations()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:MaxConversationsPerClient", "2")));
        using var client = BotApplication.ClientFrom(Attacker, app.StartOnLoopback());

        var answers = new[] { await TokenStartAndSayAsync(client), await TokenStartAndSayAsync(client), await TokenStartAndSayAsync(client) };

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers);
        Assert.Contains(app.Logs.Lines, l => l.Contains("[1704]", StringComparison.Ordinal) && l.Contains("holds its share", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_when_every_slot_is_a_different_visitors_conversation_in_use_is_a_start_answered_429()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:MaxConversations", "2")));
        var address = app.StartOnLoopback();
        using var first = BotApplication.ClientFrom("127.0.2.1", address);
        using var second = BotApplication.ClientFrom("127.0.2.2", address);
        using var third = BotApplication.ClientFrom("127.0.2.3", address);

        Assert.Equal(HttpStatusCode.Created, await TokenStartAndSayAsync(first));
        Assert.Equal(HttpStatusCode.Created, await TokenStartAndSayAsync(second));
        using var token = await PostAsync(third, "/webchat/token");
        var refused = await new DirectLineClient(third).StartAsync(
            JsonDocument.Parse(await token.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("60", refused.Response.Headers.RetryAfter?.ToString());
        Assert.Contains(app.Logs.Lines, l => l.Contains("[1704]", StringComparison.Ordinal) && l.Contains("one per client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_on_another_site_gets_403_and_spends_nobodys_budget_while_this_site_and_listed_partners_are_served()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(
            ("DirectLine:AllowedOrigins:0", "https://partner.example"), ("DirectLine:StartsPerClientPerMinute", "3")));
        var address = app.StartOnLoopback();
        using var browser = BotApplication.ClientFrom(Defender, address);

        var foreign = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var answer = await PostAsync(browser, "/webchat/token", "https://evil.example");
            foreign.Add(answer.StatusCode);
        }
        using var nullOrigin = await PostAsync(browser, "/webchat/token", "null");
        using var ownPage = await PostAsync(browser, "/webchat/token", $"http://{address.Authority}");
        using var partner = await PostAsync(browser, "/webchat/token", "https://partner.example");
        using var noOrigin = await PostAsync(browser, "/webchat/token");

        Assert.All(foreign, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.Equal(HttpStatusCode.Forbidden, nullOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, partner.StatusCode);
        Assert.Equal("https://partner.example", partner.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.OK, noOrigin.StatusCode);
        Assert.Contains(app.Logs.Lines, l => l.Contains("[1711]", StringComparison.Ordinal) && l.Contains("evil.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_token_endpoint_answers_a_partner_pages_preflight_and_refuses_a_strangers()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:AllowedOrigins:0", "https://partner.example")));
        using var browser = BotApplication.ClientFrom(Defender, app.StartOnLoopback());

        using var partner = await PreflightAsync(browser, "https://partner.example");
        using var stranger = await PreflightAsync(browser, "https://evil.example");

        Assert.Equal(HttpStatusCode.NoContent, partner.StatusCode);
        Assert.Equal("https://partner.example", partner.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Content-Type", partner.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("POST", partner.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_partners_server_with_the_direct_line_secret_is_not_held_to_one_visitors_budget()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:StartsPerClientPerMinute", "2")));
        var client = new DirectLineClient(BotApplication.ClientFrom(Attacker, app.StartOnLoopback()));

        var generated = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            generated.Add((await client.GenerateAsync()).Status);

        Assert.All(generated, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>What the chat page does: a token from this site, then the conversation's start.</summary>
    private static async Task<HttpStatusCode> TokenAndStartAsync(HttpClient client)
    {
        using var token = await PostAsync(client, "/webchat/token");
        if (token.StatusCode != HttpStatusCode.OK)
            return token.StatusCode;
        var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync(Ct)).RootElement;
        var started = await new DirectLineClient(client).StartAsync(body.GetProperty("token").GetString());
        return started.Status;
    }

    private static async Task<HttpStatusCode> TokenStartAndSayAsync(HttpClient client)
    {
        using var token = await PostAsync(client, "/webchat/token");
        if (token.StatusCode != HttpStatusCode.OK)
            return token.StatusCode;
        var directLine = new DirectLineClient(client);
        var tokenText = JsonDocument.Parse(await token.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("token").GetString();
        var started = await directLine.StartAsync(tokenText);
        if (started.Status == HttpStatusCode.Created)
            await directLine.SayAsync(tokenText, started.Text("conversationId"), "hola");
        return started.Status;
    }

    /// <summary>A defender opening the chat page: token, start, and the bot's greeting.</summary>
    private static async Task<(string? Greeting, HttpStatusCode Status)> DefenderChatsAsync(HttpClient client)
    {
        using (client)
        {
            using var token = await PostAsync(client, "/webchat/token");
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
            var tokenText = JsonDocument.Parse(await token.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("token").GetString();
            var directLine = new DirectLineClient(client);
            var started = await directLine.StartAsync(tokenText);
            if (started.Status != HttpStatusCode.Created)
                return (null, started.Status);
            var activities = await directLine.GetActivitiesAsync(tokenText, started.Text("conversationId"));
            return (activities.Body.GetProperty("activities")[0].GetProperty("text").GetString(), started.Status);
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return client.SendAsync(request, Ct);
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/webchat/token");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return client.SendAsync(request, Ct);
    }
}
