using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BotProtocol.Schema;
using Microsoft.AspNetCore.Http;

namespace BotProtocol.DirectLine;

/// <summary>A Direct Line answer, written with the source-generated contract of <typeparamref name="T"/> and never cached.</summary>
internal sealed class DirectLineJson<T>(int statusCode, T value, JsonTypeInfo<T> type) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>
{
    public int? StatusCode => statusCode;

    public T? Value => value;

    public Task ExecuteAsync(HttpContext httpContext) => DirectLineAnswers.WriteAsync(httpContext, statusCode, value, type);
}

/// <summary>A refusal in Direct Line's <c>{"error":{"code","message"}}</c> shape; the message says what to do and never echoes input.</summary>
internal sealed class DirectLineError(int statusCode, string code, string message) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public string Code => code;

    /// <summary>Seconds a 429 asks the client to wait.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The challenge of a 401.</summary>
    public string? Challenge { get; init; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (RetryAfterSeconds is { } seconds)
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (Challenge is { } challenge)
            httpContext.Response.Headers.WWWAuthenticate = challenge;
        return DirectLineAnswers.WriteAsync(httpContext, statusCode, new ErrorResponse(new ErrorDetail(code, message)), DirectLineJsonContext.Default.ErrorResponse);
    }
}

internal static class DirectLineAnswers
{
    public static DirectLineJson<ConversationResponse> Conversation(ConversationResponse conversation, int statusCode = StatusCodes.Status200OK) =>
        new(statusCode, conversation, DirectLineJsonContext.Default.ConversationResponse);

    public static async Task WriteAsync<T>(HttpContext http, int status, T value, JsonTypeInfo<T> type)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        // Tokens and what people said: nothing here may be kept by a cache or a proxy.
        http.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(http.Response.Body, value, type, http.RequestAborted);
    }
}
