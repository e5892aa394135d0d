using System.Text.Json;
using ProtectionBot.Handoff;
using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// What caseworkers see and may do in their Teams channel: a card written about the person (not to them), one plain
/// answer to a button of a card that is no longer current, and buttons that act only in their own case's thread.
/// </summary>
public sealed class CaseworkerDeskTests
{
    [Theory]
    [InlineData("es", "Quién está en riesgo: la propia persona", "Descripción de la persona: «me siguen desde la marcha del lunes»", "Quién está en riesgo: Yo")]
    [InlineData("fr", "Qui est en danger : la personne elle-même", "Description par la personne : « on me suit depuis la manif »", "Qui est en danger : Moi")]
    [InlineData("en", "Who is at risk: the person themselves", "Description by the person: “they follow me since the march”", "Who is at risk: Me")]
    public async Task The_case_card_speaks_about_the_person_in_the_caseworkers_words(string language, string atRisk, string description, string defendersWording)
    {
        await using var bot = await StartAsync();
        var story = DefenderStory.In(language);
        var defender = bot.NewDefender(story.Locale);

        var summary = await story.TellAsync(defender);
        Assert.Contains(summary, r => r.Text?.Contains(defendersWording, StringComparison.Ordinal) == true);
        await defender.SayAsync(story.Send);
        await bot.RunQueuedWorkAsync();

        var lines = CardTexts(bot.CasePosts(story.DeskChannel).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        Assert.Contains(atRisk, lines);
        Assert.Contains(description, lines);
        Assert.DoesNotContain(defendersWording, lines);
    }

    [Fact]
    public async Task A_caseworker_pressing_Accept_on_a_card_their_colleague_declined_hears_once_that_it_is_no_longer_theirs()
    {
        await using var bot = await StartAsync();
        var defender = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(defender);
        await bot.RunQueuedWorkAsync();
        var post = bot.CasePosts(ChannelA).Single();
        var caseId = CaseIdOn(post.ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Luis Gómez", value: Button("decline", caseId));
        await bot.RunQueuedWorkAsync();
        var before = bot.TextsSentTo(thread).Count;

        await bot.CaseworkerAsync(thread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", caseId));

        Assert.Equal(["Este caso ya no está ofrecido a tu organización."], bot.TextsSentTo(thread).Skip(before));
        Assert.Equal(CaseStatuses.Offered, (await bot.CaseAsync(caseId))!.Status);
        Assert.Equal(1, (await bot.CaseAsync(caseId))!.OfferIndex);
    }

    [Fact]
    public async Task A_button_of_one_case_pressed_in_another_cases_thread_of_the_same_channel_is_refused()
    {
        await using var bot = await StartAsync();
        var first = bot.NewDefender();
        var second = bot.NewDefender();
        await bot.HandOffUrgentlyAsync(first);
        await bot.HandOffUrgentlyAsync(second);
        await bot.RunQueuedWorkAsync();
        var posts = bot.CasePosts(ChannelA);
        Assert.Equal(2, posts.Count);
        var firstCase = CaseIdOn(posts[0].ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var secondCase = CaseIdOn(posts[1].ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var secondThread = (await bot.CaseAsync(secondCase))!.Posted!.ThreadId;

        await bot.CaseworkerAsync(secondThread, TenantA, ChannelA, "Ana Pérez", value: Button("accept", firstCase));
        await bot.RunQueuedWorkAsync();

        Assert.Equal(CaseStatuses.Offered, (await bot.CaseAsync(firstCase))!.Status);
        Assert.Equal(["Se rechazó esta acción: no viene del equipo que tiene el caso."], bot.TextsSentTo(secondThread));
        Assert.DoesNotContain(bot.TextsSentTo(first.ConversationId), t => t.Contains("tomó su caso", StringComparison.Ordinal));
        Assert.Contains(bot.App.Logs.Lines, l => l.Contains("[1605]", StringComparison.Ordinal) && l.Contains("not the case's own thread", StringComparison.Ordinal));
    }

    /// <summary>Every text block of a card, in order.</summary>
    internal static IReadOnlyList<string> CardTexts(JsonElement card)
    {
        var texts = new List<string>();
        void Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("type", out var type) && type.GetString() == "TextBlock" && element.TryGetProperty("text", out var text))
                    texts.Add(text.GetString()!);
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value);
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                    Walk(item);
            }
        }
        Walk(card);
        return texts;
    }
}
