using Microsoft.AspNetCore.StaticAssets.Infrastructure;

namespace ProtectionBot.Channels.WebChat;

/// <summary>
/// Where the page finds its script, its style and Web Chat's bundle: the fingerprinted addresses the build gave them
/// (<c>webchat/page.1a2b3c4d5e.js</c>). <c>MapStaticAssets()</c> serves those compressed and cacheable for a year, as
/// immutable, so a returning visitor on a slow line downloads nothing again until a file changes (and with it its
/// address).
/// </summary>
internal sealed class WebChatAssets(IReadOnlyDictionary<string, string> addresses)
{
    public const string PageScript = "webchat/page.js";
    public const string PageStyle = "webchat/page.css";
    public const string Bundle = "webchat/webchat.js";

    public bool Has(string asset) => addresses.ContainsKey(asset);

    /// <summary>The fingerprinted address of <paramref name="asset"/> under <paramref name="pathBase"/>, else its plain one.</summary>
    public string Address(string pathBase, string asset) => $"{pathBase}/{addresses.GetValueOrDefault(asset, asset)}";

    public static WebChatAssets Resolve(IEndpointRouteBuilder endpoints)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var descriptor in StaticAssetsEndpointDataSourceHelper.ResolveStaticAssetDescriptors(endpoints, manifestPath: null))
        {
            var label = descriptor.Properties.FirstOrDefault(p => p.Name == "label")?.Value;
            if (label is not null && descriptor.Selectors.Count == 0)
                addresses[label] = descriptor.Route;
            else
                addresses.TryAdd(descriptor.Route, descriptor.Route);
        }
        return new WebChatAssets(addresses);
    }
}
