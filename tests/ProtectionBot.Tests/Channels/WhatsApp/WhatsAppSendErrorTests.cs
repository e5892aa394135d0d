using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProtectionBot.Content;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>
/// What the bot does when the Graph API refuses a reply, code by code (Meta's error codes page): limits are waited
/// out and only the missing replies are sent again; what can never succeed is reported once and dropped.
/// </summary>
public sealed class WhatsAppSendErrorTests
{
    private const string Maria = "573001234567";

    public static TheoryData<int, int> RateLimits() => new()
    {
        { 429, 130429 }, // throughput of the business number
        { 429, 131056 }, // pair rate limit: too many messages to one person
        { 400, 80007 },  // WABA call rate
        { 400, 4 },      // app call rate
        { 500, 131000 }, // something went wrong at Meta
    };

    [Theory]
    [MemberData(nameof(RateLimits))]
    public async Task A_reply_refused_for_a_limit_is_sent_again_later_and_only_the_missing_replies_go_out(int status, int code)
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        bot.Graph.FailSendsAfter(1, new FakeGraphError(status, code, "limit"));

        var replies = await bot.Phone(Maria).SaysAsync("hola");

        Assert.Equal([texts.Get("es", "welcome"), texts.Get("es", "interview.language.confirm")], replies.Select(r => r.Text));
        Assert.Single(bot.Graph.Requests, r => r.ErrorCode == code);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("[2009]", StringComparison.Ordinal) && l.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_token_is_logged_clearly_without_the_token_and_the_replies_wait_for_a_new_one()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        bot.Graph.FailNextSends(new FakeGraphError(401, 190, "Error validating access token: Session has expired", Subcode: 463));

        var replies = await bot.Phone(Maria).SaysAsync("hola");

        Assert.Equal(2, replies.Count);
        var line = Assert.Single(bot.Logs.Lines, l => l.Contains("[2008]", StringComparison.Ordinal));
        Assert.StartsWith("Error ", line, StringComparison.Ordinal);
        Assert.Contains("error 190", line, StringComparison.Ordinal);
        Assert.Contains("WhatsApp:AccessToken", line, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains(FakeWhatsAppCloudApi.AccessToken, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(400, 131026, "Undeliverable")]
    [InlineData(400, 131030, "Undeliverable")]
    [InlineData(400, 100, "InvalidRequest")]
    [InlineData(400, 132001, "InvalidRequest")]
    public async Task A_reply_that_can_never_be_delivered_is_reported_once_and_not_retried(int status, int code, string category)
    {
        await using var bot = await WhatsAppBot.StartAsync();
        bot.Graph.FailNextSends(new FakeGraphError(status, code, "refused"));

        var replies = await bot.Phone(Maria).SaysAsync("hola");

        Assert.Empty(replies);
        Assert.Single(bot.Graph.Requests, r => !r.IsReadReceipt);
        var line = Assert.Single(bot.Logs.Lines, l => l.Contains("[2010]", StringComparison.Ordinal));
        Assert.Contains(category, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Maria, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meta_saying_the_window_closed_ends_the_attempt_with_a_clear_report_since_only_a_template_can_reach_the_person()
    {
        await using var bot = await WhatsAppBot.StartAsync();

        // Delivered without the fake learning that the person wrote: for Meta, their window is closed.
        await bot.DeliverAsync(WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow));

        Assert.Single(bot.Graph.Requests, r => r.ErrorCode == 131047);
        Assert.Single(bot.Graph.Requests, r => !r.IsReadReceipt);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("[2011]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replies_to_a_message_older_than_24_hours_are_not_sent_at_all()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var yesterday = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-25));

        var replies = await bot.Phone(Maria, clock: yesterday).SaysAsync("hola");

        Assert.Empty(replies);
        Assert.DoesNotContain(bot.Graph.Requests, r => !r.IsReadReceipt);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("[2011]", StringComparison.Ordinal));
    }
}
