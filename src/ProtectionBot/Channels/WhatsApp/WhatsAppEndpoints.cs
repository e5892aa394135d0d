using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BotProtocol.Hosting;
using BotProtocol.Turns;
using BotProtocol.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Channels.WhatsApp;

internal static class WhatsAppEndpoints
{
    private const string SignatureHeader = "X-Hub-Signature-256";
    private const string SignaturePrefix = "sha256=";

    /// <summary>
    /// Maps the Cloud API webhook: <c>GET</c> answers Meta's verification, <c>POST</c> receives events. A POST is
    /// signature-checked on its raw bytes, each of its messages is queued as received in the durable work queue (one
    /// per wamid, remembered after its turn, so a redelivered webhook is processed once) and it is answered 200 at once;
    /// the turns run after, in the background, where each message is read.
    /// With the channel off, both answer 503.
    /// </summary>
    public static IEndpointConventionBuilder MapWhatsApp(this IEndpointRouteBuilder endpoints, string pattern = "/api/whatsapp")
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<WhatsAppOptions>>().Value.Enabled)
            WhatsAppLog.ChannelOff(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory));

        var group = endpoints.MapGroup(pattern);
        group.MapGet("", Verify).WithName("WhatsAppVerification");
        group.MapPost("", ReceiveAsync).WithName("WhatsAppWebhook").WithRequestSizeLimit(WhatsAppLimits.WebhookBody);
        return group;
    }

    private static readonly string LogCategory = typeof(WhatsAppEndpoints).FullName!;

    /// <summary>Meta's one-time GET: echo <c>hub.challenge</c> when the verify token is ours, else 403.</summary>
    internal static Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult> Verify(
        [FromQuery(Name = "hub.mode")] string? mode,
        [FromQuery(Name = "hub.verify_token")] string? verifyToken,
        [FromQuery(Name = "hub.challenge")] string? challenge,
        [FromServices] IOptions<WhatsAppOptions> options,
        [FromServices] ILoggerFactory loggers)
    {
        if (!options.Value.Enabled)
            return NotConfigured();
        var logger = loggers.CreateLogger(LogCategory);
        if (mode == "subscribe" && !string.IsNullOrEmpty(challenge) && SameSecret(verifyToken ?? "", options.Value.VerifyToken!))
        {
            WhatsAppLog.Verification(logger, "accepted");
            return TypedResults.Text(challenge, "text/plain", Encoding.UTF8);
        }
        WhatsAppLog.Verification(logger, "refused");
        return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>A POST of events: the signature is checked on the raw bytes as received, then each message is queued.</summary>
    internal static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request,
        [FromHeader(Name = SignatureHeader)] string? signatureHeader,
        [FromServices] IOptions<WhatsAppOptions> options,
        [FromServices] WebhookIntake intake,
        [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return NotConfigured();
        var logger = loggers.CreateLogger(LogCategory);

        // Without a well-formed signature there is nothing worth reading.
        if (ParseSignature(signatureHeader ?? "") is not { } signature)
            return Refused(logger, StatusCodes.Status401Unauthorized, "missing or malformed X-Hub-Signature-256");
        if (await request.ReadBodyAsync(cancellationToken) is not { } body)
            return Refused(logger, StatusCodes.Status413PayloadTooLarge, "body too large");
        // The raw bytes as received: re-serialised JSON would differ in whitespace and escapes.
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AppSecret!), body);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            return Refused(logger, StatusCodes.Status401Unauthorized, "signature mismatch");

        WebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(body, CloudApiJsonContext.Default.WebhookPayload);
        }
        catch (JsonException)
        {
            payload = null;
        }
        if (payload is null)
        {
            WhatsAppLog.WebhookRefused(logger, StatusCodes.Status400BadRequest, "not a webhook payload");
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid webhook payload",
                detail: "The body is not a WhatsApp Business Account webhook payload (a JSON object with 'entry').");
        }

        try
        {
            await intake.AcceptAsync(payload, options.Value, logger, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The store is down: Meta keeps redelivering a webhook not answered 200, for days.
            WhatsAppLog.EnqueueFailed(logger, failure.GetType().Name);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not accepted", detail: "The webhook could not be stored; deliver it again.");
        }
        return TypedResults.Ok();
    }

    /// <summary>What a verified webhook does: its messages queued as received, its statuses noted.</summary>
    internal sealed class WebhookIntake(
        IWorkQueue queue, WhatsAppIdentity identity, WhatsAppDeliveryFailures failures, Pseudonyms pseudonyms, TimeProvider time, WorkSignal signal)
    {
        public async Task AcceptAsync(WebhookPayload payload, WhatsAppOptions options, ILogger logger, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            int queued = 0, duplicates = 0, statuses = 0, otherNumber = 0;
            string? otherId = null;

            foreach (var change in (payload.Entry ?? []).SelectMany(e => e.Changes ?? []))
            {
                if (change.Field != "messages" || change.Value is not { } value)
                    continue;
                var phoneNumberId = value.Metadata?.PhoneNumberId;
                if (phoneNumberId != options.PhoneNumberId!.Trim())
                {
                    otherNumber += (value.Messages?.Count ?? 0) + (value.Statuses?.Count ?? 0);
                    otherId = phoneNumberId;
                    continue;
                }
                foreach (var error in value.Errors ?? [])
                    WhatsAppLog.WebhookError(logger, error.Code, "value");

                foreach (var status in value.Statuses ?? [])
                {
                    statuses++;
                    Status(status, phoneNumberId, identity, failures, pseudonyms, now, logger);
                }

                foreach (var raw in value.Messages ?? [])
                {
                    // Only what routes the message is looked up here; the message itself is read once, when its turn runs.
                    if (Routing(raw) is not (string from, string wamid))
                    {
                        WhatsAppLog.MessageIncomplete(logger, "a readable sender and id");
                        continue;
                    }
                    var received = new WorkItem(
                        InboundMessageHandler.WorkId(wamid), InboundMessageHandler.MessageKind, identity.StateKey(phoneNumberId, from),
                        JsonMarshal.GetRawUtf8Value(raw).ToArray(), now) { Inbound = true };
                    if (await queue.EnqueueAsync(received, cancellationToken))
                        queued++;
                    else
                        duplicates++;
                }
            }
            if (otherNumber > 0)
                WhatsAppLog.OtherNumber(logger, otherNumber, otherId);
            if (queued > 0)
                signal.Wake();
            WhatsAppLog.WebhookAccepted(logger, queued, duplicates, statuses);
        }
    }

    /// <summary>The sender and the wamid of a message as the webhook carries it, or null when either is missing.</summary>
    private static (string From, string Wamid)? Routing(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.String && from.GetString() is { Length: > 0 } sender
            && message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } wamid
            ? (sender, wamid)
            : null;

    /// <summary>Receipts of what the bot sent. Never a user's message; a failure is logged by code and told to the failure hook.</summary>
    private static void Status(
        WebhookStatus status, string phoneNumberId, WhatsAppIdentity identity, WhatsAppDeliveryFailures failures, Pseudonyms pseudonyms, DateTimeOffset now, ILogger logger)
    {
        WhatsAppLog.StatusReceived(logger, pseudonyms.LogId(status.Id), status.Status);
        if (status.Status != "failed" || string.IsNullOrEmpty(status.Id))
            return;
        var code = status.Errors is [var first, ..] ? first.Code : null;
        var category = WhatsAppSendException.Classify(null, code, isTransient: false);
        var key = string.IsNullOrEmpty(status.RecipientId) ? "" : identity.StateKey(phoneNumberId, status.RecipientId);
        // Statuses can arrive twice: one failure, one log line.
        if (!failures.TryRecord(new WhatsAppDeliveryFailure(status.Id, key, code, category, now), out var thrown))
            return;
        WhatsAppLog.DeliveryFailed(logger, pseudonyms.LogId(status.Id), pseudonyms.LogId(key), code, category.ToString());
        foreach (var exception in thrown)
            WhatsAppLog.SubscriberFailed(logger, exception.GetType().Name);
    }

    private static byte[]? ParseSignature(string header)
    {
        if (!header.StartsWith(SignaturePrefix, StringComparison.Ordinal) || header.Length != SignaturePrefix.Length + 64)
            return null;
        try
        {
            return Convert.FromHexString(header.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Compares hashes, so neither the content nor the length of the secret shows in the time taken.</summary>
    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected.Trim())));

    private static ProblemHttpResult Refused(ILogger logger, int status, string reason)
    {
        WhatsAppLog.WebhookRefused(logger, status, reason);
        return TypedResults.Problem(statusCode: status, title: status == StatusCodes.Status413PayloadTooLarge ? "Webhook too large" : "Invalid signature");
    }

    private static ProblemHttpResult NotConfigured() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "WhatsApp channel not configured",
        detail: "Set WhatsApp:PhoneNumberId, WhatsApp:AccessToken, WhatsApp:AppSecret and WhatsApp:VerifyToken to turn it on.");
}
