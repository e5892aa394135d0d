using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BotProtocol.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// Who is calling and what they may touch: the bearer credential (the secret, or a token naming one conversation), the
/// conversation it names, and the body it sent. Every refusal is logged by operation, status and code, never by content.
/// </summary>
internal sealed class DirectLineAccess
{
    public const int MaxIdLength = 256;

    private readonly DirectLineTokens _tokens;
    private readonly DirectLineConversations _conversations;
    private readonly byte[]? _secretHash;

    public DirectLineAccess(IOptions<DirectLineOptions> options, DirectLineTokens tokens, DirectLineConversations conversations, ILoggerFactory loggers)
    {
        _tokens = tokens;
        _conversations = conversations;
        var secret = options.Value.Secret;
        _secretHash = string.IsNullOrEmpty(secret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        // The endpoints' category, so log filters set for the Direct Line keep working.
        Logger = loggers.CreateLogger(typeof(DirectLineEndpoints).FullName!);
    }

    public ILogger Logger { get; }

    /// <summary>Reads the bearer credential: the caller, or the refusal when there is none or it is not valid.</summary>
    public Access<DirectLineCaller> Authenticate(HttpRequest request, string operation)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            DirectLineLog.Refused(Logger, operation, StatusCodes.Status401Unauthorized, "Unauthorized");
            return new DirectLineError(StatusCodes.Status401Unauthorized, "Unauthorized", "An Authorization: Bearer header with a Direct Line secret or token is required.")
            {
                Challenge = "Bearer",
            };
        }
        var credential = header[7..].Trim();
        if (_secretHash is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(credential)), _secretHash))
            return new DirectLineCaller(IsSecret: true, credential, null, null, 0);

        var check = _tokens.Check(credential);
        return check.Status switch
        {
            TokenStatus.Valid => new DirectLineCaller(IsSecret: false, credential, check.Claims!.ConversationId, check.Claims.UserId, check.ExpiresIn),
            // DirectLineJS treats 403 as "token expired".
            TokenStatus.Expired => Refuse(operation, StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; get a new one."),
            _ => Refuse(operation, StatusCodes.Status403Forbidden, "Forbidden", "The secret or token is not valid."),
        };
    }

    /// <summary>The caller of a conversation's operation: its token must name this conversation (or it holds the secret).</summary>
    public Access<(DirectLineCaller Caller, DirectLineConversation Conversation)> ConversationOf(HttpRequest request, string conversationId, string operation)
    {
        var caller = Authenticate(request, operation);
        if (caller.Refusal is { } refusal)
            return refusal;
        if (!caller.Value!.IsSecret && !string.Equals(caller.Value.ConversationId, conversationId, StringComparison.Ordinal))
            return Refuse(operation, StatusCodes.Status403Forbidden, "Forbidden", "The token is for another conversation.");
        if (_conversations.Find(conversationId) is not { } conversation)
            return Refuse(operation, StatusCodes.Status404NotFound, "NotFound", "No such conversation: it was never started, or it ended.");
        return (caller.Value, conversation);
    }

    /// <summary>
    /// The body as <typeparamref name="T"/>; default when the body is empty. The server holds it to the endpoint's
    /// <c>WithRequestSizeLimit</c>, <paramref name="maxBytes"/>, which the 413 names.
    /// </summary>
    public async Task<Access<T?>> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int maxBytes, string operation) where T : class
    {
        if (await request.ReadBodyAsync(request.HttpContext.RequestAborted) is not { } body)
            return Refuse(operation, StatusCodes.Status413PayloadTooLarge, "BadArgument", $"The body is larger than {maxBytes / 1024} KB.");
        if (body.Length == 0)
            return new Access<T?>(null, null);
        try
        {
            return new Access<T?>(JsonSerializer.Deserialize(body, type), null);
        }
        catch (JsonException e)
        {
            var message = e.Path is { Length: > 1 } path
                ? $"The field '{path.TrimStart('$', '.')}' has the wrong type or is not valid JSON."
                : "The body is not a JSON object.";
            return Refuse(operation, StatusCodes.Status400BadRequest, "BadSyntax", message);
        }
    }

    public DirectLineError Refuse(string operation, int status, string code, string message, int? retryAfterSeconds = null)
    {
        DirectLineLog.Refused(Logger, operation, status, code);
        return new DirectLineError(status, code, message) { RetryAfterSeconds = retryAfterSeconds };
    }

    public static bool ValidUserId(string? id) => id is null || (id.Length is > 0 and <= MaxIdLength);

}

/// <summary>What a request may go on with, or the refusal it gets instead.</summary>
internal readonly record struct Access<T>(T? Value, DirectLineError? Refusal)
{
    public static implicit operator Access<T>(T value) => new(value, null);

    public static implicit operator Access<T>(DirectLineError refusal) => new(default, refusal);
}

/// <summary>A caller holding the secret (any conversation) or a token (its one conversation, perhaps one user).</summary>
internal sealed record DirectLineCaller(bool IsSecret, string Token, string? ConversationId, string? UserId, int ExpiresIn);
