using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// When a partner does not take a case, the defender is told the true reason (it declined, it did not answer in time)
/// and, when no partner is left, that nobody could take it; the last partner's card says nobody else got the case.
/// </summary>
public sealed class PassingOnTests
{
    [Fact]
    public async Task A_case_nobody_answers_in_time_then_declined_by_the_last_partner_is_explained_truly_on_both_sides()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.English;
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();
        var first = bot.CasePosts(ChannelA).Single();
        var caseId = CaseIdOn(first.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var firstThread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        bot.Time.Advance(TimeSpan.FromMinutes(31));
        await bot.RunQueuedWorkAsync();
        Assert.Contains("The organisation that had your case did not answer in time, so I have passed it to another one.", bot.TextsSentTo(defender.ConversationId));
        Assert.Equal("Not accepted in time: passed to another organisation.", CardStatus(bot.LatestCard(first, firstThread)));

        var second = (await bot.CaseAsync(caseId))!.Posted!;
        await bot.CaseworkerAsync(second.ThreadId, TenantB, ChannelB, "Marie Dupont", value: Button("decline", caseId, "1"));
        await bot.RunQueuedWorkAsync();

        Assert.Equal("Declined. No other organisation was left to try; the person has been told.",
            CardStatus(bot.LatestCard(bot.CasePosts(ChannelB).Single(), second.ThreadId)));
        Assert.Equal("I am sorry: none of the partner organisations I sent your case to could take it. Your answers are no longer with anyone. The recommendations above remain valid.",
            bot.TextsSentTo(defender.ConversationId)[^1]);
        Assert.DoesNotContain(bot.TextsSentTo(defender.ConversationId), t => t.Contains("in time", StringComparison.Ordinal) && t.StartsWith("I am sorry", StringComparison.Ordinal));
        Assert.False(await bot.CaseExistsAsync(caseId));
    }

    [Fact]
    public async Task A_Spanish_case_declined_is_passed_on_with_that_reason_not_with_a_timeout()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.Spanish;
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();
        var post = bot.CasePosts(ChannelA).Single();
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("decline", caseId));
        await bot.RunQueuedWorkAsync();

        var told = bot.TextsSentTo(defender.ConversationId);
        Assert.Contains("La organización que tenía su caso no puede tomarlo, así que lo pasé a otra.", told);
        Assert.DoesNotContain(told, t => t.Contains("a tiempo", StringComparison.Ordinal));
        Assert.Equal("Rechazado: pasó a otra organización.", CardStatus(bot.LatestCard(post, thread)));
    }

    [Fact]
    public async Task A_French_case_whose_only_partner_does_not_answer_says_on_the_card_that_nobody_else_got_it()
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.French;
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();
        var post = bot.CasePosts(ChannelB).Single();
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;

        bot.Time.Advance(TimeSpan.FromMinutes(31));
        await bot.RunQueuedWorkAsync();

        Assert.Equal("Non accepté à temps. Il ne restait aucune autre organisation ; la personne a été prévenue.", CardStatus(bot.LatestCard(post, thread)));
        Assert.Contains("Je suis désolé : aucune des organisations partenaires à qui j'ai envoyé votre dossier n'a pu le prendre. Vos réponses ne sont plus entre les mains de personne. Les recommandations ci-dessus restent valables.",
            bot.TextsSentTo(defender.ConversationId));
        Assert.DoesNotContain(bot.TextsSentTo(defender.ConversationId), t => t.Contains("transmis à une autre", StringComparison.Ordinal));
    }
}
