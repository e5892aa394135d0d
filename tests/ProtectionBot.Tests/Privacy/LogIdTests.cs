using System.Security.Cryptography;
using System.Text;
using BotProtocol.Turns;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Privacy;

/// <summary>
/// Logs name a conversation by a keyed hash of its id. With a plain hash, whoever holds the logs and a candidate
/// conversation id (a phone number's, a Teams chat's) could confirm that it talked to the bot; with the key they cannot.
/// </summary>
public sealed class LogIdTests
{
    [Fact]
    public async Task A_conversation_is_logged_by_a_keyed_hash_nobody_can_recompute_from_its_id()
    {
        await using var app = new BotApplication();
        var defender = new BotClient(app.CreateClient());

        await defender.SayAsync("hola");

        var key = $"conversation/test/{defender.ConversationId}";
        var plainHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))[..6]);
        var keyed = app.Services.GetRequiredService<Pseudonyms>().LogId(key);
        Assert.Contains(app.Logs.Lines, l => l.Contains(keyed, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(plainHash, StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_is_the_configured_one_so_every_instance_logs_a_conversation_alike_and_another_deployment_does_not()
    {
        var pseudonymKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var first = new BotApplication(new Dictionary<string, string?> { ["Storage:Encryption:PseudonymKey"] = pseudonymKey });
        using var second = new BotApplication(new Dictionary<string, string?> { ["Storage:Encryption:PseudonymKey"] = pseudonymKey });
        using var elsewhere = new BotApplication();

        static string LogIdIn(BotApplication app) => app.Services.GetRequiredService<Pseudonyms>().LogId("conversation/whatsapp/wa.x");

        Assert.Equal(LogIdIn(first), LogIdIn(second));
        Assert.NotEqual(LogIdIn(first), LogIdIn(elsewhere));
    }

    [Fact]
    public async Task Without_a_pseudonym_key_it_is_derived_from_the_data_protection_key_so_a_restart_keeps_it()
    {
        var dataKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string before, after;
        await using (var app = new BotApplication(new Dictionary<string, string?> { ["Storage:Encryption:Key"] = dataKey }))
            before = app.Services.GetRequiredService<Pseudonyms>().LogId("conversation/test/c1");
        await using (var app = new BotApplication(new Dictionary<string, string?> { ["Storage:Encryption:Key"] = dataKey }))
            after = app.Services.GetRequiredService<Pseudonyms>().LogId("conversation/test/c1");

        Assert.Equal(before, after);
    }
}
