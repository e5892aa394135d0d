using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProtectionBot.Diagnostics;
using ProtectionBot.Tests.Channels.WhatsApp;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Diagnostics;

/// <summary>
/// Telemetry goes to the operator's monitoring, which defenders' caseworkers do not control: it may say that a request
/// came and how long it took, never what was said, by whom or from which number, nor a token or conversation id.
/// </summary>
public sealed class TelemetryTests
{
    private const string Number = "573001234567";
    private const string Name = "Ana Restrepo";
    private const string Text = "Me llamo Ana Restrepo, mi número es +57 300 123 4567";

    [Fact]
    public async Task Without_an_OTLP_endpoint_no_tracer_or_meter_provider_is_registered()
    {
        await using var app = new BotApplication();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task A_WhatsApp_conversation_leaves_no_text_name_number_or_token_in_any_span_or_metric()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var measured = new List<string>();
        await using (var bot = await WhatsAppBot.StartAsync(
            new Dictionary<string, string?> { [TelemetryServiceCollectionExtensions.OtlpEndpointSetting] = "http://127.0.0.1:4317" },
            services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics))))
        {
            var phone = bot.Phone(Number, Name);

            await phone.SaysAsync("hola");
            await phone.SaysAsync(Text);
            bot.App.Services.GetRequiredService<TracerProvider>().ForceFlush();
            bot.App.Services.GetRequiredService<MeterProvider>().ForceFlush();
            measured.AddRange(metrics.SelectMany(Everything));
        }

        // Read only once the bot has stopped: a reply still being sent would otherwise add a span while they are read.
        Assert.Contains(spans, span => span.Kind == ActivityKind.Server);
        Assert.Contains(spans, span => span.Kind == ActivityKind.Client);
        Assert.NotEmpty(measured);
        string[] secrets = [Number, "300 123", Name, "Restrepo", "Me llamo", FakeWhatsAppCloudApi.AccessToken, WhatsAppBot.AppSecret, FakeWhatsAppCloudApi.PhoneNumberId];
        var written = spans.SelectMany(Everything).Concat(measured).ToList();
        Assert.All(written, value => Assert.All(secrets, secret => Assert.DoesNotContain(secret, value, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_Direct_Line_span_names_the_route_not_the_conversation_or_its_token()
    {
        var spans = new List<Activity>();
        string conversationId, token;
        await using (var app = new BotApplication(
            DirectLineClient.Settings((TelemetryServiceCollectionExtensions.OtlpEndpointSetting, "http://127.0.0.1:4317")),
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))))
        {
            var directLine = new DirectLineClient(app.CreateClient());
            var started = await directLine.StartAsync(DirectLineClient.Secret);
            conversationId = started.Text("conversationId");
            token = started.Text("token");
            await directLine.PostAsync(token, conversationId, """{"type":"message","from":{"id":"dl_visitor"},"text":"Me llamo Ana Restrepo"}""");
            await directLine.ReconnectAsync(token, conversationId);
            app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        }

        var server = spans.Where(span => span.Kind == ActivityKind.Server).ToList();
        Assert.Contains(server, span => (span.GetTagItem("url.path") as string)?.Contains("{conversationId}", StringComparison.Ordinal) == true);
        Assert.All(server.SelectMany(Everything), value =>
        {
            Assert.DoesNotContain(conversationId, value, StringComparison.Ordinal);
            Assert.DoesNotContain(token, value, StringComparison.Ordinal);
            Assert.DoesNotContain("Restrepo", value, StringComparison.Ordinal);
        });
    }

    private static IEnumerable<string> Everything(Activity span) =>
    [
        span.DisplayName,
        span.OperationName,
        .. span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"),
        .. span.Events.SelectMany(e => new[] { e.Name }.Concat(e.Tags.Select(tag => $"{tag.Key}={tag.Value}"))),
        .. span.Baggage.Select(item => $"{item.Key}={item.Value}"),
    ];

    private static IEnumerable<string> Everything(Metric metric)
    {
        yield return metric.Name;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
                yield return $"{tag.Key}={tag.Value}";
        }
    }
}
