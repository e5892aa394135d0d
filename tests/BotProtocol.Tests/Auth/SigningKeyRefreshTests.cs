using BotProtocol.Auth;
using BotProtocol.Testing;

namespace BotProtocol.Tests.Auth;

/// <summary>Signing key caching and refresh, counted through the requests the real issuer receives.</summary>
public sealed class SigningKeyRefreshTests
{
    [Fact]
    public async Task Keys_are_fetched_once_and_then_served_from_the_cache()
    {
        await using var h = await AuthHarness.StartAsync();

        for (var i = 0; i < 3; i++)
            AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));

        Assert.Equal((1, 1), (h.Issuer.Channel.MetadataRequests, h.Issuer.Channel.KeysRequests));
        Assert.Equal(0, h.Issuer.Entra.MetadataRequests);
    }

    [Fact]
    public async Task Key_rotated_in_at_the_issuer_is_picked_up_on_first_sight()
    {
        await using var h = await AuthHarness.StartAsync();
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));

        h.Issuer.Channel.RotateKey();

        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        Assert.Equal(2, h.Issuer.Channel.MetadataRequests);
    }

    [Fact]
    public async Task Unknown_kid_refreshes_the_keys_at_most_once_per_five_minutes()
    {
        await using var h = await AuthHarness.StartAsync();
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        var forged = h.ChannelToken() with { SigningKey = h.Issuer.Channel.CreateUnpublishedKey() };

        AuthAssert.Refused(FailureReasons.UnknownSigningKey, await h.AuthenticateAsync(forged));
        h.Time.Advance(TimeSpan.FromMinutes(4));
        AuthAssert.Refused(FailureReasons.UnknownSigningKey, await h.AuthenticateAsync(forged));
        Assert.Equal(2, h.Issuer.Channel.MetadataRequests);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        AuthAssert.Refused(FailureReasons.UnknownSigningKey, await h.AuthenticateAsync(forged));
        Assert.Equal(3, h.Issuer.Channel.MetadataRequests);
    }

    [Fact]
    public async Task Rotation_right_after_an_unknown_kid_refresh_is_seen_five_minutes_later()
    {
        await using var h = await AuthHarness.StartAsync();
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        var forged = h.ChannelToken() with { SigningKey = h.Issuer.Channel.CreateUnpublishedKey() };
        AuthAssert.Refused(FailureReasons.UnknownSigningKey, await h.AuthenticateAsync(forged));

        h.Issuer.Channel.RotateKey();
        AuthAssert.Refused(FailureReasons.UnknownSigningKey, await h.AuthenticateAsync(h.ChannelToken()));

        h.Time.Advance(TimeSpan.FromMinutes(5));
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
    }

    [Fact]
    public async Task Keys_are_fetched_again_after_24_hours_and_withdrawn_keys_then_refused()
    {
        await using var h = await AuthHarness.StartAsync();
        var original = h.Issuer.Channel.CurrentKey;
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));

        h.Issuer.Channel.RotateKey();
        h.Issuer.Channel.Withdraw(original);
        h.Time.Advance(TimeSpan.FromHours(23));
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken() with { SigningKey = original }));
        Assert.Equal(1, h.Issuer.Channel.MetadataRequests);

        h.Time.Advance(TimeSpan.FromHours(1));
        var result = await h.AuthenticateAsync(h.ChannelToken() with { SigningKey = original });

        AuthAssert.Refused(FailureReasons.UnknownSigningKey, result);
        Assert.Equal(2, h.Issuer.Channel.MetadataRequests);
    }

    [Fact]
    public async Task Issuer_outage_with_cached_keys_keeps_accepting_tokens()
    {
        await using var h = await AuthHarness.StartAsync();
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));

        h.Issuer.Channel.IsDown = true;
        h.Time.Advance(TimeSpan.FromHours(25));

        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        Assert.Equal(2, h.Issuer.Channel.MetadataRequests);
        Assert.Contains(h.Logs.Entries, e => e.Id.Id == 1202);
    }

    [Fact]
    public async Task Failed_refresh_is_retried_no_more_than_once_per_five_minutes()
    {
        await using var h = await AuthHarness.StartAsync();
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        h.Issuer.Channel.IsDown = true;
        h.Time.Advance(TimeSpan.FromHours(24));

        for (var i = 0; i < 3; i++)
            AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        Assert.Equal(2, h.Issuer.Channel.MetadataRequests);

        h.Issuer.Channel.IsDown = false;
        h.Time.Advance(TimeSpan.FromMinutes(5));
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        Assert.Equal(3, h.Issuer.Channel.MetadataRequests);
    }

    [Fact]
    public async Task Issuer_outage_with_no_cached_keys_makes_the_bot_unavailable_until_it_recovers()
    {
        await using var h = await AuthHarness.StartAsync();
        h.Issuer.Channel.IsDown = true;

        var result = await h.AuthenticateAsync(h.ChannelToken());

        Assert.Equal(AuthenticationStatus.Unavailable, result.Status);
        Assert.Equal(FailureReasons.KeysUnavailable, result.FailureReason);
        Assert.Contains(h.Logs.Entries, e => e.Id.Id == 1203);

        h.Issuer.Channel.IsDown = false;
        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
    }

    [Fact]
    public async Task Metadata_address_answering_404_leaves_the_bot_unavailable()
    {
        await using var h = await AuthHarness.StartAsync(settings =>
            settings["ToBotFromChannelOpenIdMetadataUrl"] = new Uri(new Uri(settings["ToBotFromChannelOpenIdMetadataUrl"]!), "/nowhere").ToString());

        Assert.Equal(AuthenticationStatus.Unavailable, (await h.AuthenticateAsync(h.ChannelToken())).Status);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_fetch()
    {
        await using var h = await AuthHarness.StartAsync();
        var headers = Enumerable.Range(0, 16).Select(_ => h.ChannelToken().ToAuthorizationHeader()).ToList();

        var results = await Task.WhenAll(headers.Select(header => Task.Run(() => h.AuthenticateAsync(header))));

        Assert.All(results, AuthAssert.Authenticated);
        Assert.Equal((1, 1), (h.Issuer.Channel.MetadataRequests, h.Issuer.Channel.KeysRequests));
    }

    [Fact]
    public async Task Channel_and_Entra_keys_are_cached_apart()
    {
        await using var h = await AuthHarness.StartAsync();
        h.Issuer.Entra.IsDown = true;

        AuthAssert.Authenticated(await h.AuthenticateAsync(h.ChannelToken()));
        var emulator = await h.AuthenticateAsync(h.Issuer.EmulatorToken(AuthHarness.AppId));

        Assert.Equal(AuthenticationStatus.Unavailable, emulator.Status);
    }
}
