using BotProtocol.Connector;
using BotProtocol.Schema;
using BotProtocol.Testing;

namespace BotProtocol.Tests.Connector;

/// <summary>
/// Creating a conversation (a new thread in a Teams channel) is not idempotent: sent twice, it opens two threads. It is
/// retried only when the Connector certainly did nothing, and given longer to answer; when it may have taken effect
/// without saying so, the caller is told exactly that instead of the post going out again.
/// </summary>
public sealed class ConnectorCreateConversationTests
{
    private const int HangGuardMs = 10_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<Task<ConversationResourceResponse>> Create(ConnectorHarness host) =>
        () => host.Client.CreateConversationAsync(host.Connector.ServiceUrl, new ConversationParameters { IsGroup = true, Activity = ConnectorHarness.Message() }, Ct);

    [Fact(Timeout = HangGuardMs)]
    public async Task A_channel_that_answers_after_the_timeout_gets_the_post_once_and_the_caller_learns_the_outcome_is_unknown()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?> { ["Connector:CreateConversationTimeout"] = "00:01:30" });
        host.Connector.Enqueue(FakeConnectorResponse.Late(TimeSpan.FromSeconds(1)));
        var creating = Create(host)();

        await host.Connector.WaitForRequestsAsync(1, Ct);
        host.Clock.Advance(TimeSpan.FromSeconds(90));
        var unknown = await Assert.ThrowsAsync<ConnectorOutcomeUnknownException>(() => creating.WaitAsync(Ct));
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);

        Assert.Equal("timeout", unknown.Reason);
        var only = Assert.Single(host.Connector.Requests);
        Assert.Equal(200, only.ResponseStatus);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 1304);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Creating_waits_longer_than_other_calls_before_giving_up()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?> { ["Connector:CreateConversationTimeout"] = "00:01:30" });
        host.Connector.Enqueue(FakeConnectorResponse.Hang());
        var creating = Create(host)();

        await host.Connector.WaitForRequestsAsync(1, Ct);
        host.Clock.Advance(ConnectorHarness.AttemptTimeout);
        await Task.Delay(100, Ct);
        var stillWaiting = !creating.IsCompleted;
        host.Clock.Advance(TimeSpan.FromSeconds(90) - ConnectorHarness.AttemptTimeout);

        Assert.True(stillWaiting);
        await Assert.ThrowsAsync<ConnectorOutcomeUnknownException>(() => creating.WaitAsync(Ct));
        Assert.Single(host.Connector.Requests);
    }

    [Theory]
    [InlineData(502, "BadGateway")]
    [InlineData(504, "GatewayTimeout")]
    public async Task A_gateway_error_is_not_retried_since_the_service_behind_it_may_have_opened_the_thread(int status, string code)
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.Error(status, code));

        var run = await host.RunAdvancingClockAsync(Create(host));

        var unknown = Assert.IsType<ConnectorOutcomeUnknownException>(run.Failure);
        Assert.Equal($"HTTP {status}", unknown.Reason);
        Assert.Single(host.Connector.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(412)]
    public async Task A_refusal_that_did_nothing_is_retried_as_any_call_is(int status)
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(status == 429 ? FakeConnectorResponse.Throttled(TimeSpan.FromSeconds(1)) : FakeConnectorResponse.Error(status, "Refused"));

        var run = await host.RunAdvancingClockAsync(Create(host));

        Assert.Null(run.Failure);
        Assert.Equal([status, 200], host.Connector.Requests.Select(r => r.ResponseStatus));
    }

    [Fact]
    public async Task A_channel_that_cannot_be_reached_at_all_is_tried_again()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?> { ["Connector:MaxAttempts"] = "2" });
        // Nothing listens there: the connection is refused before a byte of the post leaves.
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/");

        var run = await host.RunAdvancingClockAsync(() => host.Client.CreateConversationAsync(closed.AbsoluteUri, new ConversationParameters { IsGroup = true }, Ct));

        Assert.IsType<HttpRequestException>(run.Failure);
        Assert.Single(run.Delays);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
