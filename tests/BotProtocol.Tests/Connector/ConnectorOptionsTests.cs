using BotProtocol.Connector;
using BotProtocol.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BotProtocol.Tests.Connector;

public sealed class ConnectorOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, int addCalls = 1)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        for (var i = 0; i < addCalls; i++)
            services.AddBotConnector(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public void Defaults_are_four_attempts_half_a_second_base_ten_seconds_cap_and_timeout()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<ConnectorOptions>>().Value;

        Assert.Equal((4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)),
            (options.MaxAttempts, options.BaseDelay, options.MaxDelay, options.Timeout));
        Assert.Equal(TimeSpan.FromSeconds(60), options.CreateConversationTimeout);
    }

    [Fact]
    public void The_Connector_section_and_the_flat_Bot_Framework_keys_are_bound()
    {
        using var services = Build(new()
        {
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppPassword"] = "pw",
            ["Connector:MaxAttempts"] = "2",
            ["Connector:BaseDelay"] = "00:00:01",
            ["Connector:MaxDelay"] = "00:00:30",
            ["Connector:Timeout"] = "00:00:05",
        });

        var options = services.GetRequiredService<IOptions<ConnectorOptions>>().Value;
        var bot = services.GetRequiredService<IOptions<BotProtocol.Auth.BotFrameworkOptions>>().Value;

        Assert.Equal((2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)),
            (options.MaxAttempts, options.BaseDelay, options.MaxDelay, options.Timeout));
        Assert.Equal("app", bot.MicrosoftAppId);
    }

    [Theory]
    [InlineData("MaxAttempts", "0")]
    [InlineData("MaxAttempts", "11")]
    [InlineData("BaseDelay", "00:00:11")]
    [InlineData("MaxDelay", "00:06:00")]
    [InlineData("Timeout", "00:00:00.5")]
    public void Out_of_range_values_are_refused_naming_the_key(string key, string value)
    {
        using var services = Build(new() { ["Connector:" + key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ConnectorOptions>>().Value);

        Assert.Contains("Connector:" + key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_that_do_not_fit_the_app_type_are_refused()
    {
        using var services = Build(new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "pw" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ConnectorClient>());

        Assert.Contains("MicrosoftAppTenantId", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_the_connector_twice_does_not_stack_retries()
    {
        await using var connector = await FakeConnectorService.StartAsync(TestContext.Current.CancellationToken);
        connector.Enqueue(FakeConnectorResponse.Error(503, "ServiceUnavailable"), FakeConnectorResponse.Error(503, "ServiceUnavailable"));
        using var services = Build(new()
        {
            ["UnsafeAllowAnonymousRequests"] = "true",
            ["Connector:MaxAttempts"] = "2",
            ["Connector:BaseDelay"] = "00:00:00",
            ["Connector:MaxDelay"] = "00:00:00",
        }, addCalls: 2);

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => services.GetRequiredService<ConnectorClient>()
            .SendToConversationAsync(connector.ServiceUrl, "a:1", ConnectorHarness.Message(), TestContext.Current.CancellationToken));

        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(2, connector.Requests.Count);
    }
}
