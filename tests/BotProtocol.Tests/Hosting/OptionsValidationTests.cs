using BotProtocol.Connector;
using BotProtocol.DirectLine;
using BotProtocol.Work;

namespace BotProtocol.Tests.Hosting;

/// <summary>
/// Each options class has one validator: the generated part checks the attributes of single settings, the hand-written
/// part the rules between settings. Whatever is refused names the key an operator has to fix, once.
/// </summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new DirectLineOptionsValidator().Validate(null, new DirectLineOptions()).Succeeded);
        Assert.True(new WorkQueueOptionsValidator().Validate(null, new WorkQueueOptions()).Succeeded);
        Assert.True(new ConnectorOptionsValidator().Validate(null, new ConnectorOptions()).Succeeded);
    }

    [Fact]
    public void Direct_Line_settings_out_of_range_are_refused_by_their_keys()
    {
        var result = new DirectLineOptionsValidator().Validate(null, new DirectLineOptions
        {
            TokenLifetime = TimeSpan.FromSeconds(30),
            MaxConversations = 0,
            BotId = " ",
            UnusedConversationTimeout = TimeSpan.FromHours(2),
            AllowedOrigins = ["https://partner.example/path"],
        });

        Assert.True(result.Failed);
        foreach (var key in new[] { "DirectLine:TokenLifetime", "DirectLine:MaxConversations", "DirectLine:BotId", "DirectLine:UnusedConversationTimeout", "DirectLine:AllowedOrigins" })
            Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_backoff_longer_than_the_longest_is_refused_by_the_rule_between_them()
    {
        var result = new WorkQueueOptionsValidator().Validate(null, new WorkQueueOptions { FirstBackoff = TimeSpan.FromMinutes(20), MaxBackoff = TimeSpan.FromMinutes(10) });

        Assert.Equal(new[] { "WorkQueue:FirstBackoff must be between 0 and WorkQueue:MaxBackoff." }, result.Failures);
    }

    [Fact]
    public void A_base_delay_beyond_any_maximum_is_refused_once()
    {
        var result = new ConnectorOptionsValidator().Validate(null, new ConnectorOptions { BaseDelay = TimeSpan.FromMinutes(6) });

        Assert.Contains("Connector:BaseDelay must be between 00:00:00 and 00:05:00", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
