using BotProtocol.Testing;
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

        await bot.DeliverOutboxAsync();
        var post = Assert.Single(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation);
        Assert.Equal(StaffChannel, post.ConversationParameters!.ChannelData!.Value.GetProperty("channel").GetProperty("id").GetString());
        var card = post.ConversationParameters.Activity!.Attachments![0].Content!.Value;
        Assert.Equal(Question, card.GetProperty("body")[1].GetProperty("text").GetString());
        Assert.DoesNotContain(person.UserId, post.Body, StringComparison.Ordinal);
        var thread = post.CreatedConversationId!;

        await bot.CaseworkerAsync(thread, StaffTenant, StaffChannel, "Marta Ruiz", text: "<at>ProtectionBot</at> Sí: durante la semana presencial hay un espacio de cuidado infantil.");
        await bot.DeliverOutboxAsync();
        Assert.Contains("Equipo del curso: Sí: durante la semana presencial hay un espacio de cuidado infantil.", bot.TextsSentTo(person.ConversationId));
        Assert.DoesNotContain(bot.TextsSentTo(person.ConversationId), t => t.Contains("Marta", StringComparison.Ordinal));

        var sent = bot.Connector.Requests.Last(r => r.ConversationId == thread && r.Activity?.Attachments is { Count: > 0 });
        var save = sent.Activity!.Attachments![0].Content!.Value.GetProperty("actions")[0].GetProperty("data");
        await bot.CaseworkerAsync(thread, StaffTenant, StaffChannel, "Marta Ruiz", value: new Dictionary<string, string>
        {
            ["staff"] = save.GetProperty("staff").GetString()!,
            ["answer"] = save.GetProperty("answer").GetString()!,
        });
        Assert.Contains(bot.T("courses.desk.saved"), bot.TextsSentTo(thread));

        var next = bot.NewDefender();
        var answered = await next.SayAsync(Question);
        Assert.Contains(answered, r => r.Text?.Contains("cuidado infantil", StringComparison.Ordinal) == true);
    }

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
