using BotProtocol.Connector;
using BotProtocol.Testing;
using Microsoft.Identity.Client;

namespace BotProtocol.Tests.Connector;

/// <summary>
/// Outbound tokens through the real MSAL against a fake Entra. MSAL reads the system clock, so expiry is shown
/// through the lifetime Entra grants rather than by advancing time.
/// </summary>
public sealed class ConnectorTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<BotProtocol.Schema.ResourceResponse> SendAsync(ConnectorHarness host, string? oAuthScope = null) =>
        host.Client.SendToConversationAsync(host.Connector.ServiceUrl, "a:1xyz", ConnectorHarness.Message(), Ct, oAuthScope);

    [Fact]
    public async Task SingleTenant_asks_its_own_tenant_for_a_client_credentials_token()
    {
        await using var host = await ConnectorHarness.StartAsync();

        await SendAsync(host);

        var token = Assert.Single(host.Entra.Requests);
        Assert.Equal(("login.microsoftonline.com", host.Settings["MicrosoftAppTenantId"]), (token.Host, token.Tenant));
        Assert.Equal("client_credentials", token.Parameters["grant_type"]);
        Assert.Equal(host.AppId, token.Parameters["client_id"]);
        Assert.Equal(host.Settings["MicrosoftAppPassword"], token.Parameters["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", token.Parameters["scope"]);
        Assert.Equal(token.IssuedToken, host.Connector.Requests.Single().BearerToken);
    }

    [Fact]
    public async Task MultiTenant_asks_the_botframework_com_authority()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppTenantId"] = null,
        });

        await SendAsync(host);

        var token = Assert.Single(host.Entra.Requests);
        Assert.Equal(("login.microsoftonline.com", "botframework.com"), (token.Host, token.Tenant));
        Assert.Equal("https://api.botframework.com/.default", token.Parameters["scope"]);
    }

    [Fact]
    public async Task Sovereign_cloud_keys_change_the_authority_and_the_scope()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?>
        {
            ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us/",
            ["ToChannelFromBotOAuthScope"] = "https://api.botframework.us",
        });

        await SendAsync(host);

        var token = Assert.Single(host.Entra.Requests);
        // MSAL lower-cases the authority it was given.
        Assert.Equal(("login.microsoftonline.us", "microsoftservices.onmicrosoft.us"), (token.Host, token.Tenant));
        Assert.Equal("https://api.botframework.us/.default", token.Parameters["scope"]);
    }

    [Fact]
    public async Task A_call_to_a_skill_uses_a_token_for_the_skills_app_id()
    {
        await using var host = await ConnectorHarness.StartAsync();

        await SendAsync(host, oAuthScope: "7a1c0000-0000-0000-0000-00000000c0de");
        await SendAsync(host);

        Assert.Equal(["7a1c0000-0000-0000-0000-00000000c0de/.default", "https://api.botframework.com/.default"],
            host.Entra.Requests.Select(r => r.Parameters["scope"]));
        Assert.NotEqual(host.Connector.Requests[0].BearerToken, host.Connector.Requests[1].BearerToken);
    }

    [Fact]
    public async Task UserAssignedMSI_gets_its_token_from_the_managed_identity_endpoint()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "UserAssignedMSI",
            ["MicrosoftAppPassword"] = null,
        });

        await SendAsync(host);
        await SendAsync(host);

        var token = Assert.Single(host.Entra.Requests);
        Assert.Equal((TokenRequestKinds.ManagedIdentity, "169.254.169.254"), (token.Kind, token.Host));
        Assert.Equal("https://api.botframework.com", token.Parameters["resource"]);
        Assert.Equal(host.AppId, token.Parameters["client_id"]);
        Assert.Equal("2018-02-01", token.Parameters["api-version"]);
        Assert.Equal("true", token.Headers["Metadata"]);
        Assert.All(host.Connector.Requests, r => Assert.Equal(token.IssuedToken, r.BearerToken));
    }

    [Fact]
    public async Task One_token_serves_many_sends_even_when_they_start_together()
    {
        await using var host = await ConnectorHarness.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(host)));
        for (var i = 0; i < 4; i++)
            await SendAsync(host);

        var token = Assert.Single(host.Entra.Requests);
        Assert.Equal(12, host.Connector.Requests.Count);
        Assert.All(host.Connector.Requests, r => Assert.Equal(token.IssuedToken, r.BearerToken));
    }

    [Fact]
    public async Task A_token_with_less_than_five_minutes_left_is_renewed_before_use()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Entra.TokenLifetime = TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1);

        for (var i = 0; i < 3; i++)
            await SendAsync(host);

        Assert.Equal(3, host.Entra.Requests.Count);
        Assert.Equal(host.Entra.IssuedTokens, host.Connector.Requests.Select(r => r.BearerToken!));
    }

    [Fact]
    public async Task A_token_with_more_than_five_minutes_left_is_reused()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Entra.TokenLifetime = TimeSpan.FromMinutes(7);

        for (var i = 0; i < 3; i++)
            await SendAsync(host);

        Assert.Single(host.Entra.Requests);
    }

    [Theory]
    [InlineData("SingleTenant")]
    [InlineData("UserAssignedMSI")]
    public async Task A_refused_token_is_renewed_once_and_the_call_sent_once_more(string appType)
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppPassword"] = appType == "UserAssignedMSI" ? null : "secret",
        });
        host.Connector.Enqueue(FakeConnectorResponse.TokenRefused());

        var answer = await SendAsync(host);

        Assert.NotNull(answer.Id);
        Assert.Equal(2, host.Entra.Requests.Count);
        Assert.Equal(host.Entra.IssuedTokens, host.Connector.Requests.Select(r => r.BearerToken!));
        Assert.Equal([401, 200], host.Connector.Requests.Select(r => r.ResponseStatus));
    }

    [Fact]
    public async Task A_token_refused_twice_fails_with_401_after_a_single_renewal()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Connector.Enqueue(FakeConnectorResponse.TokenRefused(), FakeConnectorResponse.TokenRefused());

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(host));

        Assert.Equal((401, null, false), (failure.StatusCode, failure.ErrorCode, failure.IsTransient));
        Assert.Equal(2, host.Connector.Requests.Count);
        Assert.Equal(2, host.Entra.Requests.Count);
    }

    [Fact]
    public async Task With_authentication_disabled_no_token_is_asked_for_and_no_Authorization_header_sent()
    {
        await using var host = await ConnectorHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = null,
            ["MicrosoftAppId"] = null,
            ["MicrosoftAppPassword"] = null,
            ["MicrosoftAppTenantId"] = null,
            ["UnsafeAllowAnonymousRequests"] = "true",
        });
        host.Connector.Enqueue(FakeConnectorResponse.TokenRefused());

        await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(host));
        await SendAsync(host);

        Assert.Empty(host.Entra.Requests);
        Assert.All(host.Connector.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
        Assert.Equal(2, host.Connector.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_secret_fails_in_MSAL_before_anything_reaches_the_Connector()
    {
        await using var host = await ConnectorHarness.StartAsync();
        host.Entra.RequiredClientSecret = "the-right-secret";

        var failure = await Assert.ThrowsAsync<MsalServiceException>(() => SendAsync(host));

        Assert.Equal("invalid_client", failure.ErrorCode);
        Assert.Empty(host.Connector.Requests);
    }
}
