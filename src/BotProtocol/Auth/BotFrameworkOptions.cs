using Microsoft.Extensions.Options;

namespace BotProtocol.Auth;

/// <summary>
/// The bot's identity and the Bot Framework endpoints, bound from the flat configuration keys every
/// Bot Framework guide and Azure template uses (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, ...).
/// The override keys keep the SDKs' names so tests and sovereign clouds can point elsewhere.
/// </summary>
public sealed class BotFrameworkOptions
{
    /// <summary><c>MultiTenant</c> (default when empty), <c>SingleTenant</c> or <c>UserAssignedMSI</c>; case-insensitive.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The bot's app (client) id. Empty disables authentication: local development only.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>Client secret; required for MultiTenant and SingleTenant, must be empty for UserAssignedMSI.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Entra tenant of the app registration; required for SingleTenant and UserAssignedMSI.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>OpenID metadata of the Bot Connector service, which signs channel tokens.</summary>
    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata of Entra ID, which signs Emulator and skill tokens.</summary>
    public string ToBotFromEmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>The only issuer accepted on channel tokens.</summary>
    public string ToBotFromChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>
    /// Authority for outbound tokens. Empty = <c>https://login.microsoftonline.com/botframework.com</c> for MultiTenant,
    /// <c>https://login.microsoftonline.com/{MicrosoftAppTenantId}</c> otherwise.
    /// </summary>
    public string? ToChannelFromBotLoginUrl { get; set; }

    /// <summary>Resource whose <c>/.default</c> scope outbound Connector tokens are requested for.</summary>
    public string ToChannelFromBotOAuthScope { get; set; } = "https://api.botframework.com";

    /// <summary>App ids of bots allowed to call this one as a skill; <c>*</c> allows any. Empty: no skill callers.</summary>
    public List<string> AllowedCallers { get; set; } = [];

    /// <summary>Tolerance on token <c>nbf</c>/<c>exp</c>. Default 5 minutes, as the authentication spec and both SDKs use.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public BotAppType AppType => ParseAppType(MicrosoftAppType) ?? BotAppType.MultiTenant;

    public string LoginAuthority => !string.IsNullOrWhiteSpace(ToChannelFromBotLoginUrl)
        ? ToChannelFromBotLoginUrl.TrimEnd('/')
        : AppType == BotAppType.MultiTenant
            ? "https://login.microsoftonline.com/botframework.com"
            : $"https://login.microsoftonline.com/{MicrosoftAppTenantId}";

    internal static BotAppType? ParseAppType(string? value) =>
        string.IsNullOrWhiteSpace(value) ? BotAppType.MultiTenant
        : Enum.TryParse<BotAppType>(value, ignoreCase: true, out var type) ? type
        : null;
}

public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

/// <summary>Refuses a start-up whose app type and credentials do not fit together, naming the key to fix.</summary>
internal sealed class BotFrameworkOptionsValidator : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        if (BotFrameworkOptions.ParseAppType(options.MicrosoftAppType) is null)
            return ValidateOptionsResult.Fail($"MicrosoftAppType '{options.MicrosoftAppType}' is not one of MultiTenant, SingleTenant, UserAssignedMSI.");
        if (options.IsAuthenticationDisabled)
            return ValidateOptionsResult.Success;

        var failures = new List<string>();
        switch (options.AppType)
        {
            case BotAppType.MultiTenant when string.IsNullOrWhiteSpace(options.MicrosoftAppPassword):
                failures.Add("MicrosoftAppPassword is required when MicrosoftAppType is MultiTenant.");
                break;
            case BotAppType.SingleTenant:
                if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                    failures.Add("MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant.");
                if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
                    failures.Add("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
                break;
            case BotAppType.UserAssignedMSI:
                if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                    failures.Add("MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI (the managed identity has no secret).");
                if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
                    failures.Add("MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI.");
                break;
        }
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(30))
            failures.Add("ClockSkew must be between 0 and 30 minutes.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
