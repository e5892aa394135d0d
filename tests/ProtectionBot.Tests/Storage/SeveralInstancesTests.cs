using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProtectionBot.Content;
using ProtectionBot.Storage.Encryption;
using ProtectionBot.Storage.Postgres;
using ProtectionBot.Tests.Infrastructure;
using ProtectionBot.Tests.Interview;

namespace ProtectionBot.Tests.Storage;

/// <summary>
/// Several instances behind a load balancer without sticky sessions, on one PostgreSQL database. Within one process
/// the turn processor orders the turns of a conversation; across processes only the ETag can, so a turn that lost the
/// race must run again on the state the other instance saved.
/// </summary>
public sealed class SeveralInstancesTests(PostgresCluster cluster)
{
    private static Persona[] Personas() =>
    [
        new("Alternating es", "es-CO", Country: "Colombia", Situations: ["threats", "criminalization"], Profiles: ["land-environment"]) { Description = "me siguen" },
        new("Alternating fr", "fr-CM", Country: "Cameroun", Situations: ["arbitrary-detention"], AtRisk: "someone-else", Urgency: "long-term"),
        new("Twice en", "en-KE", Country: "Kenya", Situations: ["digital-attack"], Profiles: ["journalist"]) { Description = "they hacked my phone" },
        new("Twice es", "es-VE", Country: "Venezuela", Situations: ["enforced-disappearance"], AtRisk: "someone-else", Started: "days"),
    ];

    [Fact]
    public async Task Two_instances_answering_turns_of_the_same_conversations_in_turn_lose_nothing_and_apply_nothing_twice()
    {
        var personas = Personas();
        // What one instance asks each persona, in order: the two instances together must ask exactly the same.
        List<string>[] expected;
        TextCatalog texts;
        await using (var single = new BotApplication())
        {
            texts = single.Services.GetRequiredService<TextCatalog>();
            var alone = personas.Select(p => new Defender(single, p)).ToArray();
            foreach (var defender in alone)
                await defender.RunAsync();
            expected = [.. alone.Select(d => d.Asked)];
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // The test plays a channel without tokens; a deployment has an app id.
            ["UnsafeAllowAnonymousRequests"] = "true",
            ["Storage__Provider"] = "Postgres",
            ["Storage__PostgresConnectionString"] = await cluster.DatabaseAsync(nameof(SeveralInstancesTests)),
            ["Storage__Encryption__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        var started = await Task.WhenAll(BotProcess.StartAsync(environment), BotProcess.StartAsync(environment));
        await using var first = started[0];
        await using var second = started[1];
        Uri[] instances = [first.Address, second.Address];

        // Two conversations send each turn to the other instance than the last; two send every turn to both at once,
        // as a channel retrying on another instance does, so both race to save the same turn.
        var twice = new List<DuplicatingHandler>();
        var defenders = personas.Select((persona, i) =>
        {
            HttpMessageHandler handler = i < 2 ? new AlternatingHandler(instances) : new DuplicatingHandler(instances);
            if (handler is DuplicatingHandler duplicating)
                twice.Add(duplicating);
            return new Defender(new HttpClient(handler) { BaseAddress = instances[0] }, texts, persona);
        }).ToArray();

        await Task.WhenAll(defenders.Select(d => d.RunAsync()));

        for (var i = 0; i < defenders.Length; i++)
        {
            Assert.True(defenders[i].ResultCard is not null, $"{personas[i].Name} got no recommendations");
            Assert.Equal(expected[i], defenders[i].Asked);
        }
        Assert.All(twice, t => Assert.Empty(t.Mismatches));
        // Every activity was processed exactly once across both instances; each duplicate was answered from the
        // state the winner saved, whether it lost the race to save (and ran again) or came in after.
        var activities = defenders.Sum(d => d.Turns);
        var duplicates = twice.Sum(t => t.Sent);
        BotProcess[] both = [first, second];
        Assert.Equal(activities, await BotProcess.WaitForCountAsync(both, "1100", activities));
        Assert.Equal(duplicates, await BotProcess.WaitForCountAsync(both, "1101", duplicates));
        Assert.True(first.Count("1100") > 0 && second.Count("1100") > 0, "both instances answered turns");
        Assert.Equal(0, both.Sum(b => b.Count("1103") + b.Count("1104") + b.Count("1500")));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{activities} activities, {duplicates} sent to both instances at once, {both.Sum(b => b.Count("1102"))} saves lost to the other instance and run again");
    }

    [Fact]
    public async Task A_turn_that_loses_the_race_to_another_instance_runs_again_on_the_state_that_instance_saved()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:PostgresConnectionString"] = await cluster.DatabaseAsync(nameof(SeveralInstancesTests)),
            ["Storage:Encryption:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        await using var other = new BotApplication(settings);
        var otherClient = other.CreateClient();
        Activity? interloper = null;
        // Just before this instance saves the turn, the other instance answers another turn of the same conversation.
        await using var racing = new BotApplication(settings, services => RaceBeforeFirstSave(services, async () =>
        {
            using var response = await otherClient.PostAsJsonAsync("/api/messages", interloper!, ProtocolJsonContext.Default.Activity);
            response.EnsureSuccessStatusCode();
        }));
        var bot = new BotClient(racing.CreateClient());
        await bot.SayAsync("hola");
        interloper = bot.NewActivity(ActivityTypes.Message) with { Text = "ayuda" };

        var replies = await bot.SayAsync("Sí, en español");

        // The answer was applied once, after the other instance's turn: the interview moved one step on.
        Assert.Equal("Antes de empezar: ¿está usted en peligro inmediato en este momento?", replies[^1].Text);
        Assert.Single(racing.Logs.Lines, l => l.Contains("[1102]", StringComparison.Ordinal));
        var state = System.Text.Json.JsonSerializer.Deserialize(
            (await racing.Services.GetRequiredService<IConversationStore>().ReadAsync($"conversation/test/{bot.ConversationId}", TestContext.Current.CancellationToken))!.Data.Span,
            ProtocolJsonContext.Default.ConversationState)!;
        Assert.Equal(["1", interloper.Id, bot.LastSent!.Id], state.Answered.Select(a => a.Id));
    }

    [Fact]
    public async Task Received_items_are_worked_exactly_once_by_two_instances_working_through_the_same_queue()
    {
        var connectionString = await cluster.DatabaseAsync(nameof(SeveralInstancesTests) + "WorkQueue");
        var keys = new StorageKeyRing(RandomNumberGenerator.GetBytes(32), []);
        var pseudonyms = BotProtocol.Turns.Pseudonyms.WithRandomKey();
        EncryptedConversationStore Instance() => EncryptedConversationStore.Over(
            new PostgresConversationStore(connectionString, TimeProvider.System), keys, pseudonyms, NullLogger<EncryptedConversationStore>.Instance);
        var deliveries = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var options = Options.Create(new WorkQueueOptions { PollInterval = TimeSpan.FromMilliseconds(50), BatchSize = 5, LeaseDuration = TimeSpan.FromMinutes(1) });
        var stores = new[] { Instance(), Instance(), Instance() };
        var handlers = new[] { new CountingHandler(deliveries), new CountingHandler(deliveries) };
        var dispatchers = handlers.Select((handler, i) => new WorkDispatcher(
            stores[i], [handler], options, TimeProvider.System, pseudonyms, new WorkSignal(), NullLogger<WorkDispatcher>.Instance)).ToArray();
        const int messages = 120;
        try
        {
            foreach (var dispatcher in dispatchers)
                await dispatcher.StartAsync(TestContext.Current.CancellationToken);

            // Enqueued while both work, some twice (a channel redelivering a webhook), from a third instance. The second
            // may come after the first was done: a received id stays known, so it is refused either way.
            for (var i = 0; i < messages; i++)
            {
                var message = new WorkItem($"m{i}", CountingHandler.TheKind, $"conversation/test/c{i % 7}", Encoding.UTF8.GetBytes($"payload {i}"), DateTimeOffset.MinValue) { Inbound = true };
                await stores[2].EnqueueAsync(message, TestContext.Current.CancellationToken);
                if (i % 3 == 0)
                    Assert.False(await stores[2].EnqueueAsync(message, TestContext.Current.CancellationToken));
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            while (deliveries.Count < messages)
                await Task.Delay(50, deadline.Token);
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }
        finally
        {
            foreach (var dispatcher in dispatchers)
                await dispatcher.StopAsync(CancellationToken.None);
        }

        Assert.Equal(messages, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(1, d.Value));
        Assert.All(handlers, h => Assert.True(h.Delivered > 0, "both instances delivered messages"));
        Assert.Empty(await stores[2].LeaseDueAsync(TimeProvider.System.GetUtcNow().AddYears(1), TimeSpan.FromSeconds(1), 10, TestContext.Current.CancellationToken));
        foreach (var store in stores)
            await ((IAsyncDisposable)store).DisposeAsync();
    }

    /// <summary>Replaces the app's store with one that, once, lets <paramref name="race"/> run between a turn's read and its save.</summary>
    private static void RaceBeforeFirstSave(IServiceCollection services, Func<Task> race)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IConversationStore));
        services.Remove(registered);
        services.AddSingleton<IConversationStore>(provider => new RacingStore((IConversationStore)registered.ImplementationFactory!(provider), race));
    }

    private sealed class RacingStore(IConversationStore inner, Func<Task> race) : IConversationStore
    {
        private int _writes;

        public ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public async ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<WorkItem> work, CancellationToken cancellationToken)
        {
            // The first write creates the conversation; the second is the turn under test.
            if (Interlocked.Increment(ref _writes) == 2)
                await race();
            return await inner.WriteAsync(key, data, expectedETag, work, cancellationToken);
        }

        public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }

    private sealed class CountingHandler(ConcurrentDictionary<string, int> deliveries) : IWorkHandler
    {
        public const string TheKind = "test";

        private int _delivered;

        public string Kind => TheKind;

        public int Delivered => Volatile.Read(ref _delivered);

        public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
        {
            Assert.Equal($"payload {lease.Item.Id[1..]}", Encoding.UTF8.GetString(lease.Item.Payload.Span));
            // A delivery takes a moment, so the two instances' passes overlap.
            await Task.Delay(Random.Shared.Next(0, 4), cancellationToken);
            deliveries.AddOrUpdate(lease.Item.Id, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _delivered);
            return WorkOutcome.Done;
        }
    }

    /// <summary>Sends each request to the next instance in turn: no sticky sessions.</summary>
    private sealed class AlternatingHandler(Uri[] instances) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(instances[_next++ % instances.Length], request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Sends each request to every instance at once and checks that they all answer the same.</summary>
    private sealed class DuplicatingHandler(Uri[] instances) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler());

        public int Sent { get; private set; }

        public List<string> Mismatches { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            var mediaType = request.Content.Headers.ContentType;
            var responses = await Task.WhenAll(instances.Select(async instance =>
            {
                using var copy = new HttpRequestMessage(request.Method, new Uri(instance, request.RequestUri!.PathAndQuery))
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = mediaType } },
                };
                using var response = await _http.SendAsync(copy, cancellationToken);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(cancellationToken));
            }));
            Sent++;
            var answers = responses.Select(r => $"{(int)r.StatusCode} {Replies(r.Body)}").Distinct(StringComparer.Ordinal).ToList();
            if (answers.Count > 1)
                Mismatches.Add(string.Join(Environment.NewLine + " vs " + Environment.NewLine, answers));
            return new HttpResponseMessage(responses[0].StatusCode)
            {
                Content = new StringContent(responses[0].Body, Encoding.UTF8, "application/json"),
            };
        }

        private static string Replies(string body)
        {
            try
            {
                var replies = System.Text.Json.JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ExpectedReplies)?.Activities ?? [];
                return string.Join(" | ", replies.Select(r => $"{r.Text} {string.Join(",", (r.Attachments ?? []).Select(a => a.Content?.GetRawText()))}"));
            }
            catch (System.Text.Json.JsonException)
            {
                return body;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _http.Dispose();
            base.Dispose(disposing);
        }
    }
}
