using System.Text.Json;
using BotProtocol.Hosting;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Courses;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Courses;

/// <summary>Course questions through the real endpoint: routes, the staff referral in the work queue, staff FAQs.</summary>
public sealed class CourseConversationTests
{
    [Fact]
    public async Task A_question_the_bot_cannot_answer_goes_to_the_course_staff_once_the_person_accepts()
    {
        var delivered = new StaffQuestions();
        await using var app = new BotApplication(services: s => s.AddSingleton(delivered).AddWorkHandler<StaffQuestions.Handler>());
        var bot = new BotClient(app.CreateClient(), "es-CO");

        var offer = await bot.SayAsync("¿Puedo llevar a mi hijo al curso de la CIDH?");
        Assert.Equal("No estoy seguro de poder responder a eso con lo que sé, y prefiero no adivinar. ¿Quiere que pase su pregunta al equipo del curso?", Assert.Single(offer).Text);
        var sent = await bot.SayAsync("Sí, pásela al equipo");

        Assert.StartsWith("Listo: he pasado su pregunta al equipo del curso. El equipo suele responder en un plazo de dos días hábiles.", sent[0].Text);
        var message = await delivered.Next.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal(CourseStaffReferral.Kind, message.Kind);
        Assert.Equal($"conversation/test/{bot.ConversationId}", message.Owner);
        var question = JsonSerializer.Deserialize<CourseStaffQuestion>(message.Payload.Span, JsonOptions)!;
        Assert.Equal(("¿Puedo llevar a mi hijo al curso de la CIDH?", "iachr-hrd-course", "es"), (question.Question, question.CourseId, question.Language));
        Assert.Equal(new StaffReplyAddress("test", "http://127.0.0.1:9/", bot.ConversationId, bot.UserId, "bot", "es-CO"), question.ReplyTo);
    }

    [Fact]
    public async Task Yes_of_course_is_a_yes_and_no_question_about_courses()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), "en-GB");
        await bot.SayAsync("hello");

        Assert.StartsWith("Safety tip", (await bot.SayAsync("yes of course"))[0].Text);
    }

    [Theory]
    [InlineData("en-US", "i want to know about the visa for the geneva training", "I'm not sure I can answer that")]
    [InlineData("es-MX", "quisiera saber si dan visa para el curso de ginebra", "No estoy seguro de poder responder")]
    [InlineData("fr-CI", "je voudrais savoir pour le visa de la formation à genève", "Je ne suis pas sûr de pouvoir répondre")]
    [InlineData("en-US", "I need help with the registration form for the HRDAP", "ISHR publishes the call")]
    [InlineData("es-MX", "necesito ayuda con el formulario del curso de la CIDH", "La CIDH abre una convocatoria")]
    [InlineData("fr-CI", "j'ai besoin d'aide avec le formulaire d'inscription de la formation HRDAP", "L'ISHR publie")]
    public async Task A_request_about_a_course_as_the_first_message_is_a_course_question(string locale, string message, string answer)
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), locale);

        Assert.StartsWith(answer, (await bot.SayAsync(message))[0].Text);
    }

    [Fact]
    public async Task Someone_who_asks_for_a_person_types_the_question_that_is_passed_on()
    {
        var delivered = new StaffQuestions();
        await using var app = new BotApplication(services: s => s.AddSingleton(delivered).AddWorkHandler<StaffQuestions.Handler>());
        var bot = new BotClient(app.CreateClient(), "en-GB");

        await bot.SayAsync("course");
        Assert.Equal("I can pass a question to the course staff. Would you like to?", Assert.Single(await bot.SayAsync("I want to talk to a real person about the IACHR course")).Text);
        Assert.Equal("Type your question for the course staff. Do not include names or details that could identify anyone.", Assert.Single(await bot.SayAsync("yes")).Text);
        await bot.SayAsync("Is there childcare during the in-person week?");

        var question = JsonSerializer.Deserialize<CourseStaffQuestion>((await delivered.Next.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)).Payload.Span, JsonOptions)!;
        Assert.Equal(("Is there childcare during the in-person week?", "iachr-hrd-course", "en"), (question.Question, question.CourseId, question.Language));
    }

    [Fact]
    public async Task An_answer_staff_add_to_the_faq_is_given_from_then_on()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), "es-CO");
        Assert.StartsWith("No estoy seguro", (await bot.SayAsync("¿Hay guardería para niños en el curso de la CIDH?"))[0].Text);
        await bot.SayAsync("No, gracias");

        await app.Services.GetRequiredService<FaqStore>().AddAsync("iachr-hrd-course", "es", "¿Hay guardería para niños durante el curso?", "La CIDH no ha publicado nada sobre guardería.", TestContext.Current.CancellationToken);
        var replies = await bot.SayAsync("¿Hay guardería para niños en el curso de la CIDH?");

        Assert.StartsWith("La CIDH no ha publicado nada sobre guardería. (Respuesta del equipo del curso del ", replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_answer_written_in_another_language_is_given_with_a_note_of_its_language_and_the_offer_to_ask_the_staff()
    {
        await using var app = new BotApplication();
        await app.Services.GetRequiredService<FaqStore>().AddAsync("iachr-hrd-course", "es", "¿Necesito visa para el curso de la CIDH?",
            "La CIDH envía una carta de invitación para tramitar la visa.", TestContext.Current.CancellationToken);
        var bot = new BotClient(app.CreateClient(), "fr-FR");

        var replies = await bot.SayAsync("Faut-il un visa pour la formation de la CIDH ?");

        Assert.StartsWith("La CIDH envía una carta de invitación para tramitar la visa. (Réponse de l'équipe de la formation du ", replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("L'équipe de la formation a écrit cette réponse en espagnol. Voulez-vous que je lui transmette votre question pour qu'elle vous réponde en français ?", replies[1].Text);
        Assert.StartsWith("C'est fait", (await bot.SayAsync("Oui, transmettez-la"))[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_answer_is_not_given_after_its_expiry()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        await using var app = new BotApplication(services: s => s.AddSingleton<TimeProvider>(time));
        await app.Services.GetRequiredService<FaqStore>().AddAsync("ishr-hrdap", "en", "Is the 2027 call open yet?", "No call is open now.",
            TestContext.Current.CancellationToken, TimeSpan.FromDays(30));
        var bot = new BotClient(app.CreateClient(), "en-GB");
        Assert.StartsWith("No call is open now. (Answer from the course staff, 5 December 2026.)", (await bot.SayAsync("Is the HRDAP 2027 call open yet?"))[0].Text, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(31));

        Assert.DoesNotContain(await new BotClient(app.CreateClient(), "en-GB").SayAsync("Is the HRDAP 2027 call open yet?"),
            r => r.Text?.Contains("No call is open now", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_clear_course_question_during_the_interview_is_answered_and_the_pending_question_asked_again()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), "es-CO");
        await bot.SayAsync("hola");
        var question = (await bot.SayAsync("Sí, en español"))[^1];

        var replies = await bot.SayAsync("¿Cuánto cuesta el curso de la CIDH?");

        Assert.Equal(["Gratuito: la CIDH no cobra por el curso.", question.Text], replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Course_words_in_the_description_are_the_description_not_a_course_question()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), "es-CO");
        foreach (var answer in new[] { "hola", "Sí, en español", "no", "Sí, de acuerdo", "Colombia" })
            await bot.SayAsync(answer);
        await bot.SubmitAsync(JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["interview.situations"] = "threats" }));
        await bot.SayAsync("1");
        await bot.SayAsync("Prefiero no decirlo");
        await bot.SubmitAsync(JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["interview.profile"] = "none" }));
        await bot.SayAsync("no sé quién");
        var description = await bot.SayAsync("no, me quedo");
        Assert.Contains("Omitir", description[^1].Text);

        var result = await bot.SayAsync("Me amenazaron por organizar un curso de la CIDH sobre costos");

        // The description was taken: the recommendations follow, then the offer of a partner organisation.
        Assert.NotNull(result[0].Attachments);
        Assert.Contains("organización aliada", result[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_faqs_are_read_from_the_store_at_most_once_per_turn()
    {
        var store = new CountingStore();
        await store.WriteAsync(FaqStore.Key, JsonSerializer.SerializeToUtf8Bytes(new StaffFaqDocument([]), CourseJsonContext.Default.StaffFaqDocument), null, [], TestContext.Current.CancellationToken);
        var faq = new FaqStore(store, CourseContent.Knowledge, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<FaqStore>.Instance);
        var turn = new TurnContext(new Activity { Type = ActivityTypes.Message, Text = "hola" }, new ConversationState());

        await faq.ForTurnAsync(turn, TestContext.Current.CancellationToken);
        await faq.ForTurnAsync(turn, TestContext.Current.CancellationToken);

        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task A_staff_faq_for_an_unknown_course_is_refused()
    {
        var faq = new FaqStore(new InMemoryConversationStore(), CourseContent.Knowledge, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<FaqStore>.Instance);

        await Assert.ThrowsAsync<ArgumentException>(() => faq.AddAsync("no-such-course", "es", "¿?", "Sí.", TestContext.Current.CancellationToken));
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Stands in for the lead's Teams delivery: records what the work queue hands over for course staff.</summary>
    private sealed class StaffQuestions
    {
        private readonly TaskCompletionSource<WorkItem> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // The handler completes it on the dispatcher's thread; tests only wait for it, with a timeout.
#pragma warning disable VSTHRD003
        public Task<WorkItem> Next => _next.Task;
#pragma warning restore VSTHRD003

        public sealed class Handler(StaffQuestions questions) : IWorkHandler
        {
            public string Kind => CourseStaffReferral.Kind;

            public Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
            {
                questions._next.TrySetResult(lease.Item);
                return Task.FromResult(WorkOutcome.Done);
            }
        }
    }

    private sealed class CountingStore : IConversationStore
    {
        private readonly InMemoryConversationStore _inner = new();

        public int Reads { get; private set; }

        public ValueTask<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken)
        {
            Reads++;
            return _inner.ReadAsync(key, cancellationToken);
        }

        public ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, IReadOnlyList<WorkItem> outgoing, CancellationToken cancellationToken) =>
            _inner.WriteAsync(key, data, expectedETag, outgoing, cancellationToken);

        public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => _inner.DeleteAsync(key, cancellationToken);

        public ValueTask<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => _inner.DeleteWrittenBeforeAsync(cutoff, cancellationToken);

        public ValueTask<bool> EnqueueAsync(WorkItem message, CancellationToken cancellationToken) => _inner.EnqueueAsync(message, cancellationToken);

        public ValueTask<IReadOnlyList<WorkLease>> LeaseDueAsync(DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken) =>
            _inner.LeaseDueAsync(now, leaseFor, max, cancellationToken);

        public ValueTask<bool> CompleteAsync(WorkLease lease, CancellationToken cancellationToken) => _inner.CompleteAsync(lease, cancellationToken);

        public ValueTask<bool> RescheduleAsync(WorkLease lease, DateTimeOffset dueAt, CancellationToken cancellationToken) => _inner.RescheduleAsync(lease, dueAt, cancellationToken);
    }
}
