using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BotProtocol.Work;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Content;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>
/// The webhook as Meta calls it: the verification handshake, signatures on the raw bytes, quick acknowledgement
/// with the turn after it, and redeliveries and receipts that must not become extra turns.
/// </summary>
public sealed class WhatsAppWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Meta_verifying_the_webhook_with_our_verify_token_gets_its_challenge_back_as_plain_text()
    {
        await using var bot = await WhatsAppBot.StartAsync();

        using var response = await bot.Http.GetAsync($"/api/whatsapp?hub.mode=subscribe&hub.verify_token={WhatsAppBot.VerifyToken}&hub.challenge=1158201444", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=5550123987")]
    [InlineData("hub.mode=subscribe&hub.verify_token=test-verify-token-9d44a&hub.challenge=5550123987")]
    [InlineData("hub.mode=unsubscribe&hub.verify_token=test-verify-token-9d44aa&hub.challenge=5550123987")]
    [InlineData("hub.mode=subscribe&hub.challenge=5550123987")]
    [InlineData("")]
    public async Task A_verification_without_our_verify_token_is_refused_with_403_and_no_challenge(string query)
    {
        await using var bot = await WhatsAppBot.StartAsync();

        using var response = await bot.Http.GetAsync($"/api/whatsapp?{query}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("5550123987", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    public static TheoryData<string, string?> BadSignatures()
    {
        var body = WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow);
        var good = WhatsAppBot.Sign(body);
        return new()
        {
            { "missing", null },
            { "empty", "" },
            { "without the sha256= prefix", good["sha256=".Length..] },
            { "the legacy sha1 header's format", "sha1=" + good["sha256=".Length..][..40] },
            { "signed with another secret", WhatsAppBot.Sign(body, "another-secret") },
            { "signed with the verify token", WhatsAppBot.Sign(body, WhatsAppBot.VerifyToken) },
            { "not hexadecimal", "sha256=" + new string('z', 64) },
            { "truncated", good[..^2] },
            { "of a body one byte different", WhatsAppBot.Sign([.. body.Take(body.Length - 2), (byte)' ', body[^1]]) },
        };
    }

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task A_webhook_whose_signature_is_not_ours_is_refused_and_nothing_is_processed(string what, string? signature)
    {
        _ = what;
        await using var bot = await WhatsAppBot.StartAsync();

        using var response = await bot.PostAsync(WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, bot.Store.PendingWork);
        Assert.Equal(0, bot.Store.Count);
        await Task.Delay(100, Ct);
        Assert.Empty(bot.Graph.Requests);
    }

    [Fact]
    public async Task Upper_case_hex_in_the_signature_is_accepted_since_it_is_the_same_digest()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var body = WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow);

        using var response = await bot.PostAsync(body, "sha256=" + WhatsAppBot.Sign(body)["sha256=".Length..].ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"object\":\"whatsapp_business_account\",")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"entry\":\"yes\"}")]
    public async Task A_correctly_signed_body_that_is_not_a_webhook_payload_gets_a_400_problem_never_a_500(string text)
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var body = Encoding.UTF8.GetBytes(text);

        using var response = await bot.PostAsync(body, WhatsAppBot.Sign(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_hashed()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var body = new byte[WhatsAppLimits.WebhookBody + 1];

        using var response = await bot.PostAsync(body, "sha256=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_message_is_acknowledged_at_once_and_answered_after_by_the_queued_turn()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        var body = WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow);
        bot.Graph.UserWrote("34600000000", DateTimeOffset.UtcNow);

        using var response = await bot.PostAsync(body, WhatsAppBot.Sign(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.WaitUntilIdleAsync();

        var heard = bot.Phone("34600000000").Heard;
        Assert.Equal(texts.Get("es", "welcome"), heard[0].Text);
        Assert.Equal(texts.Get("es", "interview.language.confirm"), heard[1].Text);
        Assert.Contains(bot.Graph.Requests, r => r.IsReadReceipt && (string?)r.Body!["message_id"] == "wamid.TEST-0001");
    }

    [Fact]
    public async Task A_webhook_delivered_twice_is_one_turn_whether_the_first_is_still_queued_or_already_answered()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var body = WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow);
        bot.Graph.UserWrote("34600000000", DateTimeOffset.UtcNow);

        using (var first = await bot.PostAsync(body, WhatsAppBot.Sign(body)))
        using (var second = await bot.PostAsync(body, WhatsAppBot.Sign(body)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }
        await bot.WaitUntilIdleAsync();
        var answered = bot.Phone("34600000000").Heard.Count;
        await bot.DeliverAsync(body);

        Assert.Equal(2, answered);
        Assert.Equal(2, bot.Phone("34600000000").Heard.Count);
    }

    [Fact]
    public async Task A_message_waits_in_the_queue_exactly_as_the_webhook_carried_it()
    {
        await using var bot = await WhatsAppBot.StartAsync(new Dictionary<string, string?> { ["WorkQueue:DispatchInBackground"] = "false" });
        var body = WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow);

        using var response = await bot.PostAsync(body, WhatsAppBot.Sign(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queued = Assert.Single(await bot.App.Services.GetRequiredService<IWorkQueue>().LeaseDueAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 10, Ct));
        using var webhook = JsonDocument.Parse(body);
        var message = webhook.RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value").GetProperty("messages")[0];
        Assert.Equal(message.GetRawText(), Encoding.UTF8.GetString(queued.Item.Payload.Span));
        Assert.True(queued.Item.Inbound);
    }

    [Fact]
    public async Task A_message_an_earlier_release_queued_in_its_envelope_is_still_answered()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        bot.Graph.UserWrote("34600000000", DateTimeOffset.UtcNow);
        using var webhook = JsonDocument.Parse(WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow));
        var message = webhook.RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value").GetProperty("messages")[0];
        var envelope = $$"""{"phone_number_id":"{{FakeWhatsAppCloudApi.PhoneNumberId}}","message":{{message.GetRawText()}},"received_at":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}""";
        var owner = bot.App.Services.GetRequiredService<WhatsAppIdentity>().ConversationKey("34600000000");

        await bot.App.Services.GetRequiredService<IWorkQueue>().EnqueueAsync(
            new WorkItem(InboundMessageHandler.WorkId("wamid.TEST-0001"), InboundMessageHandler.MessageKind, owner, Encoding.UTF8.GetBytes(envelope), DateTimeOffset.UtcNow), Ct);
        bot.App.Services.GetRequiredService<WorkSignal>().Wake();
        await bot.WaitUntilIdleAsync();

        Assert.Equal(texts.Get("es", "welcome"), bot.Phone("34600000000").Heard[0].Text);
    }

    [Fact]
    public async Task A_batch_of_two_messages_and_a_status_is_two_turns_in_order()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        bot.Graph.UserWrote("34600000000", DateTimeOffset.UtcNow);

        await bot.DeliverAsync(WhatsAppBot.Fixture("batch", DateTimeOffset.UtcNow));

        var heard = bot.Phone("34600000000").Heard;
        Assert.Equal(texts.Get("es", "welcome"), heard[0].Text);
        Assert.StartsWith(texts.Get("es", "prompt.retry_numbered"), heard[^1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status_sent_delivered_read")]
    [InlineData("status_failed")]
    public async Task Delivery_receipts_are_consumed_and_never_taken_for_something_the_person_said(string fixture)
    {
        await using var bot = await WhatsAppBot.StartAsync();

        await bot.DeliverAsync(WhatsAppBot.Fixture(fixture));

        Assert.Equal(0, bot.Store.Count);
        Assert.Empty(bot.Graph.Requests);
    }

    [Fact]
    public async Task A_failed_delivery_is_logged_by_code_without_the_number_and_told_to_whoever_subscribed()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var failures = bot.App.Services.GetRequiredService<WhatsAppDeliveryFailures>();
        var told = new List<WhatsAppDeliveryFailure>();
        using var subscription = failures.Subscribe(told.Add);

        await bot.DeliverAsync(WhatsAppBot.Fixture("status_failed"));
        await bot.DeliverAsync(WhatsAppBot.Fixture("status_failed"));

        var failure = Assert.Single(told);
        Assert.Equal("wamid.OUT-0002", failure.MessageId);
        Assert.Equal(131047, failure.ErrorCode);
        Assert.Equal(WhatsAppErrorCategory.ReEngagementRequired, failure.Category);
        Assert.Equal(bot.App.Services.GetRequiredService<WhatsAppIdentity>().ConversationKey("34600000000"), failure.ConversationKey);
        Assert.Same(failure, failures.Find("wamid.OUT-0002"));
        var line = Assert.Single(bot.Logs.Lines, l => l.Contains("[2007]", StringComparison.Ordinal));
        Assert.Contains("131047", line, StringComparison.Ordinal);
        Assert.DoesNotContain("34600000000", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_for_another_business_number_are_ignored()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WhatsAppBot.Fixture("text", DateTimeOffset.UtcNow)).Replace("200000000000002", "299999999999999", StringComparison.Ordinal));

        await bot.DeliverAsync(body);

        Assert.Equal(0, bot.Store.Count);
        Assert.Empty(bot.Graph.Requests);
    }

    [Fact]
    public async Task Without_WhatsApp_settings_the_bot_starts_and_the_webhook_says_503_with_what_to_configure()
    {
        await using var app = new BotApplication();
        var client = app.CreateClient();

        using var get = await client.GetAsync("/api/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", Ct);
        using var post = await client.PostAsync("/api/whatsapp", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        using var messages = await client.PostAsJsonAsync("/api/messages", new { }, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("WhatsApp:PhoneNumberId", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, messages.StatusCode);
    }

    [Fact]
    public async Task The_deployment_template_placeholder_counts_as_not_configured()
    {
        await using var app = new BotApplication(new Dictionary<string, string?>
        {
            ["WhatsApp:AppSecret"] = "not-configured",
            ["WhatsApp:AccessToken"] = "not-configured",
            ["WhatsApp:VerifyToken"] = "not-configured",
            ["WhatsApp:PhoneNumberId"] = "",
        });

        using var response = await app.CreateClient().GetAsync("/api/whatsapp?hub.mode=subscribe&hub.verify_token=not-configured&hub.challenge=1", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public void A_phone_number_id_without_its_secrets_stops_the_start_naming_each_missing_key()
    {
        using var app = new BotApplication(new Dictionary<string, string?>
        {
            ["WhatsApp:PhoneNumberId"] = FakeWhatsAppCloudApi.PhoneNumberId,
            ["WhatsApp:VerifyToken"] = "not-configured",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var message = error.ToString();
        Assert.Contains("WhatsApp:AppSecret", message, StringComparison.Ordinal);
        Assert.Contains("WhatsApp:AccessToken", message, StringComparison.Ordinal);
        Assert.Contains("WhatsApp:VerifyToken", message, StringComparison.Ordinal);
    }
}
