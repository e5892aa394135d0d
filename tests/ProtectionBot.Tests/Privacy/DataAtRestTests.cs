using System.Net;
using System.Net.Http.Json;
using BotProtocol.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ProtectionBot.Tests.Interview;
using ProtectionBot.Storage.Encryption;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Privacy;

/// <summary>
/// A seized server or a copied database must not give away what defenders told the bot: the stored conversation and
/// its work items are sealed under a key that is not in the database, and an altered row is refused, not obeyed.
/// </summary>
public sealed class DataAtRestTests(PostgresCluster cluster)
{
    private const string Description = "the police took Marisol from the cooperative on 3 de mayo street";

    private static Persona Guatemalan() => new("At rest", "es-GT", Country: "Guatemala", Situations: ["sgbv"], Profiles: ["women"])
    {
        Description = Description,
    };

    public static TheoryData<string> Providers() => ["Sqlite", "Postgres"];

    private async Task<RawDatabase> DatabaseAsync(string provider) =>
        provider == "Sqlite" ? RawDatabase.SqliteFile() : await RawDatabase.PostgresAsync(cluster, nameof(DataAtRestTests));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task After_a_whole_interview_the_database_holds_none_of_the_answers(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var app = new BotApplication(database.Settings);
        var defender = new Defender(app, Guatemalan());

        await defender.RunAsync();

        Assert.NotNull(defender.ResultCard);
        Assert.NotNull(await defender.StoredCaseAsync());
        var raw = await database.DumpAsync();
        Assert.Contains(defender.StateKey, raw, StringComparison.Ordinal);
        foreach (var secret in new[] { Description, "Marisol", "Guatemala", "sgbv", "women", "Seguimos en español" })
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_altered_row_is_refused_and_the_conversation_starts_afresh_instead_of_failing()
    {
        await using var database = RawDatabase.SqliteFile();
        await using var app = new BotApplication(database.Settings);
        var bot = new BotClient(app.CreateClient(), "es-CO");
        await bot.SayAsync("hola");
        await bot.SayAsync("Sí, en español");
        var key = $"conversation/test/{bot.ConversationId}";
        await using (var connection = new SqliteConnection($"Data Source={database.Settings["Storage:DataDirectory"]}/protectionbot.db"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            // One bit flipped in the ciphertext, as a bad disk or a hand in the database would.
            command.CommandText = "SELECT data FROM documents WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            var data = (byte[])(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            data[40] ^= 0x01;
            command.CommandText = "UPDATE documents SET data = $data WHERE key = $key";
            command.Parameters.AddWithValue("$data", data);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var replies = await bot.SayAsync("hola");

        Assert.Equal("¿Seguimos en español?", replies[^1].Text);
        Assert.Contains(app.Logs.Lines, l => l.Contains("[1500]", StringComparison.Ordinal) && l.Contains("Altered", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("[1104]", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("[1103]", StringComparison.Ordinal));
        // The fresh state replaced the altered one: the conversation goes on normally from here.
        Assert.Equal("Consejo de seguridad: si otra persona puede revisar su teléfono, escriba «salir» en cualquier momento y borraré esta conversación al instante.",
            (await bot.SayAsync("Sí, en español"))[0].Text);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_the_bot_refuses_to_start_without_a_key_naming_the_setting(string environment)
    {
        await using var app = new BotApplication(new Dictionary<string, string?>
        {
            ["environment"] = environment,
            ["MicrosoftAppId"] = "5e1f3a7c-2b4d-4e6f-8a0c-9d1b3f5a7c9e",
            ["MicrosoftAppPassword"] = "app-password",
            ["Storage:Encryption:Key"] = null,
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Storage:Encryption:Key is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Encryption:Key", "@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/data-protection-key/)")]
    [InlineData("Storage:Encryption:Key", "c2hvcnQ=")]
    [InlineData("Storage:Encryption:PreviousKeys:0", "not a key")]
    public async Task A_malformed_key_stops_the_start_up_naming_the_setting(string setting, string value)
    {
        await using var app = new BotApplication(new Dictionary<string, string?> { [setting] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Storage:Encryption:Key and every Storage:Encryption:PreviousKeys entry must be 32 bytes in base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_without_a_key_a_local_key_only_the_user_can_read_is_made_once_and_kept()
    {
        await using var database = RawDatabase.SqliteFile();
        var settings = new Dictionary<string, string?>(database.Settings) { ["Storage:Encryption:Key"] = "" };
        var keyFile = Path.Combine(database.Settings["Storage:DataDirectory"]!, StorageKeys.LocalKeyFile);
        string conversation;
        await using (var first = new BotApplication(settings))
        {
            var bot = new BotClient(first.CreateClient());
            await bot.SayAsync("hola");
            await bot.SayAsync("Sí, en español");
            conversation = bot.ConversationId;
            Assert.Contains(first.Logs.Lines, l => l.Contains("[1502]", StringComparison.Ordinal) && l.Contains(keyFile, StringComparison.Ordinal));
            var key = (await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken)).Trim();
            Assert.True(StorageKeyRing.TryParseKey(key, out _));
            Assert.DoesNotContain(first.Logs.Lines, l => l.Contains(key, StringComparison.Ordinal));
        }
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));

        await using var second = new BotApplication(settings);
        var again = new BotClient(second.CreateClient());
        var activity = again.NewActivity(ActivityTypes.Message) with { Text = "no", Conversation = new ConversationAccount { Id = conversation }, Id = "3" };
        using var response = await second.CreateClient().PostAsJsonAsync("/api/messages", activity, ProtocolJsonContext.Default.Activity, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(second.Logs.Lines, l => l.Contains("[1503]", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Logs.Lines, l => l.Contains("[1500]", StringComparison.Ordinal) || l.Contains("[1104]", StringComparison.Ordinal));
    }
}
