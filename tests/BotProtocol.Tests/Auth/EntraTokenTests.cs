using BotProtocol.Auth;
using BotProtocol.Testing;

namespace BotProtocol.Tests.Auth;

/// <summary>Emulator and skill tokens, issued by Entra ID.</summary>
public sealed class EntraTokenTests
{
    private const string CallerAppId = "3d4e5f60-7182-4394-a5b6-c7d8e9f0a1b2";

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Emulator_token_for_this_bot_is_authenticated(string version)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.Issuer.EmulatorToken(AuthHarness.AppId, version), AuthHarness.Message("emulator", "http://localhost:51234"));

        Assert.Equal(new AuthenticationResult(AuthenticationStatus.Authenticated, null, AuthHarness.AppId, "urn:botframework:azure", null), result);
        Assert.Equal(0, h.Issuer.Channel.MetadataRequests);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Emulator_token_for_another_app_is_refused(string version)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.Issuer.EmulatorToken(CallerAppId, version));

        AuthAssert.Refused(FailureReasons.AudienceMismatch, result);
    }

    [Fact]
    public async Task Emulator_token_whose_v1_app_id_is_in_the_v2_claim_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.Issuer.EmulatorToken(AuthHarness.AppId, "1.0").WithoutClaim("appid").WithClaim("azp", AuthHarness.AppId);

        AuthAssert.Refused(FailureReasons.AppIdMissing, await h.AuthenticateAsync(token));
    }

    [Theory]
    [InlineData("3.0")]
    [InlineData(null)]
    public async Task Emulator_token_of_an_unknown_version_is_refused(string? version)
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.Issuer.EmulatorToken(AuthHarness.AppId);
        token = version is null ? token.WithoutClaim("ver") : token.WithClaim("ver", version);

        AuthAssert.Refused(FailureReasons.UnsupportedVersion, await h.AuthenticateAsync(token));
    }

    [Fact]
    public async Task Emulator_token_signed_by_a_channel_key_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.Issuer.EmulatorToken(AuthHarness.AppId) with { SigningKey = h.Issuer.Channel.CurrentKey };

        AuthAssert.Refused(FailureReasons.UnknownSigningKey, await h.AuthenticateAsync(token));
    }

    [Fact]
    public async Task Emulator_token_expired_beyond_the_clock_skew_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();
        var header = h.Issuer.EmulatorToken(AuthHarness.AppId).ToAuthorizationHeader();

        h.Time.Advance(TestTokenIssuer.TokenLifetime + TimeSpan.FromMinutes(6));

        AuthAssert.Refused(FailureReasons.Expired, await h.AuthenticateAsync(header));
    }

    [Theory]
    [InlineData("https://sts.windows.net/{tenant}/")]
    [InlineData("https://login.microsoftonline.com/{tenant}/v2.0")]
    public async Task Issuer_of_the_configured_tenant_is_accepted(string issuerPattern)
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.Issuer.EmulatorToken(AuthHarness.AppId) with { Issuer = issuerPattern.Replace("{tenant}", AuthHarness.TenantId, StringComparison.Ordinal) };

        AuthAssert.Authenticated(await h.AuthenticateAsync(token.WithClaim("tid", AuthHarness.TenantId)));
    }

    [Theory]
    [InlineData("https://sts.windows.net/{tenant}/")]
    [InlineData("https://login.microsoftonline.com/{tenant}/v2.0")]
    public async Task Issuer_of_another_tenant_is_refused_even_when_the_token_names_that_tenant(string issuerPattern)
    {
        const string otherTenant = "99999999-8888-7777-6666-555555555555";
        await using var h = await AuthHarness.StartAsync();
        var token = h.Issuer.EmulatorToken(AuthHarness.AppId) with { Issuer = issuerPattern.Replace("{tenant}", otherTenant, StringComparison.Ordinal) };

        var result = await h.AuthenticateAsync(token.WithClaim("tid", otherTenant));

        // Not an Entra issuer, so routed as a channel token, whose issuer it is not either.
        AuthAssert.Refused(FailureReasons.IssuerNotAccepted, result);
    }

    [Fact]
    public async Task Tenant_issuers_are_not_accepted_when_no_tenant_is_configured()
    {
        await using var h = await AuthHarness.StartAsync(settings =>
        {
            settings["MicrosoftAppType"] = "MultiTenant";
            settings["MicrosoftAppTenantId"] = null;
        });
        var token = h.Issuer.EmulatorToken(AuthHarness.AppId) with { Issuer = $"https://sts.windows.net/{AuthHarness.TenantId}/" };

        AuthAssert.Refused(FailureReasons.IssuerNotAccepted, await h.AuthenticateAsync(token));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Skill_token_from_an_allowed_caller_is_authenticated_and_replies_use_its_scope(string version)
    {
        await using var h = await AuthHarness.StartAsync(settings => settings["AllowedCallers:0"] = CallerAppId);

        var result = await h.AuthenticateAsync(h.Issuer.SkillToken(CallerAppId, AuthHarness.AppId, version));

        Assert.Equal(
            new AuthenticationResult(AuthenticationStatus.Authenticated, null, CallerAppId, $"urn:botframework:aadappid:{CallerAppId}", CallerAppId),
            result);
    }

    [Fact]
    public async Task Skill_token_from_a_caller_not_in_the_list_is_refused()
    {
        await using var h = await AuthHarness.StartAsync(settings => settings["AllowedCallers:0"] = "aaaaaaaa-0000-0000-0000-000000000000");

        var result = await h.AuthenticateAsync(h.Issuer.SkillToken(CallerAppId, AuthHarness.AppId));

        AuthAssert.Refused(FailureReasons.CallerNotAllowed, result);
    }

    [Fact]
    public async Task Skill_token_is_refused_when_no_callers_are_allowed()
    {
        await using var h = await AuthHarness.StartAsync();

        AuthAssert.Refused(FailureReasons.CallerNotAllowed, await h.AuthenticateAsync(h.Issuer.SkillToken(CallerAppId, AuthHarness.AppId)));
    }

    [Fact]
    public async Task Skill_token_from_any_caller_is_accepted_with_the_wildcard()
    {
        await using var h = await AuthHarness.StartAsync(settings => settings["AllowedCallers:0"] = "*");

        AuthAssert.Authenticated(await h.AuthenticateAsync(h.Issuer.SkillToken(CallerAppId, AuthHarness.AppId)));
    }

    [Fact]
    public async Task Skill_token_addressed_to_another_bot_is_refused_even_from_an_allowed_caller()
    {
        await using var h = await AuthHarness.StartAsync(settings => settings["AllowedCallers:0"] = "*");

        var result = await h.AuthenticateAsync(h.Issuer.SkillToken(CallerAppId, "bbbbbbbb-0000-0000-0000-000000000000"));

        AuthAssert.Refused(FailureReasons.AudienceMismatch, result);
    }

    [Fact]
    public async Task Skill_shaped_token_from_the_channel_issuer_is_refused()
    {
        await using var h = await AuthHarness.StartAsync(settings => settings["AllowedCallers:0"] = "*");
        var token = h.Issuer.SkillToken(CallerAppId, AuthHarness.AppId) with { Issuer = TestTokenIssuer.ChannelIssuer };

        AuthAssert.Refused(FailureReasons.IssuerNotAccepted, await h.AuthenticateAsync(token));
    }
}
