using System.Collections.Frozen;

namespace BotProtocol.Auth;

/// <summary>Issuers of Emulator and skill tokens in the public cloud (botframework-connector tokenValidationParameters,
/// botbuilder-dotnet EmulatorValidation).</summary>
internal static class EntraIssuers
{
    private static readonly string[] PublicCloud =
    [
        // Bot Framework security protocol v3.1
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        // v3.2
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
    ];

    /// <summary>
    /// The public-cloud list plus the v1 and v2 issuer of <paramref name="tenantId"/>. The SDKs derive these from the
    /// token's own <c>tid</c>; taking them from configuration instead means a token minted in some other tenant is
    /// never accepted (single-tenant bots).
    /// </summary>
    public static FrozenSet<string> For(string? tenantId)
    {
        IEnumerable<string> issuers = PublicCloud;
        if (!string.IsNullOrWhiteSpace(tenantId))
        {
            var tenant = tenantId.Trim();
            issuers = issuers.Append($"https://sts.windows.net/{tenant}/").Append($"https://login.microsoftonline.com/{tenant}/v2.0");
        }
        return issuers.ToFrozenSet(StringComparer.Ordinal);
    }
}
