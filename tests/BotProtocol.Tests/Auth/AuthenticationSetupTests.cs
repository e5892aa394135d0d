using BotProtocol.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BotProtocol.Tests.Auth;

/// <summary>Wiring, the "no app id" mode (local development), and what reaches the logs.</summary>
public sealed class AuthenticationSetupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer garbage")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Without_an_app_id_every_request_is_anonymous(string? header)
    {
        await using var h = await AuthHarness.StartAsync(settings => settings["MicrosoftAppId"] = "");

        var result = await h.AuthenticateAsync(header);

        Assert.True(h.Authenticator.IsAuthenticationDisabled);
        Assert.Equal(new AuthenticationResult(AuthenticationStatus.Anonymous, null, null, null, null), result);
        Assert.Equal(0, h.Issuer.Channel.MetadataRequests);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Without_an_app_id_outside_development_nothing_is_authenticated_at_all(string environment)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var h = await AuthHarness.StartAsync(settings => settings["MicrosoftAppId"] = "", environment);
        });

        Assert.Contains($"MicrosoftAppId is not set and the environment is {environment}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_host_the_environment_counts_as_not_development()
    {
        using var services = Build(new() { ["MicrosoftAppId"] = "" });

        var error = Assert.Throws<OptionsValidationException>(services.GetRequiredService<RequestAuthenticator>);

        Assert.Contains("UnsafeAllowAnonymousRequests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_loud_setting_lets_an_anonymous_bot_run_outside_development()
    {
        await using var h = await AuthHarness.StartAsync(settings =>
        {
            settings["MicrosoftAppId"] = "";
            settings["UnsafeAllowAnonymousRequests"] = "true";
        }, "Production");

        Assert.True(h.Authenticator.IsAuthenticationDisabled);
    }

    [Fact]
    public async Task With_an_app_id_authentication_is_enabled()
    {
        await using var h = await AuthHarness.StartAsync();

        Assert.False(h.Authenticator.IsAuthenticationDisabled);
    }

    [Fact]
    public void Options_are_bound_from_the_flat_root_keys()
    {
        using var services = Build(new()
        {
            ["MicrosoftAppType"] = "userassignedmsi",
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppTenantId"] = "tenant",
            ["AllowedCallers:0"] = "caller",
            ["ClockSkew"] = "00:02:00",
        });

        var options = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;

        Assert.Equal(BotAppType.UserAssignedMSI, options.AppType);
        Assert.Equal(["caller"], options.AllowedCallers);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClockSkew);
    }

    [Fact]
    public void Inconsistent_configuration_is_refused_when_the_authenticator_is_built()
    {
        using var services = Build(new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "secret" });

        var error = Assert.Throws<OptionsValidationException>(services.GetRequiredService<RequestAuthenticator>);

        Assert.Contains("MicrosoftAppTenantId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_adds_nothing_twice()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppPassword"] = "secret",
            ["AllowedCallers:0"] = "caller",
        }).Build();
        var collection = new ServiceCollection().AddBotAuthentication(configuration).AddBotAuthentication(configuration);
        using var services = collection.BuildServiceProvider();

        Assert.Single(collection, d => d.ServiceType == typeof(RequestAuthenticator));
        Assert.Equal(["caller"], services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.AllowedCallers);
    }

    [Fact]
    public async Task Refusals_are_logged_with_a_reason_and_never_the_token_or_its_claims()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken() with { Audience = "someone-else" };
        var jwt = token.Mint();

        await h.AuthenticateAsync("Bearer " + jwt);

        var lines = h.Logs.Entries;
        Assert.Contains(lines, e => e.Id.Id == 1200 && e.Text.Contains(FailureReasons.AudienceMismatch, StringComparison.Ordinal));
        Assert.All(lines, e =>
        {
            foreach (var part in jwt.Split('.'))
                Assert.DoesNotContain(part, e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("someone-else", e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(AuthHarness.ServiceUrl, e.Text, StringComparison.Ordinal);
        });
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddBotAuthentication(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
