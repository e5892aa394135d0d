using System.ComponentModel.DataAnnotations;
using BotProtocol.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BotProtocol.Auth;

// A TimeSpan range names its type, which the trimming analyser flags for DataAnnotations' own TypeConverter path; the
// generated validator compares with its own copy of the attribute and never takes that path.
#pragma warning disable IL2026
/// <summary>
/// The bot's identity and the Bot Framework endpoints, bound from the flat configuration keys every
/// Bot Framework guide and Azure template uses (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, ...).
/// The override keys keep the SDKs' names so tests and sovereign clouds can point elsewhere.
/// </summary>
public sealed class BotFrameworkOptions
{
    /// <summary><c>MultiTenant</c> (default when empty), <c>SingleTenant</c> or <c>UserAssignedMSI</c>; case-insensitive.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>
    /// The bot's app (client) id. Empty disables authentication, which start-up allows only in the Development
    /// environment or with <see cref="UnsafeAllowAnonymousRequests"/>.
    /// </summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>
    /// Lets the bot start outside Development without <see cref="MicrosoftAppId"/>, accepting requests nobody signed.
    /// Anyone who can reach the endpoint can then speak as any channel and any user. Default false: such a start-up is
    /// refused, because an app id that did not arrive (an unresolved Key Vault reference, a missing setting) must not
    /// silently turn authentication off.
    /// </summary>
    public bool UnsafeAllowAnonymousRequests { get; set; }

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
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
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

#pragma warning restore IL2026

public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

/// <summary>
/// Refuses a start-up whose app type and credentials do not fit together, naming the key to fix; and one without an app
/// id outside Development unless anonymous access was asked for by name. Without a host environment (a library used
/// outside a host) the environment counts as not Development.
/// </summary>
internal sealed partial class BotFrameworkOptionsValidator(IHostEnvironment? environment) : IValidateOptions<BotFrameworkOptions>
{
    // App Service leaves a Key Vault reference it could not resolve in the setting as written.
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        if (BotFrameworkOptions.ParseAppType(options.MicrosoftAppType) is null)
            return ValidateOptionsResult.Fail($"MicrosoftAppType '{options.MicrosoftAppType}' is not one of MultiTenant, SingleTenant, UserAssignedMSI.");
        (string Key, string? Value)[] credentials =
            [("MicrosoftAppId", options.MicrosoftAppId), ("MicrosoftAppPassword", options.MicrosoftAppPassword), ("MicrosoftAppTenantId", options.MicrosoftAppTenantId)];
        var unresolved = credentials
            .Where(setting => setting.Value?.TrimStart().StartsWith(KeyVaultReference, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => $"{setting.Key} is a Key Vault reference App Service could not resolve: give the Web App's identity access to the vault (get secret), or fix the secret's URI.")
            .ToList();
        if (unresolved.Count > 0)
            return ValidateOptionsResult.Fail(unresolved);
        if (options.IsAuthenticationDisabled)
        {
            return environment?.IsDevelopment() == true || options.UnsafeAllowAnonymousRequests
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(AnonymousRefused(environment?.EnvironmentName));
        }

        var result = new ValidateOptionsResultBuilder();
        switch (options.AppType)
        {
            case BotAppType.MultiTenant when string.IsNullOrWhiteSpace(options.MicrosoftAppPassword):
                result.AddError("MicrosoftAppPassword is required when MicrosoftAppType is MultiTenant.");
                break;
            case BotAppType.SingleTenant:
                if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                    result.AddError("MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant.");
                if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
                    result.AddError("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
                break;
            case BotAppType.UserAssignedMSI:
                if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                    result.AddError("MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI (the managed identity has no secret).");
                if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
                    result.AddError("MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI.");
                break;
        }
        result.AddResult(OptionsKeys.Named(new Attributes().Validate("BotFramework", options), "BotFramework", keyPrefix: ""));
        return result.Build();
    }

    internal static string AnonymousRefused(string? environmentName) =>
        $"MicrosoftAppId is not set and the environment is {environmentName ?? "unknown"}, not Development: the bot would accept " +
        "requests nobody signed, from anyone, as any channel. Set MicrosoftAppId (with MicrosoftAppPassword, MicrosoftAppType and " +
        "MicrosoftAppTenantId as the app registration needs), or, only to run without authentication on purpose, set " +
        "UnsafeAllowAnonymousRequests=true.";

    [OptionsValidator]
    private sealed partial class Attributes : IValidateOptions<BotFrameworkOptions>;
}
