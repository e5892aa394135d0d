using ProtectionBot.Tests.Infrastructure;
using static ProtectionBot.Tests.Handoff.HandoffHarness;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// While a caseworker has the case, the bot's own commands (help, restart, a language) are answered by the bot and
/// never reach the caseworker; everything else still does.
/// </summary>
public sealed class ConnectedCommandsTests
{
    [Fact]
    public async Task A_Spanish_defender_asking_for_help_or_to_restart_is_answered_by_the_bot_and_the_caseworker_reads_neither()
    {
        await using var bot = await StartAsync();
        var (defender, thread) = await ConnectedAsync(bot, DefenderStory.Spanish, "Ana Pérez");

        var help = await defender.SayAsync("ayuda");
        var restart = await defender.SayAsync("Reiniciar");
        await defender.SayAsync("gracias, sigo aquí");
        await bot.RunQueuedWorkAsync();

        Assert.Equal(["Lo que escriba aquí le llega a la persona de acompañamiento de Desk A, y sus respuestas llegan aquí. Escriba «terminar» para volver al bot, o «salir» para borrarlo todo al instante."],
            help.Select(r => r.Text));
        Assert.Equal(["Está hablando con la persona de acompañamiento de Desk A. Para empezar de nuevo con el bot, escriba primero «terminar»."],
            restart.Select(r => r.Text));
        var inThread = bot.TextsSentTo(thread);
        Assert.Contains("Persona: gracias, sigo aquí", inThread);
        Assert.DoesNotContain(inThread, t => t.Contains("ayuda", StringComparison.Ordinal) || t.Contains("Reiniciar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_French_defender_switching_to_English_gets_the_bots_words_in_English_and_the_caseworker_reads_nothing_of_it()
    {
        await using var bot = await StartAsync();
        var (defender, thread) = await ConnectedAsync(bot, DefenderStory.French, "Marie Dupont", TenantB, ChannelB);

        var switched = await defender.SayAsync("english");
        var help = await defender.SayAsync("help");
        await bot.RunQueuedWorkAsync();

        Assert.Equal(["All right, let's continue in English.", "Your messages still go to the caseworker; what they write comes as they wrote it, without translation."],
            switched.Select(r => r.Text));
        Assert.StartsWith("What you write here goes to the caseworker of Desk B", help[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.TextsSentTo(thread), t => t.StartsWith("Personne", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_English_defender_still_reaches_the_caseworker_with_a_sentence_that_only_contains_a_command_word()
    {
        await using var bot = await StartAsync();
        var (defender, thread) = await ConnectedAsync(bot, DefenderStory.English, "Ana Pérez");

        Assert.Empty(await defender.SayAsync("I need help to restart my work safely"));
        await bot.RunQueuedWorkAsync();

        Assert.Contains("Person: I need help to restart my work safely", bot.TextsSentTo(thread));
    }

    /// <summary>A defender who told their story and sent it, with a caseworker of the desk who accepted it.</summary>
    private static async Task<(BotClient Defender, string Thread)> ConnectedAsync(
        HandoffHarness bot, DefenderStory story, string caseworker, string tenant = TenantA, string channel = ChannelA)
    {
        var defender = bot.NewDefender(story.Locale);
        await story.TellAndSendAsync(defender);
        await bot.RunQueuedWorkAsync();
        var caseId = CaseIdOn(bot.CasePosts(channel).Single().ConversationParameters!.Activity!.Attachments![0].Content!.Value);
        var thread = (await bot.CaseAsync(caseId))!.Posted!.ThreadId;
        await bot.CaseworkerAsync(thread, tenant, channel, caseworker, value: Button("accept", caseId));
        await bot.RunQueuedWorkAsync();
        return (defender, thread);
    }
}
