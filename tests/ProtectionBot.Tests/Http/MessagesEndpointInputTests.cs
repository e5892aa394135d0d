using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Http;

/// <summary>Bad input gets a clear problem-details answer: never a 500, never a stack trace.</summary>
public sealed class MessagesEndpointInputTests
{
    private const string Valid = """
        {"type":"message","id":"1","channelId":"test","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c1"},
         "from":{"id":"u1"},"recipient":{"id":"bot"},"text":"hola","deliveryMode":"expectReplies"}
        """;

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "not json at all", "not a JSON object" },
        { "{\"type\":\"message\",", "not a JSON object" },
        { "[1,2,3]", "not a JSON object" },
        { "\"message\"", "not a JSON object" },
        { "{}", "Required field(s) missing: type, channelId, conversation.id, serviceUrl." },
        { Valid.Replace("\"channelId\":\"test\",", "", StringComparison.Ordinal), "Required field(s) missing: channelId." },
        { Valid.Replace("\"conversation\":{\"id\":\"c1\"}", "\"conversation\":{}", StringComparison.Ordinal), "Required field(s) missing: conversation.id." },
        { Valid.Replace("\"type\":\"message\"", "\"type\":42", StringComparison.Ordinal), "The field 'type' has the wrong type" },
        { Valid.Replace("\"conversation\":{\"id\":\"c1\"}", "\"conversation\":\"c1\"", StringComparison.Ordinal), "The field 'conversation' has the wrong type" },
        { Valid.Replace("\"from\":{\"id\":\"u1\"}", "\"from\":{\"id\":[\"u1\"]}", StringComparison.Ordinal), "The field 'from.id' has the wrong type" },
        { Valid.Replace("http://127.0.0.1:9/", "javascript:alert(1)", StringComparison.Ordinal), "'serviceUrl' must be an absolute http(s) URL" },
        { Valid.Replace("\"type\":\"message\"", "\"type\":\"event\"", StringComparison.Ordinal), "Required field(s) missing: name." },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_activity_is_refused_with_400_and_says_why(string body, string reason)
    {
        await using var app = new BotApplication();

        using var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNoStackTrace(await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("""{"type":"conversationUpdate","id":"u1","channelId":"test","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c-null"},"recipient":{"id":"bot"},"membersAdded":[null,{"id":"u1"}],"deliveryMode":"expectReplies"}""", true)]
    [InlineData("""{"type":"conversationUpdate","id":"u1","channelId":"test","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c-null"},"recipient":{"id":"bot"},"membersAdded":[null],"membersRemoved":[null],"deliveryMode":"expectReplies"}""", false)]
    [InlineData("""{"type":"message","id":"m1","channelId":"test","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c-null"},"from":{"id":"u1"},"recipient":{"id":"bot"},"text":"hola","attachments":[null],"entities":[null],"deliveryMode":"expectReplies"}""", true)]
    public async Task Null_in_a_list_of_members_or_attachments_is_ignored_without_an_error(string body, bool greets)
    {
        await using var app = new BotApplication();

        using var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("activities");
        Assert.Equal(greets, replies.GetArrayLength() > 0);
        Assert.DoesNotContain(app.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_over_256_KB_is_refused_with_413()
    {
        await using var app = new BotApplication();
        var huge = Valid.Replace("\"hola\"", "\"" + new string('a', 300 * 1024) + "\"", StringComparison.Ordinal);

        using var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(huge, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_256_KB_is_refused_with_413_too()
    {
        await using var app = new BotApplication();
        var huge = Encoding.UTF8.GetBytes(Valid.Replace("\"hola\"", "\"" + new string('a', 300 * 1024) + "\"", StringComparison.Ordinal));
        using var content = new StreamContent(new MemoryStream(huge));
        content.Headers.ContentType = new("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Only_post_is_allowed_on_the_messages_endpoint()
    {
        await using var app = new BotApplication();

        using var response = await app.CreateClient().GetAsync("/api/messages", Ct);

        // Routing answers 404 or 405 depending on the other endpoints mapped (the static assets); either way nothing is served.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound });
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        await using var app = new BotApplication();

        using var response = await app.CreateClient().GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
