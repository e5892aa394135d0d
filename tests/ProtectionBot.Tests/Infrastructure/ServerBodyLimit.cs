using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// The in-memory test server keeps no request body limit; this gives it Kestrel's (a read past the limit the endpoint
/// declared fails with a 413 <see cref="BadHttpRequestException"/>), so in-memory tests see the refusals production
/// gives. Under Kestrel (<see cref="BotApplication.StartOnLoopback"/>) the server's own limit acts and this does nothing.
/// </summary>
internal sealed class ServerBodyLimit : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, rest) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is null)
            {
                var body = new LimitedBody(http.Request.Body, http.Request.ContentLength);
                http.Features.Set<IHttpMaxRequestBodySizeFeature>(body);
                http.Request.Body = body;
            }
            return rest(http);
        });
        next(app);
    };

    private sealed class LimitedBody(Stream inner, long? contentLength) : Stream, IHttpMaxRequestBodySizeFeature
    {
        private long _read;
        private bool _started;

        public bool IsReadOnly => _started;

        // Kestrel's default.
        public long? MaxRequestBodySize { get; set; } = 30_000_000;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count(0);
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Count(read);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Count(0);
            var read = inner.Read(buffer, offset, count);
            Count(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Count(int read)
        {
            _started = true;
            _read += read;
            if (MaxRequestBodySize is { } max && (contentLength > max || _read > max))
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
    }
}
