using BotProtocol.Auth;
using BotProtocol.Testing;

namespace BotProtocol.Tests.Auth;

/// <summary>Channel tokens: what the Bot Connector service signs for Teams, Web Chat, Direct Line…</summary>
public sealed class ChannelTokenTests
{
    [Fact]
    public async Task Valid_channel_token_is_authenticated_as_the_azure_caller()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.Equal(new AuthenticationResult(AuthenticationStatus.Authenticated, null, null, "urn:botframework:azure", null), result);
    }

    [Theory]
    [InlineData(null, FailureReasons.MissingHeader)]
    [InlineData("", FailureReasons.MissingHeader)]
    [InlineData("Basic dXNlcjpwYXNz", FailureReasons.NotBearer)]
    [InlineData("bearer {token}", FailureReasons.NotBearer)]
    [InlineData("Bearer", FailureReasons.NotBearer)]
    [InlineData("Bearer ", FailureReasons.NotBearer)]
    [InlineData("Bearer  {token}", FailureReasons.NotBearer)]
    [InlineData("Bearer {token} extra", FailureReasons.NotBearer)]
    [InlineData("{token}", FailureReasons.NotBearer)]
    [InlineData("Bearer garbage", FailureReasons.Malformed)]
    [InlineData("Bearer a.b.c", FailureReasons.Malformed)]
    public async Task Authorization_header_that_is_not_exactly_a_bearer_jwt_is_refused(string? header, string reason)
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken().Mint();

        var result = await h.AuthenticateAsync(header?.Replace("{token}", token, StringComparison.Ordinal));

        AuthAssert.Refused(reason, result);
    }

    [Fact]
    public async Task Token_expired_beyond_the_clock_skew_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();
        var header = h.ChannelToken().ToAuthorizationHeader();
        AuthAssert.Authenticated(await h.AuthenticateAsync(header));

        h.Time.Advance(TestTokenIssuer.TokenLifetime + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        AuthAssert.Refused(FailureReasons.Expired, await h.AuthenticateAsync(header));
    }

    [Fact]
    public async Task Token_expired_within_the_clock_skew_is_accepted()
    {
        await using var h = await AuthHarness.StartAsync();
        var header = h.ChannelToken().ToAuthorizationHeader();

        h.Time.Advance(TestTokenIssuer.TokenLifetime + TimeSpan.FromMinutes(4));

        AuthAssert.Authenticated(await h.AuthenticateAsync(header));
    }

    [Fact]
    public async Task Token_whose_not_before_is_beyond_the_clock_skew_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken() with { NotBefore = h.Time.GetUtcNow().AddMinutes(6) };

        AuthAssert.Refused(FailureReasons.NotYetValid, await h.AuthenticateAsync(token));
    }

    [Fact]
    public async Task Token_whose_not_before_is_within_the_clock_skew_is_accepted()
    {
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken() with { NotBefore = h.Time.GetUtcNow().AddMinutes(4) };

        AuthAssert.Authenticated(await h.AuthenticateAsync(token));
    }

    [Fact]
    public async Task Token_without_expiry_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();

        AuthAssert.Refused(FailureReasons.NoExpiry, await h.AuthenticateAsync(h.ChannelToken() with { Expires = null }));
    }

    [Fact]
    public async Task Token_for_another_bot_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken() with { Audience = "11111111-2222-3333-4444-555555555555" });

        AuthAssert.Refused(FailureReasons.AudienceMismatch, result);
    }

    [Fact]
    public async Task Token_without_audience_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();

        AuthAssert.Refused(FailureReasons.AudienceMismatch, await h.AuthenticateAsync(h.ChannelToken() with { Audience = null }));
    }

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://API.botframework.com")]
    [InlineData("https://evil.example")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Token_from_another_issuer_is_refused_before_any_key_is_fetched(string? issuer)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken() with { Issuer = issuer });

        AuthAssert.Refused(FailureReasons.IssuerNotAccepted, result);
        Assert.Equal(0, h.Issuer.Channel.MetadataRequests);
    }

    [Fact]
    public async Task Token_signed_by_an_unknown_key_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();
        var forger = h.Issuer.Channel.CreateUnpublishedKey();

        AuthAssert.Refused(FailureReasons.UnknownSigningKey, await h.AuthenticateAsync(h.ChannelToken() with { SigningKey = forger }));
    }

    [Fact]
    public async Task Token_signed_by_another_key_under_a_published_kid_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();
        var forger = h.Issuer.Channel.CreateUnpublishedKey();
        var token = h.ChannelToken() with { SigningKey = forger, KeyId = h.Issuer.Channel.CurrentKey.KeyId };

        AuthAssert.Refused(FailureReasons.InvalidSignature, await h.AuthenticateAsync(token));
    }

    [Fact]
    public async Task Token_without_kid_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();

        AuthAssert.Refused(FailureReasons.NoKeyId, await h.AuthenticateAsync(h.ChannelToken() with { KeyId = "" }));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public async Task Token_not_signed_with_RSA_is_refused(string algorithm)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken() with { Algorithm = algorithm });

        AuthAssert.Refused(FailureReasons.AlgorithmNotAllowed, result);
        Assert.Equal(0, h.Issuer.Channel.MetadataRequests);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Token_signed_with_any_RSA_PKCS1_algorithm_is_accepted(string algorithm)
    {
        await using var h = await AuthHarness.StartAsync();

        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken() with { Algorithm = algorithm }));
    }

    [Fact]
    public async Task Channel_the_signing_key_does_not_endorse_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(), AuthHarness.Message(channelId: "slack"));

        AuthAssert.Refused(FailureReasons.ChannelNotEndorsed, result);
    }

    [Fact]
    public async Task Endorsement_is_compared_exactly()
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(), AuthHarness.Message(channelId: "MSTeams"));

        AuthAssert.Refused(FailureReasons.ChannelNotEndorsed, result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Activity_without_channel_id_skips_the_endorsement_check(string? channelId)
    {
        await using var h = await AuthHarness.StartAsync();
        h.Issuer.Channel.RotateKey(endorsements: []);

        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken(), AuthHarness.Message(channelId: channelId)));
    }

    [Theory]
    [InlineData("msteams")]
    [InlineData("")]
    public async Task Channel_key_without_endorsements_is_refused(string channelId)
    {
        await using var h = await AuthHarness.StartAsync();
        h.Issuer.Channel.RotateKey(endorsements: null);

        var result = await h.AuthenticateAsync(h.ChannelToken(), AuthHarness.Message(channelId: channelId));

        AuthAssert.Refused(FailureReasons.KeyWithoutEndorsements, result);
    }

    [Fact]
    public async Task Token_without_serviceurl_claim_is_refused()
    {
        await using var h = await AuthHarness.StartAsync();

        AuthAssert.Refused(FailureReasons.ServiceUrlMissing, await h.AuthenticateAsync(h.ChannelToken().WithoutClaim("serviceurl")));
    }

    [Theory]
    [InlineData("https://evil.example/amer/")]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData(null)]
    public async Task Activity_serviceUrl_other_than_the_token_claim_is_refused(string? activityServiceUrl)
    {
        await using var h = await AuthHarness.StartAsync();

        var result = await h.AuthenticateAsync(h.ChannelToken(), AuthHarness.Message(serviceUrl: activityServiceUrl));

        AuthAssert.Refused(FailureReasons.ServiceUrlMismatch, result);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/amer")]
    [InlineData("HTTPS://SMBA.trafficmanager.net/AMER/")]
    public async Task ServiceUrl_differing_only_in_case_or_trailing_slash_is_accepted(string activityServiceUrl)
    {
        await using var h = await AuthHarness.StartAsync();

        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken(), AuthHarness.Message(serviceUrl: activityServiceUrl)));
    }

    [Fact]
    public async Task Token_whose_app_id_is_its_own_audience_is_not_taken_for_a_skill_call()
    {
        // A skill token's app id differs from its aud; otherwise the issuer decides the path.
        await using var h = await AuthHarness.StartAsync();
        var token = h.ChannelToken().WithClaim("ver", "1.0").WithClaim("appid", AuthHarness.AppId);

        AuthAssert.Authenticated(await h.AuthenticateAsync(token));
    }
}
