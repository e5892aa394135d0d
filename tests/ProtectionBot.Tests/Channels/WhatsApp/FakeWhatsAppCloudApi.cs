using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>
/// The Graph API's <c>POST /{version}/{phone-number-id}/messages</c> on a loopback Kestrel port, as strict as Meta
/// documents it: bearer token, <c>messaging_product</c>, text ≤ 4096, 1–3 reply buttons with unique titles ≤ 20 and
/// ids ≤ 256, lists with a button ≤ 20, ≤ 10 sections, ≤ 10 rows in all, row titles ≤ 24, descriptions ≤ 72, ids
/// ≤ 200, interactive bodies ≤ 1024, media by id or link (captions ≤ 1024, none on audio and stickers), and free-form messages only within 24 hours of the person's last message
/// (131047). Refusals carry Meta's error body. Sends can be scripted to fail, to exercise the bot's error handling.
/// </summary>
internal sealed partial class FakeWhatsAppCloudApi : IAsyncDisposable
{
    public const string PhoneNumberId = "200000000000002";
    public const string AccessToken = "EAAG-test-access-token-never-logged";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<GraphRequest> _requests = [];
    private readonly Dictionary<string, DateTimeOffset> _lastInbound = new(StringComparer.Ordinal);
    private readonly Queue<FakeGraphError> _failures = new();
    private readonly List<(Func<IReadOnlyList<GraphRequest>, bool> IsDone, TaskCompletionSource Done)> _waiters = [];
    private int _lastId;
    private int _succeedFirst;

    private FakeWhatsAppCloudApi(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>: the value of <c>WhatsApp:GraphApiBaseUrl</c>.</summary>
    public string BaseUrl { get; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public IReadOnlyList<GraphRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>Messages accepted for <paramref name="waId"/> (not read receipts), in order.</summary>
    public IReadOnlyList<JsonObject> MessagesTo(string waId) =>
        [.. Requests.Where(r => r.Status == 200 && (string?)r.Body?["to"] == waId).Select(r => r.Body!)];

    /// <summary>The person wrote at <paramref name="at"/>: their customer service window is open for 24 hours.</summary>
    public void UserWrote(string waId, DateTimeOffset at)
    {
        lock (_gate)
            _lastInbound[waId] = _lastInbound.TryGetValue(waId, out var known) && known > at ? known : at;
    }

    /// <summary>The next message sends (not read receipts) are refused with these errors, one each.</summary>
    public void FailNextSends(params FakeGraphError[] errors) => FailSendsAfter(0, errors);

    /// <summary>After <paramref name="successes"/> more accepted sends, the next ones are refused with these errors.</summary>
    public void FailSendsAfter(int successes, params FakeGraphError[] errors)
    {
        lock (_gate)
        {
            _succeedFirst = successes;
            foreach (var error in errors)
                _failures.Enqueue(error);
        }
    }

    public Task WaitForAsync(Func<IReadOnlyList<GraphRequest>, bool> isDone, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (isDone(_requests))
                return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((isDone, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }
    }

    public static async Task<FakeWhatsAppCloudApi> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeWhatsAppCloudApi? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake = new FakeWhatsAppCloudApi(app, address.TrimEnd('/'));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(context.RequestAborted);
        JsonObject? body = null;
        try
        {
            body = JsonNode.Parse(raw) as JsonObject;
        }
        catch (JsonException)
        {
        }
        var (status, answer) = Answer(context.Request, body);
        var request = new GraphRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Authorization.ToString(), body, status, answer);
        lock (_gate)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(w => w.IsDone(_requests)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    private (int Status, JsonObject Answer) Answer(HttpRequest request, JsonObject? body)
    {
        if (request.Headers.Authorization.ToString() != $"Bearer {AccessToken}")
            return Error(new FakeGraphError(401, 190, "Invalid OAuth access token - Cannot parse access token"));
        var path = MessagesPath().Match(request.Path.Value ?? "");
        if (request.Method != "POST" || !path.Success)
            return Error(new FakeGraphError(400, 100, "Unsupported post request."));
        if (path.Groups[1].Value != PhoneNumberId)
            return Error(new FakeGraphError(400, 100, "Object with ID does not exist, cannot be loaded due to missing permissions, or does not support this operation"));
        if (body is null || (string?)body["messaging_product"] != "whatsapp")
            return Invalid("messaging_product must be whatsapp");

        if ((string?)body["status"] == "read")
            return string.IsNullOrEmpty((string?)body["message_id"]) ? Invalid("message_id is required") : (200, new JsonObject { ["success"] = true });

        var to = (string?)body["to"];
        if (string.IsNullOrEmpty(to))
            return Invalid("to is required");
        var type = (string?)body["type"];
        if (Problem(type, body) is { } problem)
            return Invalid(problem);
        lock (_gate)
        {
            if (_succeedFirst > 0)
                _succeedFirst--;
            else if (_failures.TryDequeue(out var failure))
                return Error(failure);
            if (type != "template" && (!_lastInbound.TryGetValue(to, out var last) || Time.GetUtcNow() - last >= TimeSpan.FromHours(24)))
                return Error(new FakeGraphError(400, 131047, "Re-engagement message", "Message failed to send because more than 24 hours have passed since the customer last replied to this number."));
            var id = $"wamid.OUT-{++_lastId:0000}";
            return (200, new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
                ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
            });
        }
    }

    /// <summary>What Meta would refuse in a message body, as the limits tables state them; null when it is acceptable.</summary>
    private static string? Problem(string? type, JsonObject body)
    {
        switch (type)
        {
            case "text":
                var text = (string?)body["text"]?["body"];
                return string.IsNullOrEmpty(text) ? "text.body is required"
                    : text.Length > 4096 ? "text.body is longer than 4096 characters" : null;
            case "template":
                return string.IsNullOrEmpty((string?)body["template"]?["name"]) || string.IsNullOrEmpty((string?)body["template"]?["language"]?["code"])
                    ? "template.name and template.language.code are required" : null;
            case "interactive":
                var interactive = body["interactive"];
                var bodyText = (string?)interactive?["body"]?["text"];
                if (string.IsNullOrEmpty(bodyText) || bodyText.Length > 1024)
                    return "interactive.body.text is required and at most 1024 characters";
                var action = interactive?["action"];
                return (string?)interactive?["type"] switch
                {
                    "button" => ButtonsProblem(action?["buttons"] as JsonArray),
                    "list" => ListProblem(action),
                    _ => "interactive.type must be button or list",
                };
            case "image" or "video" or "audio" or "document" or "sticker":
                var media = body[type!];
                if (string.IsNullOrEmpty((string?)media?["id"]) == string.IsNullOrEmpty((string?)media?["link"]))
                    return $"{type} needs exactly one of id and link";
                var caption = (string?)media?["caption"];
                return caption is null ? null
                    : type is "audio" or "sticker" ? $"{type} messages have no caption"
                    : caption.Length > 1024 ? "caption is longer than 1024 characters" : null;
            default:
                return $"type {type} is not supported here";
        }
    }

    private static string? ButtonsProblem(JsonArray? buttons)
    {
        if (buttons is not { Count: >= 1 and <= 3 })
            return "action.buttons must have 1 to 3 buttons";
        var titles = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons)
        {
            var id = (string?)button?["reply"]?["id"];
            var title = (string?)button?["reply"]?["title"];
            if ((string?)button?["type"] != "reply")
                return "button type must be reply";
            if (string.IsNullOrEmpty(title) || title.Length > 20 || !titles.Add(title))
                return "button titles are required, unique and at most 20 characters";
            if (string.IsNullOrEmpty(id) || id.Length > 256 || !ids.Add(id))
                return "button ids are required, unique and at most 256 characters";
        }
        return null;
    }

    private static string? ListProblem(JsonNode? action)
    {
        var label = (string?)action?["button"];
        if (string.IsNullOrEmpty(label) || label.Length > 20)
            return "action.button is required and at most 20 characters";
        if (action?["sections"] is not JsonArray { Count: >= 1 and <= 10 } sections)
            return "action.sections must have 1 to 10 sections";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        foreach (var section in sections)
        {
            var title = (string?)section?["title"];
            if ((sections.Count > 1 && string.IsNullOrEmpty(title)) || title?.Length > 24)
                return "section titles are at most 24 characters, and required with several sections";
            foreach (var row in section?["rows"] as JsonArray ?? [])
            {
                rows++;
                var id = (string?)row?["id"];
                var rowTitle = (string?)row?["title"];
                var description = (string?)row?["description"];
                if (string.IsNullOrEmpty(id) || id.Length > 200 || !ids.Add(id))
                    return "row ids are required, unique and at most 200 characters";
                if (string.IsNullOrEmpty(rowTitle) || rowTitle.Length > 24)
                    return "row titles are required and at most 24 characters";
                if (description?.Length > 72)
                    return "row descriptions are at most 72 characters";
            }
        }
        return rows is >= 1 and <= 10 ? null : "a list has 1 to 10 rows in all";
    }

    private (int, JsonObject) Invalid(string details) => Error(new FakeGraphError(400, 100, "Invalid parameter", details));

    /// <summary>Meta's error body: message, type, code, optional subcode, error_data with details, fbtrace_id.</summary>
    private (int, JsonObject) Error(FakeGraphError error)
    {
        var trace = $"Atrace{Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture)}";
        var body = new JsonObject
        {
            ["message"] = $"(#{error.Code}) {error.Message}",
            ["type"] = "OAuthException",
            ["code"] = error.Code,
        };
        if (error.Subcode is { } subcode)
            body["error_subcode"] = subcode;
        body["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = error.Details ?? error.Message };
        body["fbtrace_id"] = trace;
        return (error.HttpStatus, new JsonObject { ["error"] = body });
    }

    [GeneratedRegex(@"^/v\d+\.\d+/([^/]+)/messages$")]
    private static partial Regex MessagesPath();
}

internal sealed record FakeGraphError(int HttpStatus, int Code, string Message, string? Details = null, int? Subcode = null);

internal sealed record GraphRequest(string Method, string Target, string Authorization, JsonObject? Body, int Status, JsonObject Answer)
{
    public bool IsReadReceipt => (string?)Body?["status"] == "read";

    public int? ErrorCode => (int?)Answer["error"]?["code"];
}
