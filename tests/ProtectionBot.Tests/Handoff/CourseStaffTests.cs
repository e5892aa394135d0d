using BotProtocol.Testing;
using ProtectionBot.Courses;
using ProtectionBot.Tests.Courses;
using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// A question the bot cannot answer goes to the course staff's Teams channel; a staff member's reply in its thread
/// reaches the person's chat, and saved as an FAQ it is answered by the bot itself from then on.
/// </summary>
public sealed class CourseStaffTests
{
    private const string Question = "¿Puedo llevar a mi hijo al curso de la CIDH?";

    [Fact]
    public async Task The_staff_answer_in_their_channel_reaches_the_person_and_saved_as_an_faq_answers_the_next_person()
    {
        await using var bot = await StartAsync();
        var person = bot.NewDefender();
        await person.SayAsync(Question);
        var passed = await person.SayAsync("Sí, pásela al equipo");
        Assert.StartsWith("Listo: he pasado su pregunta al equipo del curso.", passed[0].Text, StringComparison.Ordinal);

        await bot.RunQueuedWorkAsync();
        var post = Assert.Single(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation);
        Assert.Equal(StaffChannel, post.ConversationParameters!.ChannelData!.Value.GetProperty("channel").GetProperty("id").GetString());
        var card = post.ConversationParameters.Activity!.Attachments![0].Content!.Value;
        Assert.Equal(Question, card.GetProperty("body")[1].GetProperty("text").GetString());
        Assert.DoesNotContain(person.UserId, post.Body, StringComparison.Ordinal);
        var thread = post.CreatedConversationId!;

        await bot.CaseworkerAsync(thread, StaffTenant, StaffChannel, "Marta Ruiz", text: "<at>ProtectionBot</at> Sí: durante la semana presencial hay un espacio de cuidado infantil.");
        await bot.RunQueuedWorkAsync();
        Assert.Contains("Equipo del curso: Sí: durante la semana presencial hay un espacio de cuidado infantil.", bot.TextsSentTo(person.ConversationId));
        Assert.DoesNotContain(bot.TextsSentTo(person.ConversationId), t => t.Contains("Marta", StringComparison.Ordinal));

        var sent = bot.Connector.Requests.Last(r => r.ConversationId == thread && r.Activity?.Attachments is { Count: > 0 });
        var save = sent.Activity!.Attachments![0].Content!.Value.GetProperty("actions")[0].GetProperty("data");
        await bot.CaseworkerAsync(thread, StaffTenant, StaffChannel, "Marta Ruiz", value: new Dictionary<string, string>
        {
            ["staff"] = save.GetProperty("staff").GetString()!,
            ["answer"] = save.GetProperty("answer").GetString()!,
        });
        // Saved on 2 December 2026 for the default 90 days.
        Assert.Contains(bot.T("courses.desk.saved", "2 de marzo de 2027"), bot.TextsSentTo(thread));

        var next = bot.NewDefender();
        var answered = await next.SayAsync(Question);
        Assert.Contains(answered, r => r.Text == "Sí: durante la semana presencial hay un espacio de cuidado infantil. (Respuesta del equipo del curso del 2 de diciembre de 2026.)");

        // Ninety days later the answer is no longer given: the question goes to the staff again.
        bot.Time.Advance(TimeSpan.FromDays(91));
        var later = await bot.NewDefender().SayAsync(Question);
        Assert.DoesNotContain(later, r => r.Text?.Contains("cuidado infantil", StringComparison.Ordinal) == true);
        Assert.Contains(later, r => r.Text == bot.T("courses.staff.offer"));
    }

    [Fact]
    public async Task Staff_who_keep_an_answer_thirty_days_see_it_given_for_thirty_days_and_then_no_more()
    {
        await using var bot = await StartAsync();
        var person = bot.NewDefender("en-GB");
        await person.SayAsync("Is there a visa letter for the IACHR course?");
        await person.SayAsync("Yes, pass it on");
        await bot.RunQueuedWorkAsync();
        var thread = Assert.Single(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation).CreatedConversationId!;
        await bot.CaseworkerAsync(thread, StaffTenant, StaffChannel, "Marta Ruiz", text: "<at>ProtectionBot</at> Yes: the IACHR sends an invitation letter for the visa.");
        await bot.RunQueuedWorkAsync();

        var card = bot.Connector.Requests.Last(r => r.ConversationId == thread && r.Activity?.Attachments is { Count: > 0 }).Activity!.Attachments![0].Content!.Value;
        var thirtyDays = card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("data").GetProperty("days").GetString() == "30").GetProperty("data");
        await bot.CaseworkerAsync(thread, StaffTenant, StaffChannel, "Marta Ruiz", value: new Dictionary<string, string>
        {
            ["staff"] = thirtyDays.GetProperty("staff").GetString()!,
            ["answer"] = thirtyDays.GetProperty("answer").GetString()!,
            ["days"] = "30",
        });

        bot.Time.Advance(TimeSpan.FromDays(29));
        Assert.Contains(await bot.NewDefender("en-GB").SayAsync("is there a visa letter for the iachr course"),
            r => r.Text?.StartsWith("Yes: the IACHR sends an invitation letter for the visa.", StringComparison.Ordinal) == true);
        bot.Time.Advance(TimeSpan.FromDays(2));
        Assert.DoesNotContain(await bot.NewDefender("en-GB").SayAsync("is there a visa letter for the iachr course"),
            r => r.Text?.Contains("invitation letter", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_staff_card_carries_the_edition_country_and_profile_the_person_gave_never_who_they_are()
    {
        var desk = CourseStaffCard();
        var question = new CourseStaffQuestion("¿Habrá becas para el viaje?", "iachr-hrd-course", "es", new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero),
            new StaffReplyAddress("whatsapp", "https://example.org/", "conv-9", "+573001234567", "bot", "es-CO"), "2027", "PE", ["indigenous", "women"]);

        var card = desk.Card(question).Content!.Value;

        var lines = card.GetProperty("body")[2].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Curso: " + CourseContent.Course("iachr-hrd-course").Name.Es, "Idioma: Español", "Edición que menciona: 2027", "País: Perú",
            "Perfil: Pueblos indígenas, Derechos de las mujeres"], lines);
        Assert.DoesNotContain("+573001234567", card.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("conv-9", card.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_person_said_with_a_question_travels_to_the_staff_with_it()
    {
        await using var bot = await StartAsync();
        var person = bot.NewDefender();
        await person.SayAsync("Soy indígena y vivo en Perú. ¿El curso de la CIDH de 2027 tendrá guardería?");
        await person.SayAsync("Sí, pásela al equipo");

        await bot.RunQueuedWorkAsync();

        var post = Assert.Single(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation);
        var lines = post.ConversationParameters!.Activity!.Attachments![0].Content!.Value.GetProperty("body")[2].GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("text").GetString()).ToList();
        Assert.Contains("Edición que menciona: 2027", lines);
        Assert.Contains("País: Perú", lines);
        Assert.Contains("Perfil: Pueblos indígenas", lines);
        Assert.DoesNotContain(person.UserId, post.Body, StringComparison.Ordinal);
    }

    private static global::ProtectionBot.Courses.Staff.CourseStaffDesk CourseStaffCard() => new(
        CourseContent.Questions, CourseContent.Texts, new BotProtocol.State.InMemoryConversationStore(),
        new FaqStore(new BotProtocol.State.InMemoryConversationStore(), CourseContent.Knowledge, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<FaqStore>.Instance),
        ProtectionBot.Content.CardTemplates.Load(AppContext.BaseDirectory), CourseContent.Knowledge, CourseContent.Countries, CourseContent.Answers, TimeProvider.System,
        BotProtocol.Turns.Pseudonyms.WithRandomKey(), Microsoft.Extensions.Logging.Abstractions.NullLogger<global::ProtectionBot.Courses.Staff.CourseStaffDesk>.Instance);

    [Fact]
    public async Task Saving_an_faq_from_anywhere_but_the_staff_channel_is_refused_and_logged_without_personal_data()
    {
        await using var bot = await StartAsync();

        await bot.CaseworkerAsync("19:desk-a@thread.tacv2;messageid=1", TenantA, ChannelA, "Mallory Intruder",
            value: new Dictionary<string, string> { ["staff"] = "faq", ["answer"] = "x" });

        Assert.Contains(bot.T("courses.desk.refused"), bot.TextsSentTo("19:desk-a@thread.tacv2;messageid=1"));
        var refusal = Assert.Single(bot.App.Logs.Lines, l => l.Contains("[1605]", StringComparison.Ordinal));
        Assert.DoesNotContain("Mallory", refusal, StringComparison.Ordinal);
    }
}
