using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace BotProtocol.Hosting;

/// <summary>
/// Request body limits kept by the server itself: an endpoint declares its largest body, routing hands the number to the
/// server (Kestrel, IIS, HTTP.sys), and the server fails a read beyond it, at once for a declared <c>Content-Length</c>
/// and as it grows for a chunked body, with a <see cref="BadHttpRequestException"/> whose status is 413.
/// </summary>
public static class RequestSizeLimits
{
    /// <summary>Refuses bodies larger than <paramref name="maxBytes"/> on these endpoints.</summary>
    public static TBuilder WithRequestSizeLimit<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return builder.WithMetadata(new Limit(maxBytes));
    }

    /// <summary>The whole body, or null when the server refused it as larger than the endpoint's limit.</summary>
    public static async Task<byte[]?> ReadBodyAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    private sealed record Limit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
