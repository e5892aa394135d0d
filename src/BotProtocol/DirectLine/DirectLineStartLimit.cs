using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using BotProtocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotProtocol.DirectLine;

/// <summary>
/// What a client (one address) may start: <see cref="DirectLineOptions.StartsPerClientPerMinute"/> token requests and
/// conversation starts a minute, within <see cref="DirectLineOptions.StartsPerMinute"/> for everyone, through ASP.NET
/// Core's rate limiter (<c>UseRateLimiter()</c> must be in the pipeline). Without it, one script could take every
/// conversation slot and hold the chat page shut for everyone else.
/// </summary>
public static class DirectLineStartLimit
{
    /// <summary>The rate limiter policy's name.</summary>
    public const string PolicyName = "BotProtocol.DirectLine.Start";

    /// <summary>Counts every request to these endpoints against the client's and everyone's start budget.</summary>
    public static TBuilder RequireDirectLineStartLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(PolicyName);

    /// <summary>
    /// Who the client is, for limits: its IPv4 address, or its IPv6 /64 network (one subscriber usually has a whole /64,
    /// so counting single IPv6 addresses would give one host millions of budgets). Behind a proxy this is the proxy's
    /// address unless the forwarded-headers middleware runs (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>).
    /// Never logged: an address says where a person is.
    /// </summary>
    public static string ClientOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    internal static TokenBucketRateLimiterOptions PerMinute(int permits, bool autoReplenishment)
    {
        // A minute's worth in the bucket, refilled evenly: at most once a second, so a small budget trickles back
        // instead of returning all at once on the minute.
        var (period, tokens) = permits >= 60
            ? (TimeSpan.FromSeconds(1), (permits + 59) / 60)
            : (TimeSpan.FromSeconds(60.0 / permits), 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = autoReplenishment,
        };
    }
}

/// <summary>Everyone's start budget, one per app, released with the container.</summary>
internal sealed class DirectLineStartBudget(IOptions<DirectLineOptions> options) : IDisposable
{
    public TokenBucketRateLimiter Limiter { get; } = new(DirectLineStartLimit.PerMinute(options.Value.StartsPerMinute, autoReplenishment: true));

    public void Dispose() => Limiter.Dispose();
}

/// <summary>
/// The rate limiter policy: a partition per client whose limiter takes from the client's bucket first and then from
/// everyone's, so a client already over its own budget never uses up everyone's.
/// </summary>
internal sealed class DirectLineStartPolicy : IRateLimiterPolicy<string>
{
    private readonly DirectLineOptions _options;
    private readonly DirectLineStartBudget _everyone;
    private readonly DirectLineOrigins _origins;
    private readonly byte[]? _secretHash;
    private readonly ILogger _logger;

    public DirectLineStartPolicy(IOptions<DirectLineOptions> options, DirectLineStartBudget everyone, DirectLineOrigins origins, ILogger<DirectLineStartPolicy> logger)
    {
        _options = options.Value;
        _everyone = everyone;
        _origins = origins;
        _logger = logger;
        _secretHash = string.IsNullOrEmpty(_options.Secret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(_options.Secret));
        OnRejected = RejectAsync;
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected { get; }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        // The secret is a partner's server getting tokens for its many visitors: one address, not one visitor.
        if (HoldsSecret(httpContext))
            return RateLimitPartition.GetNoLimiter("secret");
        // Refused with 403 by the origin check, which costs nothing; counting it would let a page elsewhere spend
        // everyone's budget through its visitors' browsers.
        if (_origins.IsForeign(httpContext))
            return RateLimitPartition.GetNoLimiter("foreign origin");
        return RateLimitPartition.Get(DirectLineStartLimit.ClientOf(httpContext), _ =>
            new ClientThenEveryoneLimiter(new TokenBucketRateLimiter(DirectLineStartLimit.PerMinute(_options.StartsPerClientPerMinute, autoReplenishment: false)), _everyone.Limiter));
    }

    private bool HoldsSecret(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return _secretHash is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())), _secretHash);
    }

    /// <summary>429 in Direct Line's error shape, with the <c>Retry-After</c> the limiter gave (a minute when it gave none).</summary>
    internal static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext context, string what, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json; charset=utf-8";
        await System.Text.Json.JsonSerializer.SerializeAsync(response.Body,
            new ErrorResponse(new ErrorDetail("TooManyRequests", $"{what}; try again in {retryAfter} s.")),
            DirectLineJsonContext.Default.ErrorResponse, cancellationToken);
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var scope = context.Lease.TryGetMetadata(ClientThenEveryoneLimiter.ScopeMetadata, out var value) ? value! : "client";
        DirectLineLog.StartRateLimited(_logger, scope);
        await WriteTooManyRequestsAsync(context, "Too many new conversations from here", cancellationToken);
    }
}

/// <summary>
/// One client's limiter: its own bucket (refilled by the rate limiting middleware, which also drops it once idle),
/// then everyone's. A refusal says which of the two refused.
/// </summary>
internal sealed class ClientThenEveryoneLimiter(TokenBucketRateLimiter client, TokenBucketRateLimiter everyone) : ReplenishingRateLimiter
{
    public static readonly MetadataName<string> ScopeMetadata = new("BotProtocol.DirectLine.Scope");

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => client.ReplenishmentPeriod;

    public override TimeSpan? IdleDuration => client.IdleDuration;

    public override bool TryReplenish() => client.TryReplenish();

    public override RateLimiterStatistics? GetStatistics() => client.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var own = client.AttemptAcquire(permitCount);
        if (!own.IsAcquired)
            return new Refusal(own, "client");
        own.Dispose();
        var shared = everyone.AttemptAcquire(permitCount);
        return shared.IsAcquired ? shared : new Refusal(shared, "all clients");
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            client.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Refusal(RateLimitLease inner, string scope) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [.. inner.MetadataNames, ScopeMetadata.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == ScopeMetadata.Name)
            {
                metadata = scope;
                return true;
            }
            return inner.TryGetMetadata(metadataName, out metadata);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
