using System.Text.Json;
using BotProtocol.Connector;
using BotProtocol.Schema;
using BotProtocol.Testing;

namespace BotProtocol.Tests.Connector;

public sealed class ConnectorClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reply_goes_to_the_activity_route_with_a_bearer_token()
    {
        await using var host = await ConnectorHarness.StartAsync();

        var answer = await host.Client.ReplyToActivityAsync(host.Connector.ServiceUrl, "a:1xyz", "1700000000002", ConnectorHarness.Message(), Ct);

        var request = Assert.Single(host.Connector.Requests);
        Assert.Equal(ConnectorOperations.ReplyToActivity, request.Operation);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/conversations/a%3A1xyz/activities/1700000000002", request.RawTarget);
        Assert.Equal(host.Entra.IssuedTokens.Single(), request.BearerToken);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal("Gracias. ¿En qué país está?", request.Activity?.Text);
        Assert.NotNull(answer.Id);
        Assert.StartsWith("activity-", answer.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_ids_are_percent_encoded_as_single_path_segments()
    {
        await using var host = await ConnectorHarness.StartAsync();
        const string channelThread = "19:abc123@thread.tacv2;messageid=1700000000001";
        const string activityId = "1:1Zx/9@q";

        await host.Client.ReplyToActivityAsync(host.Connector.ServiceUrl, channelThread, activityId, ConnectorHarness.Message(), Ct);

        var request = Assert.Single(host.Connector.Requests);
        Assert.Equal("/v3/conversations/19%3Aabc123%40thread.tacv2%3Bmessageid%3D1700000000001/activities/1%3A1Zx%2F9%40q", request.RawTarget);
        Assert.Equal(channelThread, request.ConversationId);
        Assert.Equal(activityId, request.ActivityId);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("amer", "/amer")]
    [InlineData("amer/", "/amer")]
    [InlineData("teams/emea/", "/teams/emea")]
    public async Task Service_urls_with_or_without_trailing_slash_and_path_lead_to_the_same_route(string path, string expectedPathBase)
    {
        await using var host = await ConnectorHarness.StartAsync();
        var serviceUrl = host.Connector.BaseAddress.AbsoluteUri.TrimEnd('/') + (path.Length == 0 ? "" : "/" + path.TrimStart('/'));

        await host.Client.SendToConversationAsync(serviceUrl, "a:1xyz", ConnectorHarness.Message(), Ct);

        var request = Assert.Single(host.Connector.Requests);
        Assert.Equal(ConnectorOperations.SendToConversation, request.Operation);
        Assert.Equal(expectedPathBase, request.PathBase);
        Assert.Equal(expectedPathBase + "/v3/conversations/a%3A1xyz/activities", request.RawTarget);
    }

    [Theory]
    [InlineData("")]
    [InlineData("smba.trafficmanager.net/amer/")]
    [InlineData("/v3/relative")]
    [InlineData("ftp://smba.trafficmanager.net/amer/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://smba.trafficmanager.net/amer/?x=1")]
    public async Task Anything_but_an_absolute_http_service_url_is_refused_before_any_call(string serviceUrl)
    {
        await using var host = await ConnectorHarness.StartAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            host.Client.SendToConversationAsync(serviceUrl, "a:1xyz", ConnectorHarness.Message(), Ct));

        Assert.Empty(host.Connector.Requests);
        Assert.Empty(host.Entra.Requests);
    }

    [Fact]
    public async Task SendAsync_replies_when_the_activity_has_a_replyToId_and_posts_to_the_conversation_otherwise()
    {
        await using var host = await ConnectorHarness.StartAsync();
        var incoming = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "1700000000002",
            ServiceUrl = host.Connector.ServiceUrlWithPath("amer"),
            ChannelId = "msteams",
            From = new ChannelAccount { Id = "29:1abc" },
            Recipient = new ChannelAccount { Id = "28:bot" },
            Conversation = new ConversationAccount { Id = "a:1xyz" },
        };

        await host.Client.SendAsync(incoming.CreateReply("Hola"), Ct);
        await host.Client.SendAsync(incoming.CreateReply("¿Sigue ahí?") with { ReplyToId = null }, Ct);

        Assert.Collection(host.Connector.Requests,
            reply => Assert.Equal("/amer/v3/conversations/a%3A1xyz/activities/1700000000002", reply.RawTarget),
            proactive => Assert.Equal("/amer/v3/conversations/a%3A1xyz/activities", proactive.RawTarget));
        Assert.Equal(["Hola", "¿Sigue ahí?"], host.Connector.Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task SendAsync_refuses_an_activity_without_service_url_or_conversation()
    {
        await using var host = await ConnectorHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.SendAsync(ConnectorHarness.Message() with { Conversation = new() { Id = "a:1" } }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.SendAsync(ConnectorHarness.Message() with { ServiceUrl = host.Connector.ServiceUrl }, Ct));
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Update_puts_the_whole_activity_and_delete_removes_it()
    {
        await using var host = await ConnectorHarness.StartAsync();

        var updated = await host.Client.UpdateActivityAsync(host.Connector.ServiceUrl, "a:1xyz", "1700000000003", ConnectorHarness.Message("Solicitud aceptada"), Ct);
        await host.Client.DeleteActivityAsync(host.Connector.ServiceUrl, "a:1xyz", "1700000000003", Ct);

        Assert.Equal("1700000000003", updated.Id);
        Assert.Collection(host.Connector.Requests,
            put =>
            {
                Assert.Equal(("PUT", ConnectorOperations.UpdateActivity), (put.Method, put.Operation));
                Assert.Equal("/v3/conversations/a%3A1xyz/activities/1700000000003", put.RawTarget);
                Assert.Equal("Solicitud aceptada", put.Activity?.Text);
            },
            delete =>
            {
                Assert.Equal(("DELETE", ConnectorOperations.DeleteActivity), (delete.Method, delete.Operation));
                Assert.Equal("/v3/conversations/a%3A1xyz/activities/1700000000003", delete.RawTarget);
                Assert.Empty(delete.Body);
                Assert.NotNull(delete.BearerToken);
            });
    }

    [Fact]
    public async Task Create_conversation_posts_isGroup_bot_members_tenant_channelData_and_activity()
    {
        await using var host = await ConnectorHarness.StartAsync();
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:bot" },
            Members = [new ChannelAccount { Id = "29:1abc" }],
            TenantId = "tid",
            ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = "tid" } }),
            Activity = ConnectorHarness.Message("Hola"),
        };

        var created = await host.Client.CreateConversationAsync(host.Connector.ServiceUrlWithPath("amer"), parameters, Ct);

        var request = Assert.Single(host.Connector.Requests);
        Assert.Equal(("POST", "/amer/v3/conversations"), (request.Method, request.RawTarget));
        var body = request.Json!.AsObject();
        Assert.False(body["isGroup"]!.GetValue<bool>());
        Assert.Equal("28:bot", body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal("29:1abc", body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("tid", body["tenantId"]!.GetValue<string>());
        Assert.Equal("tid", body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("message", body["activity"]!["type"]!.GetValue<string>());
        Assert.Equal("Hola", body["activity"]!["text"]!.GetValue<string>());
        Assert.False(body.ContainsKey("topicName"), "empty fields are omitted");
        Assert.StartsWith("conversation-", created.Id, StringComparison.Ordinal);
        Assert.NotNull(created.ActivityId);
        Assert.Equal(host.Connector.ServiceUrlWithPath("amer"), created.ServiceUrl);
    }

    [Fact]
    public async Task A_refusal_surfaces_as_ConnectorException_with_status_code_and_operation_id_but_no_text()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.Error(403, "ConversationBlockedByUser", "User blocked the conversation with the bot."));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(host.Connector.ServiceUrl, "a:1xyz", ConnectorHarness.Message(), Ct));

        Assert.Equal(403, failure.StatusCode);
        Assert.Equal("ConversationBlockedByUser", failure.ErrorCode);
        Assert.False(failure.IsTransient);
        Assert.Equal(host.Connector.Requests.Single().CorrelatingOperationId, failure.CorrelatingOperationId);
        Assert.DoesNotContain("Gracias", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a:1xyz", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_body_that_is_not_an_ErrorResponse_leaves_the_code_empty()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(new FakeConnectorResponse(403, """{"errorCode":209,"message":"Message writes blocked"}"""));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client.SendToConversationAsync(host.Connector.ServiceUrl, "a:1xyz", ConnectorHarness.Message(), Ct));

        Assert.Equal((403, null), (failure.StatusCode, failure.ErrorCode));
    }
}
