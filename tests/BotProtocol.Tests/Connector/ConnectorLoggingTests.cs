using BotProtocol.Connector;
using BotProtocol.Testing;
using BotProtocol.Turns;
using Microsoft.Extensions.Logging;

namespace BotProtocol.Tests.Connector;

public sealed class ConnectorLoggingTests
{
    private const string ConversationId = "19:c0ffee@thread.tacv2;messageid=1700000000001";
    private const string Text = "Me llamo Ana Restrepo, mi número es +57 300 123 4567";

    [Fact]
    public async Task Retries_refusals_and_failures_are_logged_without_token_text_or_conversation_id()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(
            FakeConnectorResponse.Throttled(TimeSpan.FromSeconds(2)),
            FakeConnectorResponse.TokenRefused(),
            FakeConnectorResponse.Error(404, "ConversationNotFound"));

        var run = await host.RunAdvancingClockAsync(() => host.Client.ReplyToActivityAsync(
            host.Connector.ServiceUrl, ConversationId, "1700000000002", ConnectorHarness.Message(Text), TestContext.Current.CancellationToken));

        Assert.IsType<ConnectorException>(run.Failure);
        var requests = host.Connector.Requests;
        var entries = host.Logs.Entries;

        var retry = Assert.Single(entries, e => e.EventId.Id == 1300);
        Assert.Equal(LogLevel.Warning, retry.Level);
        Assert.Equal(host.Pseudonyms.LogId(ConversationId), Value(retry, "ConversationHash"));
        Assert.Equal(429, Value(retry, "StatusCode"));
        Assert.Equal(1, Value(retry, "Attempt"));
        Assert.Equal(2000d, Value(retry, "DelayMs"));
        Assert.Equal(requests[0].CorrelatingOperationId, Value(retry, "CorrelatingOperationId"));

        var refused = Assert.Single(entries, e => e.EventId.Id == 1302);
        Assert.Equal(requests[1].CorrelatingOperationId, Value(refused, "CorrelatingOperationId"));

        var failed = Assert.Single(entries, e => e.EventId.Id == 1303);
        Assert.Equal((404, "ConversationNotFound"), (Value(failed, "StatusCode"), Value(failed, "ErrorCode")));
        Assert.Equal(requests[2].CorrelatingOperationId, Value(failed, "CorrelatingOperationId"));

        string[] secrets =
        [
            .. host.Entra.IssuedTokens,
            host.Settings["MicrosoftAppPassword"]!,
            ConversationId,
            Uri.EscapeDataString(ConversationId),
            "c0ffee",
            "Ana",
            "300 123",
        ];
        Assert.NotEmpty(entries);
        Assert.All(entries, entry => Assert.All(secrets, secret => Assert.DoesNotContain(secret, entry.Everything, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Transport_retries_name_the_failure_but_not_the_address()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?> { ["Connector:MaxAttempts"] = "2" });
        host.Connector.Enqueue(FakeConnectorResponse.Hang());

        var run = await host.RunAdvancingClockAsync(async () =>
        {
            var sending = host.Client.SendToConversationAsync(host.Connector.ServiceUrl, ConversationId, ConnectorHarness.Message(Text), TestContext.Current.CancellationToken);
            await host.Connector.WaitForRequestsAsync(1, TestContext.Current.CancellationToken);
            host.Clock.Advance(ConnectorHarness.AttemptTimeout);
            return await sending;
        });

        Assert.Null(run.Failure);
        var retry = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 1301);
        Assert.Equal("timeout", Value(retry, "Failure"));
        Assert.DoesNotContain(ConversationId, retry.Everything, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Connector.BaseAddress.Authority, retry.Everything, StringComparison.Ordinal);
    }

    private static object? Value(LogEntry entry, string name) => entry.State.Single(kv => kv.Key == name).Value;
}
