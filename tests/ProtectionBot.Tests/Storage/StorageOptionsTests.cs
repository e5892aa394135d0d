using Microsoft.Extensions.Options;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Storage;

public sealed class StorageOptionsTests
{
    [Fact]
    public async Task An_unknown_storage_provider_stops_the_bot_at_start_up_naming_the_key()
    {
        await using var app = new BotApplication(new Dictionary<string, string?> { ["Storage:Provider"] = "Postgress" });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }
}
