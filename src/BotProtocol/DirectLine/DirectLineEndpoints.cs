using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BotProtocol.Schema;
using BotProtocol.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

public static class DirectLineEndpoints
{
    /// <summary>The <c>channelId</c> of activities that come through the local Direct Line.</summary>
    public const string ChannelId = "directline";

    /// <summary>
    /// Maps Direct Line 3.0 (protocol reference §5.1) under <paramref name="prefix"/>: token generate and refresh,
    /// start and reconnect, post and get activities with a watermark, and the WebSocket stream. Each posted activity
    /// comes back to the clients with a server id (Web Chat needs the echo), goes to the bot's turn, and the bot's
    /// replies are added to the conversation's log. A start gives the bot a <c>conversationUpdate</c> so it can greet.
    /// Maps nothing when <see cref="DirectLineTokens.IsEnabled"/> is false.
    /// </summary>
    public static IEndpointConventionBuilder MapDirectLine(this IEndpointRouteBuilder endpoints, string prefix = "/v3/directline")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var group = endpoints.MapGroup(prefix);
        var tokens = services.GetRequiredService<DirectLineTokens>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineEndpoints).FullName!);
        if (!tokens.IsEnabled)
        {
            DirectLineLog.Disabled(logger);
            return group;
        }

        var handler = new DirectLineHandler(
            services.GetRequiredService<IOptions<DirectLineOptions>>().Value,
            tokens,
            services.GetRequiredService<DirectLineConversations>(),
            services.GetRequiredService<TurnProcessor>(),
            logger);
        // Plain RequestDelegates, as MapBotFramework: no reflection-based binding.
        group.MapPost("/tokens/generate", handler.GenerateAsync).RequireDirectLineStartLimit();
        group.MapPost("/tokens/refresh", handler.RefreshAsync);
        group.MapPost("/conversations", handler.StartAsync).RequireDirectLineStartLimit();
        group.MapGet("/conversations/{conversationId}", handler.ReconnectAsync);
        group.MapPost("/conversations/{conversationId}/activities", handler.PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", handler.GetActivitiesAsync);
        group.MapGet("/conversations/{conversationId}/stream", handler.StreamAsync);
        group.MapMethods("/{**path}", [HttpMethods.Options], DirectLineCors.PreflightAsync);
        group.RequireDirectLineCors();
        return group;
    }
}

/// <summary>The Direct Line operations. Every refusal is a 4xx with Direct Line's <c>{"error":{"code","message"}}</c>.</summary>
internal sealed class DirectLineHandler(
    DirectLineOptions options, DirectLineTokens tokens, DirectLineConversations conversations, TurnProcessor processor, ILogger logger)
{
    /// <summary>How long a turn may take before the client is told the bot timed out (Azure's Direct Line waits 15 s).</summary>
    private static readonly TimeSpan BotTimeout = TimeSpan.FromSeconds(15);

    private const int MaxStartBodyBytes = 4 * 1024;
    private const int MaxIdLength = 256;

    private static readonly HashSet<string> ClientActivityTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing, ActivityTypes.EndOfConversation, ActivityTypes.MessageReaction,
    };

    private readonly byte[]? _secret = string.IsNullOrEmpty(options.Secret) ? null : Encoding.UTF8.GetBytes(options.Secret);

    // POST tokens/generate — Bearer secret; the conversation starts later, with the token.
    public async Task GenerateAsync(HttpContext http)
    {
        const string operation = "generate token";
        if (await AuthenticateAsync(http, operation) is not { } caller)
            return;
        if (!caller.IsSecret)
        {
            await RefuseAsync(http, operation, StatusCodes.Status403Forbidden, "Forbidden", "Generating a token needs the Direct Line secret.");
            return;
        }
        var body = await ReadJsonAsync(http, DirectLineJsonContext.Default.DirectLineRequestBody, MaxStartBodyBytes, operation);
        if (!body.Ok)
            return;
        if (!ValidUserId(body.Value?.User?.Id))
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "BadArgument", $"user.id must be 1 to {MaxIdLength} characters.");
            return;
        }
        var token = tokens.Generate(body.Value?.User?.Id);
        await WriteAsync(http, StatusCodes.Status200OK, new ConversationResponse(token.ConversationId, token.Token, token.ExpiresIn), DirectLineJsonContext.Default.ConversationResponse);
    }

    // POST tokens/refresh — Bearer token; an expired token cannot be refreshed.
    public async Task RefreshAsync(HttpContext http)
    {
        const string operation = "refresh token";
        if (await AuthenticateAsync(http, operation) is not { } caller)
            return;
        if (caller.IsSecret)
        {
            await RefuseAsync(http, operation, StatusCodes.Status403Forbidden, "Forbidden", "Only a token can be refreshed.");
            return;
        }
        var token = tokens.Issue(caller.ConversationId!, caller.UserId);
        await WriteAsync(http, StatusCodes.Status200OK, new ConversationResponse(token.ConversationId, token.Token, token.ExpiresIn), DirectLineJsonContext.Default.ConversationResponse);
    }

    // POST conversations — 201 when this call started it, 200 when the token's conversation was already started.
    public async Task StartAsync(HttpContext http)
    {
        const string operation = "start conversation";
        if (await AuthenticateAsync(http, operation) is not { } caller)
            return;
        var body = await ReadJsonAsync(http, DirectLineJsonContext.Default.DirectLineRequestBody, MaxStartBodyBytes, operation);
        if (!body.Ok)
            return;
        var requestedUser = body.Value?.User?.Id;
        if (!ValidUserId(requestedUser))
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "BadArgument", $"user.id must be 1 to {MaxIdLength} characters.");
            return;
        }

        var token = caller.IsSecret
            ? tokens.Generate(requestedUser)
            : new DirectLineToken(caller.ConversationId!, caller.Token, caller.ExpiresIn);
        var conversation = conversations.GetOrStart(token.ConversationId, DirectLineStartLimit.ClientOf(http), out var started, out var refusal);
        if (conversation is null)
        {
            DirectLineLog.Full(logger, refusal!, conversations.Count);
            http.Response.Headers.RetryAfter = "60";
            await RefuseAsync(http, operation, StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many conversations are open; try again in a minute.");
            return;
        }

        if (started)
        {
            DirectLineLog.ConversationStarted(logger, conversation.LogId, conversations.Count);
            var user = new ChannelAccount { Id = caller.UserId ?? requestedUser ?? "dl_" + DirectLineTokens.NewConversationId(), Role = RoleTypes.User };
            // Web Chat never announces who joined; the bot learns it here and may greet first (reference §5.3).
            var joined = new Activity
            {
                Type = ActivityTypes.ConversationUpdate,
                ChannelId = DirectLineEndpoints.ChannelId,
                ServiceUrl = ServiceUrl(http),
                Conversation = new ConversationAccount { Id = conversation.Id },
                From = user,
                Recipient = Bot,
                Locale = body.Value?.Locale,
                MembersAdded = [user, Bot],
                Timestamp = null,
            };
            if (!await RunTurnAsync(http, conversation, joined, echoSequence: null, operation))
                return;
        }

        conversation.Touch();
        var response = new ConversationResponse(conversation.Id, token.Token, token.ExpiresIn, StreamUrl(http, conversation));
        await WriteAsync(http, started ? StatusCodes.Status201Created : StatusCodes.Status200OK, response, DirectLineJsonContext.Default.ConversationResponse);
    }

    // GET conversations/{id}?watermark= — a fresh stream URL after a socket closed.
    public async Task ReconnectAsync(HttpContext http)
    {
        const string operation = "reconnect";
        if (await ConversationOfAsync(http, operation) is not { } found)
            return;
        var (caller, conversation) = found;
        var token = caller.IsSecret ? tokens.Issue(conversation.Id, null) : new DirectLineToken(conversation.Id, caller.Token, caller.ExpiresIn);
        await WriteAsync(http, StatusCodes.Status200OK, new ConversationResponse(conversation.Id, token.Token, token.ExpiresIn, StreamUrl(http, conversation)), DirectLineJsonContext.Default.ConversationResponse);
    }

    // POST conversations/{id}/activities — echo, turn, {"id"}.
    public async Task PostActivityAsync(HttpContext http)
    {
        const string operation = "post activity";
        if (await ConversationOfAsync(http, operation) is not { } found)
            return;
        var (caller, conversation) = found;
        var read = await ReadJsonAsync(http, ProtocolJsonContext.Default.Activity, DirectLineLimits.MaxActivityBytes, operation);
        if (!read.Ok)
            return;
        if (read.Value is not { } posted)
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "MissingProperty", "The body must be one activity as a JSON object.");
            return;
        }
        if (string.IsNullOrEmpty(posted.Type))
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "MissingProperty", "Required field missing: type.");
            return;
        }
        if (!ClientActivityTypes.Contains(posted.Type))
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "BadArgument", $"A client may post activities of type {string.Join(", ", ClientActivityTypes)}.");
            return;
        }
        if (posted.IsType(ActivityTypes.Event) && string.IsNullOrEmpty(posted.Name))
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "MissingProperty", "Required field missing: name.");
            return;
        }
        var fromId = caller.UserId ?? posted.From?.Id;
        if (fromId is not null && !ValidUserId(fromId))
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "BadArgument", $"from.id must be 1 to {MaxIdLength} characters.");
            return;
        }

        conversation.PostedByClient();
        // The server decides where the activity came from and is going; the rest is the client's, kept as sent.
        var (echo, sequence) = conversation.Append(posted with
        {
            ChannelId = DirectLineEndpoints.ChannelId,
            ServiceUrl = null,
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = new ChannelAccount { Id = fromId ?? "dl_user", Name = posted.From?.Name, Role = RoleTypes.User },
            Recipient = Bot,
            DeliveryMode = null,
            CallerId = null,
        });
        if (!await RunTurnAsync(http, conversation, echo with { ServiceUrl = ServiceUrl(http) }, sequence, operation))
            return;
        await WriteAsync(http, StatusCodes.Status200OK, new ResourceResponse(echo.Id), DirectLineJsonContext.Default.ResourceResponse);
    }

    // GET conversations/{id}/activities?watermark= — polling.
    public async Task GetActivitiesAsync(HttpContext http)
    {
        const string operation = "get activities";
        if (await ConversationOfAsync(http, operation) is not { } found)
            return;
        var conversation = found.Conversation;
        if (!TryWatermark(http, out var watermark))
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "BadArgument", "watermark must be a watermark this conversation gave.");
            return;
        }
        var (activities, next) = conversation.ReadAfter(watermark, includeTyping: false);
        await WriteAsync(http, StatusCodes.Status200OK, new ActivitySet(activities, Watermark(next)), DirectLineJsonContext.Default.ActivitySet);
    }

    // GET conversations/{id}/stream?t=&watermark= — WebSocket; the URL itself is the (single-use) credential.
    public async Task StreamAsync(HttpContext http)
    {
        const string operation = "stream";
        var id = (string)http.Request.RouteValues["conversationId"]!;
        var nonce = http.Request.Query["t"].ToString();
        if (conversations.Find(id) is not { } conversation || nonce.Length == 0 || !conversation.RedeemStreamNonce(nonce))
        {
            await RefuseAsync(http, operation, StatusCodes.Status403Forbidden, "Forbidden", "This stream URL is not valid (it works once, within 60 seconds).");
            return;
        }
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "BadArgument", "The stream URL takes a WebSocket.");
            return;
        }
        if (!TryWatermark(http, out var watermark))
            watermark = 0;

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var stop = conversation.TakeStream(out var owner);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(stop, http.RequestAborted);
        DirectLineLog.Stream(logger, conversation.LogId, "opened");
        var receiving = DrainAsync(socket, closing);
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var changed = conversation.Changed;
                var (activities, next) = conversation.ReadAfter(watermark, includeTyping: true);
                if (activities.Count > 0)
                {
                    var message = JsonSerializer.SerializeToUtf8Bytes(new ActivitySet(activities, Watermark(next)), DirectLineJsonContext.Default.ActivitySet);
                    await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, closing.Token);
                }
                watermark = next;
                await changed.WaitAsync(closing.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            var reason = stop.IsCancellationRequested && !conversation.Ended.IsCancellationRequested ? "collision" : "closed";
            DirectLineLog.Stream(logger, conversation.LogId, reason);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await socket.CloseOutputAsync(
                        reason == "collision" ? WebSocketCloseStatus.PolicyViolation : WebSocketCloseStatus.NormalClosure, reason, timeout.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException)
                {
                }
            }
            await closing.CancelAsync();
            await receiving;
            conversation.ReleaseStream(owner);
        }
    }

    /// <summary>Reads (and ignores) what the client sends — DirectLineJS pings with empty messages — until it closes.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        await closing.CancelAsync();
    }

    /// <summary>Runs the bot's turn; its replies go into the log. False (and a 502 written) when the bot failed.</summary>
    private async Task<bool> RunTurnAsync(HttpContext http, DirectLineConversation conversation, Activity activity, long? echoSequence, string operation)
    {
        // Not the request's token: a client that goes away mid-turn must not leave the turn half done.
        using var timeout = new CancellationTokenSource(BotTimeout);
        try
        {
            var result = await processor.ProcessAsync(activity, (reply, _) =>
            {
                if (!reply.IsType(ActivityTypes.Trace))
                {
                    conversation.Append(reply with
                    {
                        ChannelId = DirectLineEndpoints.ChannelId,
                        ServiceUrl = null,
                        Conversation = new ConversationAccount { Id = conversation.Id },
                        From = Bot,
                        Recipient = activity.From,
                        ReplyToId = echoSequence is null ? null : activity.Id,
                    });
                }
                return Task.CompletedTask;
            }, timeout.Token);
            if (result.ConversationErased && echoSequence is { } sequence)
            {
                // The bot erased its state; what was said must not stay readable here either. The erasing activity's
                // echo and the bot's answer to it stay, so the client sees the confirmation and its send succeed.
                conversation.EraseBefore(sequence);
                DirectLineLog.Erased(logger, conversation.LogId);
            }
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            DirectLineLog.BotFailed(logger, conversation.LogId, e.GetType().Name);
            var message = timeout.IsCancellationRequested ? "Failed to send activity: bot timed out" : "Failed to send activity: bot returned an error";
            await RefuseAsync(http, operation, StatusCodes.Status502BadGateway, "BotError", message);
            return false;
        }
    }

    private ChannelAccount Bot => new() { Id = options.BotId, Name = options.BotName, Role = RoleTypes.Bot };

    /// <summary>The caller of a conversation's operation: its token must name this conversation (or it holds the secret).</summary>
    private async Task<(Caller Caller, DirectLineConversation Conversation)?> ConversationOfAsync(HttpContext http, string operation)
    {
        if (await AuthenticateAsync(http, operation) is not { } caller)
            return null;
        var id = (string)http.Request.RouteValues["conversationId"]!;
        if (!caller.IsSecret && !string.Equals(caller.ConversationId, id, StringComparison.Ordinal))
        {
            await RefuseAsync(http, operation, StatusCodes.Status403Forbidden, "Forbidden", "The token is for another conversation.");
            return null;
        }
        if (conversations.Find(id) is not { } conversation)
        {
            await RefuseAsync(http, operation, StatusCodes.Status404NotFound, "NotFound", "No such conversation: it was never started, or it ended.");
            return null;
        }
        return (caller, conversation);
    }

    /// <summary>Reads the bearer credential. Null (with the answer written) when there is none or it is not valid.</summary>
    private async Task<Caller?> AuthenticateAsync(HttpContext http, string operation)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(http, operation, StatusCodes.Status401Unauthorized, "Unauthorized", "An Authorization: Bearer header with a Direct Line secret or token is required.");
            return null;
        }
        var credential = header[7..].Trim();
        if (_secret is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(credential)), SHA256.HashData(_secret)))
            return new Caller(IsSecret: true, credential, null, null, 0);

        var check = tokens.Check(credential);
        switch (check.Status)
        {
            case TokenStatus.Valid:
                return new Caller(IsSecret: false, credential, check.Claims!.ConversationId, check.Claims.UserId, check.ExpiresIn);
            case TokenStatus.Expired:
                // DirectLineJS treats 403 as "token expired".
                await RefuseAsync(http, operation, StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; get a new one.");
                return null;
            default:
                await RefuseAsync(http, operation, StatusCodes.Status403Forbidden, "Forbidden", "The secret or token is not valid.");
                return null;
        }
    }

    private async Task<(bool Ok, T? Value)> ReadJsonAsync<T>(HttpContext http, JsonTypeInfo<T> type, int maxBytes, string operation) where T : class
    {
        if (http.Request.ContentLength > maxBytes)
        {
            await RefuseAsync(http, operation, StatusCodes.Status413PayloadTooLarge, "BadArgument", $"The body is larger than {maxBytes / 1024} KB.");
            return (false, null);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await RefuseAsync(http, operation, StatusCodes.Status413PayloadTooLarge, "BadArgument", $"The body is larger than {maxBytes / 1024} KB.");
                return (false, null);
            }
            await buffer.WriteAsync(chunk.AsMemory(0, read), http.RequestAborted);
        }
        if (buffer.Length == 0)
            return (true, null);
        try
        {
            return (true, JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type));
        }
        catch (JsonException e)
        {
            var message = e.Path is { Length: > 1 } path
                ? $"The field '{path.TrimStart('$', '.')}' has the wrong type or is not valid JSON."
                : "The body is not a JSON object.";
            await RefuseAsync(http, operation, StatusCodes.Status400BadRequest, "BadSyntax", message);
            return (false, null);
        }
    }

    private Task RefuseAsync(HttpContext http, string operation, int status, string code, string message)
    {
        DirectLineLog.Refused(logger, operation, status, code);
        return WriteAsync(http, status, new ErrorResponse(new ErrorDetail(code, message)), DirectLineJsonContext.Default.ErrorResponse);
    }

    private static async Task WriteAsync<T>(HttpContext http, int status, T value, JsonTypeInfo<T> type)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        // Tokens and what people said: nothing here may be kept by a cache or a proxy.
        http.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(http.Response.Body, value, type, http.RequestAborted);
    }

    private static bool TryWatermark(HttpContext http, out long watermark)
    {
        var text = http.Request.Query["watermark"].ToString();
        watermark = 0;
        return text.Length == 0 || text == "-" || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out watermark) && watermark >= 0);
    }

    private static string? Watermark(long sequence) => sequence > 0 ? sequence.ToString(CultureInfo.InvariantCulture) : null;

    private static bool ValidUserId(string? id) => id is null || (id.Length is > 0 and <= MaxIdLength);

    private static bool IsHttps(HttpContext http) =>
        http.Request.IsHttps
        // Behind a TLS-terminating front end (App Service, a reverse proxy) the page was https, so must the socket be.
        || string.Equals(http.Request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim(), "https", StringComparison.OrdinalIgnoreCase);

    private static string Base(HttpContext http) =>
        $"{http.Request.Host}{http.Request.PathBase}{DirectLinePrefix(http)}";

    /// <summary>The group's prefix, as the request came in (everything before <c>/tokens</c> or <c>/conversations</c>).</summary>
    private static string DirectLinePrefix(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var cut = path.IndexOf("/conversations", StringComparison.Ordinal);
        if (cut < 0)
            cut = path.IndexOf("/tokens", StringComparison.Ordinal);
        return cut < 0 ? path : path[..cut];
    }

    private static string ServiceUrl(HttpContext http) => (IsHttps(http) ? "https://" : "http://") + Base(http) + "/";

    private static string StreamUrl(HttpContext http, DirectLineConversation conversation) =>
        (IsHttps(http) ? "wss://" : "ws://") + Base(http) + "/conversations/" + Uri.EscapeDataString(conversation.Id)
        + "/stream?t=" + Uri.EscapeDataString(conversation.IssueStreamNonce());

    private sealed record Caller(bool IsSecret, string Token, string? ConversationId, string? UserId, int ExpiresIn);
}
