using BotProtocol.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Courses.Staff;
using ProtectionBot.Handoff;
using ProtectionBot.Tests.Handoff;
using static ProtectionBot.Tests.Handoff.HandoffHarness;
using ProtectionBot.Privacy;

namespace ProtectionBot.Tests.Privacy;

/// <summary>
/// Erasing a conversation reaches whatever holds something of the person outside it: a question with the course staff
/// (posted, still queued, or being posted at that moment) and a case being offered to a partner at that moment. Those
/// who were waiting are told the person has left, and nothing is ever posted into the erased conversation afterwards.
/// </summary>
public sealed class ErasureReachTests
{
    public static TheoryData<string, string, string, string, string> PeopleWhoLeaveTheCourseStaff() => new()
    {
        { "es-CO", "¿Puedo llevar a mi hijo al curso de la CIDH?", "Sí, pásela al equipo", "borrar mis datos", "Sí, hay un espacio de cuidado infantil." },
        { "es-MX", "¿Puedo llevar a mi hijo al curso de la CIDH?", "si porfa", "salir", "Sí, hay un espacio de cuidado infantil." },
        { "fr-FR", "Est-ce que je peux venir avec mon fils a la formation de la CIDH ?", "oui, transmettez-la", "effacer mes données", "Oui, il y a une garderie." },
        { "en-GB", "Can I bring my son to the IACHR course?", "yes please pass it on", "delete my data", "Yes, there is childcare." },
    };

    [Theory]
    [MemberData(nameof(PeopleWhoLeaveTheCourseStaff))]
    public async Task Course_staff_are_told_the_person_left_and_an_answer_written_afterwards_reaches_nobody(
        string locale, string question, string passOn, string erase, string staffAnswer)
    {
        await using var bot = await StartAsync();
        var person = bot.NewDefender(locale);
        await person.SayAsync(question);
        await person.SayAsync(passOn);
        await bot.RunQueuedWorkAsync();
        var thread = Assert.Single(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation).CreatedConversationId!;
        var language = ProtectionBot.Content.Language.FromLocale(locale)!;
        var sentBefore = bot.TextsSentTo(person.ConversationId).Count;

        await person.SayAsync(erase);
        await bot.RunQueuedWorkAsync();
        await bot.CaseworkerAsync(thread, StaffTenant, StaffChannel, "Marta Ruiz", text: "<at>ProtectionBot</at> " + staffAnswer);
        await bot.RunQueuedWorkAsync();

        var staffSee = bot.TextsSentTo(thread);
        Assert.Contains(bot.Texts.Get(language, "courses.desk.person_left"), staffSee);
        Assert.Contains(bot.Texts.Get(language, "courses.desk.answer_not_sent"), staffSee);
        Assert.DoesNotContain(bot.Texts.Get(language, "courses.desk.sent"), staffSee);
        Assert.Equal(sentBefore, bot.TextsSentTo(person.ConversationId).Count);
        Assert.Null(await bot.Store.ReadAsync(PostedStaffQuestion.Key(thread), CancellationToken.None));
        Assert.Null(await bot.Store.ReadAsync($"conversation/test/{person.ConversationId}", CancellationToken.None));
    }

    [Fact]
    public async Task A_question_still_waiting_to_reach_the_staff_is_never_posted_once_the_person_erased_their_data()
    {
        await using var bot = await StartAsync();
        var person = bot.NewDefender();
        await person.SayAsync("¿Puedo llevar a mi hijo al curso de la CIDH?");
        await person.SayAsync("Sí, pásela al equipo");

        await person.SayAsync("borra mis datos");
        await bot.RunQueuedWorkAsync();

        Assert.DoesNotContain(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation);
    }

    [Fact]
    public async Task A_question_reaching_the_staff_while_the_person_erases_their_data_is_withdrawn_at_once()
    {
        await using var bot = await StartAsync();
        var person = bot.NewDefender("en-GB");
        await person.SayAsync("Can I bring my son to the IACHR course?");
        await person.SayAsync("yes please pass it on");
        // Teams takes a while to open the thread; the person leaves meanwhile.
        bot.Connector.Enqueue(FakeConnectorResponse.Late(TimeSpan.FromSeconds(2)));

        var posting = bot.RunQueuedWorkAsync();
        await bot.Connector.WaitForRequestsAsync(1, TestContext.Current.CancellationToken);
        await person.SayAsync("exit");
        await posting;
        await bot.RunQueuedWorkAsync();

        var thread = Assert.Single(bot.Connector.Requests, r => r.Operation == ConnectorOperations.CreateConversation).CreatedConversationId!;
        Assert.Contains(bot.Texts.Get("en", "courses.desk.person_left"), bot.TextsSentTo(thread));
        Assert.Null(await bot.Store.ReadAsync(PostedStaffQuestion.Key(thread), CancellationToken.None));
    }

    [Fact]
    public async Task A_case_card_posted_while_the_defender_erases_everything_is_marked_withdrawn_and_no_other_partner_is_tried()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        bot.Connector.Enqueue(FakeConnectorResponse.Late(TimeSpan.FromSeconds(2)));

        var posting = bot.RunQueuedWorkAsync();
        await bot.Connector.WaitForRequestsAsync(1, TestContext.Current.CancellationToken);
        await defender.SayAsync("salir");
        await posting;
        await bot.RunQueuedWorkAsync();
        bot.Time.Advance(TimeSpan.FromHours(2));
        await bot.RunQueuedWorkAsync();

        var post = Assert.Single(bot.CasePosts(ChannelA));
        var thread = post.CreatedConversationId!;
        Assert.Equal(bot.T("handoff.card.status_withdrawn"), CardStatus(bot.LatestCard(post, thread)));
        Assert.Empty(bot.CasePosts(ChannelB));
        Assert.False(await bot.CaseExistsAsync(CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value)));
    }

    [Fact]
    public async Task Every_holder_of_personal_data_outside_a_conversation_is_asked_by_the_one_erasure()
    {
        await using var bot = await StartAsync();

        var holders = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPersonalDataHolder).IsAssignableFrom(t))
            .ToHashSet();
        var registered = bot.App.Services.GetServices<IPersonalDataHolder>().Select(h => h.GetType()).ToHashSet();

        Assert.NotEmpty(holders);
        Assert.Equal(holders.OrderBy(t => t.Name).Select(t => t.Name), registered.OrderBy(t => t.Name).Select(t => t.Name));
        Assert.Contains(typeof(StaffQuestionErasure), registered);
        Assert.Contains(typeof(DefenderRelay), registered);
    }
}
