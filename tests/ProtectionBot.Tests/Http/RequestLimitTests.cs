using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Http;

/// <summary>
/// The limits every endpoint keeps, on a real server (Kestrel on loopback) where the server itself enforces the body
/// limit each endpoint declares: too big is 413, too fast is 429 with Retry-After, each in the endpoint's own error
/// shape and never a 500.
/// </summary>
public sealed class RequestLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chunked_activity_over_64_KB_to_the_direct_line_is_refused_by_the_server_with_413()
    {
        await using var app = new BotApplication(DirectLineClient.Settings());
        using var http = BotApplication.ClientFrom("127.0.0.1", app.StartOnLoopback());
        var (token, conversationId, _) = await new DirectLineClient(http).StartConversationAsync();

        using var response = await PostChunkedAsync(http, $"/v3/directline/conversations/{conversationId}/activities", token,
            $$"""{"type":"message","text":"{{new string('a', 70 * 1024)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");
        Assert.Equal("BadArgument", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_chunked_activity_over_256_KB_to_the_messaging_endpoint_is_refused_by_the_server_with_413_problem_details()
    {
        await using var app = new BotApplication();
        using var http = BotApplication.ClientFrom("127.0.0.1", app.StartOnLoopback());
        var activity = $$"""
            {"type":"message","id":"1","channelId":"test","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c1"},
             "from":{"id":"u1"},"recipient":{"id":"bot"},"text":"{{new string('a', 300 * 1024)}}","deliveryMode":"expectReplies"}
            """;

        using var response = await PostChunkedAsync(http, "/api/messages", null, activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        MessagesEndpointInputTests.AssertNoStackTrace(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_conversation_posting_faster_than_its_budget_is_told_to_wait_while_another_goes_on()
    {
        await using var app = new BotApplication(DirectLineClient.Settings(("DirectLine:ActivitiesPerConversationPerMinute", "2")));
        var client = new DirectLineClient(app.CreateClient());
        var (token, conversationId, _) = await client.StartConversationAsync();
        var (otherToken, otherConversationId, _) = await client.StartConversationAsync();

        var first = await client.SayAsync(token, conversationId, "hola", "client-1");
        var second = await client.SayAsync(token, conversationId, "hola", "client-2");
        var third = await client.SayAsync(token, conversationId, "hola", "client-3");
        var elsewhere = await client.SayAsync(otherToken, otherConversationId, "hola");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("TooManyRequests", third.ErrorCode);
        Assert.True(third.Response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, elsewhere.Status);
        Assert.Contains(app.Logs.Lines, line => line.Contains("[1712]", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> PostChunkedAsync(HttpClient http, string path, string? token, string body)
    {
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, Ct);
    }
}
