using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using ProtectionBot.Storage.Encryption;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Storage;

/// <summary>
/// The storage key lives under <c>Storage:Encryption</c>; a deployment that still sets the former <c>DataProtection</c>
/// section keeps working, and is told (without the key) to move it.
/// </summary>
public sealed class EncryptionKeySettingTests
{
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static StorageEncryptionOptions Bind(Dictionary<string, string?> settings)
    {
        // As the app binds them: the section, then the former one when the section is absent.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new StorageEncryptionOptions();
        configuration.GetSection(StorageEncryptionOptions.Section).Bind(options);
        StorageEncryptionOptions.ReadFormerSectionWhenAbsent(options, configuration);
        return options;
    }

    [Fact]
    public void Keys_are_read_from_Storage_Encryption()
    {
        var key = NewKey();
        var previous = NewKey();

        var options = Bind(new() { ["Storage:Encryption:Key"] = key, ["Storage:Encryption:PreviousKeys:0"] = previous });

        Assert.Equal((key, previous, StorageEncryptionOptions.Section), (options.Key, options.PreviousKeys.Single(), options.BoundFrom));
    }

    [Fact]
    public void The_former_DataProtection_section_is_read_when_Storage_Encryption_is_absent()
    {
        var key = NewKey();

        var options = Bind(new() { ["DataProtection:Key"] = key, ["DataProtection:PseudonymKey"] = key });

        Assert.Equal((key, key, StorageEncryptionOptions.FormerSection), (options.Key, options.PseudonymKey, options.BoundFrom));
    }

    [Fact]
    public void When_both_sections_are_set_Storage_Encryption_wins_whole()
    {
        var key = NewKey();

        var options = Bind(new() { ["Storage:Encryption:Key"] = key, ["DataProtection:Key"] = NewKey(), ["DataProtection:PreviousKeys:0"] = NewKey() });

        Assert.Equal((key, 0, StorageEncryptionOptions.Section), (options.Key, options.PreviousKeys.Count, options.BoundFrom));
    }

    [Fact]
    public async Task A_bot_configured_the_former_way_runs_and_warns_without_writing_the_key()
    {
        var key = NewKey();
        await using var app = new BotApplication(new Dictionary<string, string?> { ["DataProtection:Key"] = key });
        var bot = new BotClient(app.CreateClient(), "es-CO");

        var replies = await bot.SayAsync("hola");

        Assert.NotEmpty(replies);
        Assert.Contains(app.Logs.Lines, l => l.Contains("[1504]", StringComparison.Ordinal) && l.Contains("Storage:Encryption", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bot_configured_the_new_way_does_not_warn()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient(), "es-CO");

        await bot.SayAsync("hola");

        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("[1504]", StringComparison.Ordinal));
    }
}
