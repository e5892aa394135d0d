using BotProtocol.Connector;
using BotProtocol.Schema;
using BotProtocol.Testing;

namespace BotProtocol.Tests.Connector;

public sealed class ConnectorRetryTests
{
    // These tests hold requests open; if the code under test ever stopped giving up, they would fail rather than hang.
    private const int HangGuardMs = 10_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<Task<ResourceResponse>> Send(ConnectorHarness host) =>
        () => host.Client.SendToConversationAsync(host.Connector.ServiceUrl, "a:1xyz", ConnectorHarness.Message(), Ct);

    [Fact]
    public async Task Throttled_429_waits_the_Retry_After_seconds_then_succeeds()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.Throttled(TimeSpan.FromSeconds(7)));

        var run = await host.RunAdvancingClockAsync(Send(host));

        Assert.Null(run.Failure);
        Assert.Equal([TimeSpan.FromSeconds(7)], run.Delays);
        Assert.Equal([429, 200], host.Connector.Requests.Select(r => r.ResponseStatus));
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_waits_until_that_time()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.ThrottledUntil(host.Clock.GetUtcNow() + TimeSpan.FromSeconds(5)));

        var run = await host.RunAdvancingClockAsync(Send(host));

        Assert.Null(run.Failure);
        Assert.Equal([TimeSpan.FromSeconds(5)], run.Delays);
    }

    [Fact]
    public async Task Retry_After_in_the_past_retries_at_once()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.ThrottledUntil(host.Clock.GetUtcNow() - TimeSpan.FromMinutes(1)));

        var run = await host.RunAdvancingClockAsync(Send(host));

        Assert.Null(run.Failure);
        Assert.Empty(run.Delays);
        Assert.Equal(2, host.Connector.Requests.Count);
    }

    [Fact]
    public async Task Retry_After_longer_than_MaxDelay_is_capped_at_MaxDelay()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?> { ["Connector:MaxDelay"] = "00:00:04" });
        host.Connector.Enqueue(FakeConnectorResponse.Throttled(TimeSpan.FromMinutes(2)));

        var run = await host.RunAdvancingClockAsync(Send(host));

        Assert.Null(run.Failure);
        Assert.Equal([TimeSpan.FromSeconds(4)], run.Delays);
    }

    [Fact]
    public async Task Unavailable_503_is_retried_up_to_MaxAttempts_with_growing_jittered_backoff_then_fails()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(Enumerable.Repeat(FakeConnectorResponse.Unavailable(), 4).ToArray());

        var run = await host.RunAdvancingClockAsync(Send(host));

        var failure = Assert.IsType<ConnectorException>(run.Failure);
        Assert.Equal((503, "ServiceUnavailable", true), (failure.StatusCode, failure.ErrorCode, failure.IsTransient));
        Assert.Equal(4, host.Connector.Requests.Count);
        // Base 500 ms doubling, each step between half and all of it ("equal jitter").
        Assert.Collection(run.Delays,
            first => Assert.InRange(first, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)),
            second => Assert.InRange(second, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000)),
            third => Assert.InRange(third, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(2000)));
    }

    [Fact]
    public async Task Backoff_never_exceeds_MaxDelay()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Connector:MaxAttempts"] = "6",
            ["Connector:BaseDelay"] = "00:00:02",
            ["Connector:MaxDelay"] = "00:00:05",
        });
        host.Connector.Enqueue(Enumerable.Repeat(FakeConnectorResponse.Error(502, "BadGateway"), 5).ToArray());

        var run = await host.RunAdvancingClockAsync(Send(host));

        Assert.Null(run.Failure);
        Assert.Equal(5, run.Delays.Count);
        Assert.All(run.Delays, delay => Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(412)]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Statuses_Teams_says_to_retry_are_retried(int status)
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.Error(status, "Transient"));

        var run = await host.RunAdvancingClockAsync(Send(host));

        Assert.Null(run.Failure);
        Assert.Equal([status, 200], host.Connector.Requests.Select(r => r.ResponseStatus));
    }

    [Theory]
    [InlineData(400, "BadArgument")]
    [InlineData(403, "BotNotInConversationRoster")]
    [InlineData(404, "ConversationNotFound")]
    [InlineData(413, "MessageSizeTooBig")]
    [InlineData(500, "ServiceError")]
    public async Task Other_failures_are_not_retried(int status, string code)
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.Error(status, code));

        var run = await host.RunAdvancingClockAsync(Send(host));

        var failure = Assert.IsType<ConnectorException>(run.Failure);
        Assert.Equal((status, code, false), (failure.StatusCode, failure.ErrorCode, failure.IsTransient));
        Assert.Single(host.Connector.Requests);
        Assert.Empty(run.Delays);
    }

    [Fact]
    public async Task A_retried_request_sends_the_same_body_and_token_again()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.Error(502, "BadGateway"), FakeConnectorResponse.Unavailable());

        var run = await host.RunAdvancingClockAsync(Send(host));

        Assert.Null(run.Failure);
        var requests = host.Connector.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));
        Assert.All(requests, r => Assert.Equal(requests[0].BearerToken, r.BearerToken));
        Assert.All(requests, r => Assert.Equal(requests[0].Headers["Content-Length"], r.Headers["Content-Length"]));
        Assert.Equal("Gracias. ¿En qué país está?", requests[2].Activity?.Text);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task An_attempt_without_answer_is_abandoned_after_Timeout_and_retried()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.Hang());
        var sending = Send(host)();

        await host.Connector.WaitForRequestsAsync(1, Ct);
        host.Clock.Advance(ConnectorHarness.AttemptTimeout);
        var backoff = await host.Clock.NextDelayAsync(Ct);
        host.Clock.Advance(backoff);

        Assert.NotNull((await sending.WaitAsync(Ct)).Id);
        Assert.Equal([0, 200], host.Connector.Requests.Select(r => r.ResponseStatus));
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task An_answer_that_stalls_after_its_headers_is_abandoned_after_Timeout_and_retried()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.StallAfterHeaders());
        var sending = Send(host)();

        await host.Connector.WaitForRequestsAsync(1, Ct);
        host.Clock.Advance(ConnectorHarness.AttemptTimeout);
        host.Clock.Advance(await host.Clock.NextDelayAsync(Ct));

        Assert.NotNull((await sending.WaitAsync(Ct)).Id);
        Assert.Equal(2, host.Connector.Requests.Count);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task When_no_attempt_gets_an_answer_the_call_fails_with_TimeoutException()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?> { ["Connector:MaxAttempts"] = "1" });
        host.Connector.Enqueue(FakeConnectorResponse.Hang());
        var sending = Send(host)();

        await host.Connector.WaitForRequestsAsync(1, Ct);
        host.Clock.Advance(ConnectorHarness.AttemptTimeout);

        await Assert.ThrowsAsync<TimeoutException>(() => sending.WaitAsync(Ct));
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Cancellation_by_the_caller_is_not_retried()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.Hang());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sending = host.Client.SendToConversationAsync(host.Connector.ServiceUrl, "a:1xyz", ConnectorHarness.Message(), cancel.Token);

        await host.Connector.WaitForRequestsAsync(1, Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Ct));
        Assert.Single(host.Connector.Requests);
    }

    [Fact]
    public async Task Transport_failures_are_retried()
    {
        await using var host = await ConnectorHarness.StartAsync();
        // A port nothing listens on: the fake's own, once it is gone.
        var dead = await FakeConnectorService.StartAsync(Ct);
        var deadUrl = dead.ServiceUrl;
        await dead.DisposeAsync();

        var run = await host.RunAdvancingClockAsync(() =>
            host.Client.SendToConversationAsync(deadUrl, "a:1xyz", ConnectorHarness.Message(), Ct));

        Assert.IsType<HttpRequestException>(run.Failure);
        Assert.Equal(3, run.Delays.Count);
    }
}
