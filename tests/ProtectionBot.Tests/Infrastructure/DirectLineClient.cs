using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// A Direct Line 3.0 client over plain HTTP, reading answers as JSON so that tests see the wire format itself.
/// </summary>
public sealed class DirectLineClient(HttpClient http)
{
    public const string Secret = "test-direct-line-secret";

    /// <summary>A signing key for the tests' apps (any 32 random bytes, base64).</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DirectLine:TokenSigningKey"] = SigningKey,
            ["DirectLine:Secret"] = Secret,
        };
        foreach (var (key, value) in more)
            settings[key] = value;
        return settings;
    }

    public sealed record Answer(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
    {
        public string Text(string property) => Body.GetProperty(property).GetString()!;

        public string ErrorCode => Body.GetProperty("error").GetProperty("code").GetString()!;
    }

    public Task<Answer> GenerateAsync(string? credential = Secret, string? body = null) =>
        SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", credential, body);

    public Task<Answer> RefreshAsync(string? token) => SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token, null);

    public Task<Answer> StartAsync(string? credential, string? body = """{"user":{},"locale":"es-ES"}""") =>
        SendAsync(HttpMethod.Post, "/v3/directline/conversations", credential, body);

    public Task<Answer> ReconnectAsync(string? credential, string conversationId) =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=", credential, null);

    public Task<Answer> PostAsync(string? credential, string conversationId, string activity) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", credential, activity);

    public Task<Answer> SayAsync(string? credential, string conversationId, string text, string clientActivityId = "client-1") =>
        PostAsync(credential, conversationId, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "message",
            ["from"] = new Dictionary<string, string> { ["id"] = "dl_visitor", ["role"] = "user" },
            ["locale"] = "es-ES",
            ["text"] = text,
            ["channelData"] = new Dictionary<string, string> { ["clientActivityID"] = clientActivityId },
        }));

    public Task<Answer> GetActivitiesAsync(string? credential, string conversationId, string? watermark = null) =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities{(watermark is null ? "" : "?watermark=" + watermark)}", credential, null);

    /// <summary>A token and a started conversation, as Web Chat has them after its first call.</summary>
    public async Task<(string Token, string ConversationId, Answer Started)> StartConversationAsync()
    {
        var generated = await GenerateAsync();
        var token = generated.Text("token");
        var started = await StartAsync(token);
        return (token, started.Text("conversationId"), started);
    }

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? credential, string? body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (credential is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        configure?.Invoke(request);
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Answer(response.StatusCode, json, response);
    }
}
