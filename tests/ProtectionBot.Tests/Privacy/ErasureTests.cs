using System.Text;
using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Content;
using ProtectionBot.Tests.Infrastructure;
using ProtectionBot.Tests.Interview;

namespace ProtectionBot.Tests.Privacy;

/// <summary>
/// The quick-exit word and "delete my data", typed at any step in any language, leave nothing of the conversation in
/// the database itself: not its state, not the case, not a message still waiting to reach a partner.
/// </summary>
public sealed class ErasureTests(PostgresCluster cluster)
{
    public static TheoryData<string, string, string, string> Erasures() => new()
    {
        { "Sqlite", "es-CO", "salir", "safety.quick_exit.done" },
        { "Postgres", "es-CO", "salir", "safety.quick_exit.done" },
        { "Sqlite", "es-CO", "Borrar mis datos", "safety.delete_data.done" },
        { "Postgres", "es-CO", "borrar mis datos", "safety.delete_data.done" },
        { "Sqlite", "fr-FR", "Effacer mes données", "safety.delete_data.done" },
        { "Postgres", "fr-FR", "effacer mes donnees", "safety.delete_data.done" },
        { "Sqlite", "en-GB", "Delete my data!", "safety.delete_data.done" },
        { "Postgres", "en-GB", "delete my data", "safety.delete_data.done" },
    };

    [Theory]
    [MemberData(nameof(Erasures))]
    public async Task Nothing_of_the_conversation_is_left_in_the_database(string provider, string locale, string words, string confirmation)
    {
        await using var database = provider == "Sqlite" ? RawDatabase.SqliteFile() : await RawDatabase.PostgresAsync(cluster, nameof(ErasureTests));
        await using var app = new BotApplication(database.Settings);
        var defender = new Defender(app, new Persona("Erased", locale, Country: "Colombia", Situations: ["threats"]) { Description = "a note" });
        await defender.RunAsync();
        // A case waiting to be handed to a partner, as the handoff leaves it in the work queue.
        var queue = app.Services.GetRequiredService<IWorkQueue>();
        await queue.EnqueueAsync(
            new WorkItem($"handoff/{defender.StateKey}", "handoff", defender.StateKey, Encoding.UTF8.GetBytes("case"), DateTimeOffset.MaxValue),
            TestContext.Current.CancellationToken);
        var conversationId = defender.StateKey[(defender.StateKey.LastIndexOf('/') + 1)..];
        Assert.Equal(2, await database.RowsMentioningAsync(conversationId));

        var replies = await defender.SayAsync(words);

        var language = ProtectionBot.Content.Language.FromLocale(locale)!;
        Assert.Equal(app.Services.GetRequiredService<TextCatalog>().Get(language, confirmation), Assert.Single(replies).Text);
        Assert.Equal(0, await database.RowsMentioningAsync(conversationId));
        Assert.Null(await app.Services.GetRequiredService<IConversationStore>().ReadAsync(defender.StateKey, TestContext.Current.CancellationToken));
        if (provider == "Sqlite")
            Assert.DoesNotContain(conversationId, await database.DumpAsync(), StringComparison.Ordinal);
    }
}
