using System.Net;
using System.Net.Http.Json;
using BotProtocol.Schema;
using Microsoft.Extensions.Options;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Http;

/// <summary>
/// Outside Development the bot never starts without an app identity by accident: a missing <c>MicrosoftAppId</c>, or a
/// Key Vault reference App Service could not resolve, stops the start with a message naming the setting, unless
/// anonymous access was asked for by its loud name. Every environment but Development, every identity type.
/// </summary>
public sealed class AppIdentityStartupTests
{
    private const string AppId = "4d8e2b17-9c3a-4f5e-8b6d-1a7c9e3f5b2d";
    private const string TenantId = "9f1e3d5c-7b9a-4c2e-8f4d-6a8b0c2e4f6a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> EnvironmentsAndIdentityTypes()
    {
        var data = new TheoryData<string, string>();
        foreach (var environment in new[] { "Production", "Staging", "Test" })
        {
            foreach (var type in new[] { "", "MultiTenant", "SingleTenant", "UserAssignedMSI" })
                data.Add(environment, type);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EnvironmentsAndIdentityTypes))]
    public void Without_an_app_id_the_bot_refuses_to_start_and_says_which_setting_is_missing(string environment, string appType)
    {
        using var app = new BotApplication(Settings(environment, appType, appId: ""));

        var refused = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains("MicrosoftAppId is not set", refused.Message, StringComparison.Ordinal);
        Assert.Contains(environment, refused.Message, StringComparison.Ordinal);
        Assert.Contains("UnsafeAllowAnonymousRequests", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "MicrosoftAppId")]
    [InlineData("Production", "MicrosoftAppPassword")]
    [InlineData("Production", "MicrosoftAppTenantId")]
    [InlineData("Development", "MicrosoftAppId")]
    public void A_key_vault_reference_app_service_could_not_resolve_stops_the_start(string environment, string setting)
    {
        var settings = Settings(environment, "SingleTenant", AppId);
        settings[setting] = "@Microsoft.KeyVault(SecretUri=https://protectionbot-kv.vault.azure.net/secrets/bot-app-id/)";
        using var app = new BotApplication(settings);

        var refused = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains($"{setting} is a Key Vault reference App Service could not resolve", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "MultiTenant")]
    [InlineData("Production", "SingleTenant")]
    [InlineData("Production", "UserAssignedMSI")]
    [InlineData("Staging", "")]
    public async Task With_an_app_id_the_bot_starts_and_refuses_what_nobody_signed(string environment, string appType)
    {
        await using var app = new BotApplication(Settings(environment, appType, AppId));

        using var response = await app.CreateClient().PostAsJsonAsync("/api/messages", TeamsMessage(), ProtocolJsonContext.Default.Activity, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("[1000]", StringComparison.Ordinal) || line.Contains("[1005]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_development_without_an_app_id_the_bot_starts_anonymous_and_warns()
    {
        await using var app = new BotApplication(Settings("Development", "", appId: ""));

        using var response = await app.CreateClient().PostAsJsonAsync("/api/messages", TeamsMessage(), ProtocolJsonContext.Default.Activity, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("[1000]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Anonymous_access_outside_development_needs_its_loud_setting_and_is_logged_as_critical(string environment)
    {
        var settings = Settings(environment, "", appId: "");
        settings["UnsafeAllowAnonymousRequests"] = "true";
        await using var app = new BotApplication(settings);

        using var response = await app.CreateClient().PostAsJsonAsync("/api/messages", TeamsMessage(), ProtocolJsonContext.Default.Activity, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains("[1005]", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(string environment, string appType, string appId)
    {
        var settings = new Dictionary<string, string?>
        {
            ["environment"] = environment,
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppTenantId"] = "",
        };
        if (appId.Length > 0)
        {
            if (appType != "UserAssignedMSI")
                settings["MicrosoftAppPassword"] = "app-password-for-start-up";
            if (appType is "SingleTenant" or "UserAssignedMSI")
                settings["MicrosoftAppTenantId"] = TenantId;
        }
        return settings;
    }

    private static Activity TeamsMessage() => new()
    {
        Type = ActivityTypes.Message,
        Id = "1",
        ChannelId = "msteams",
        ServiceUrl = "http://127.0.0.1:9/",
        Conversation = new ConversationAccount { Id = "19:desk@thread.tacv2;messageid=1", ConversationType = "channel" },
        From = new ChannelAccount { Id = "29:someone", Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = "28:bot", Role = RoleTypes.Bot },
        DeliveryMode = DeliveryModes.ExpectReplies,
        Text = "hola",
    };
}
