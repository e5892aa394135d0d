using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProtectionBot.Tests.Deployment;

/// <summary>
/// The rules Teams applies to a v1.19 app manifest at upload, for the parts this manifest uses, as Microsoft's manifest
/// reference documents them: required properties, GUID ids, length limits, https links, a #RRGGBB accent colour, known
/// bot scopes, bare domain names. A property outside these is refused, as the schema's additionalProperties does.
/// </summary>
internal static partial class TeamsManifestRules
{
    private static readonly HashSet<string> TopLevel =
    [
        "$schema", "manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor",
        "bots", "validDomains", "permissions", "webApplicationInfo", "localizationInfo", "devicePermissions",
    ];

    private static readonly HashSet<string> BotScopes = ["team", "personal", "groupChat"];

    public static IReadOnlyList<string> Problems(JsonElement manifest)
    {
        var problems = new List<string>();
        foreach (var property in manifest.EnumerateObject().Where(p => !TopLevel.Contains(p.Name)))
            problems.Add($"unknown property '{property.Name}'");
        foreach (var required in new[] { "manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor" })
        {
            if (!manifest.TryGetProperty(required, out _))
                problems.Add($"'{required}' is required");
        }
        Check(manifest, "version", v => SemVer().IsMatch(v), "must be MAJOR.MINOR.PATCH", problems);
        Check(manifest, "id", IsGuid, "must be a GUID", problems);
        Check(manifest, "accentColor", v => HexColour().IsMatch(v), "must be #RRGGBB", problems);
        if (manifest.TryGetProperty("developer", out var developer))
        {
            Text(developer, "name", 32, "developer.", problems);
            foreach (var link in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
                Check(developer, link, v => v.StartsWith("https://", StringComparison.Ordinal) && v.Length <= 2048, "must be an https URL", problems, "developer.");
        }
        if (manifest.TryGetProperty("name", out var name))
        {
            Text(name, "short", 30, "name.", problems);
            if (name.TryGetProperty("full", out _))
                Text(name, "full", 100, "name.", problems);
        }
        if (manifest.TryGetProperty("description", out var description))
        {
            Text(description, "short", 80, "description.", problems);
            Text(description, "full", 4000, "description.", problems);
        }
        if (manifest.TryGetProperty("icons", out var icons))
        {
            Text(icons, "color", 2048, "icons.", problems);
            Text(icons, "outline", 2048, "icons.", problems);
        }
        if (manifest.TryGetProperty("bots", out var bots))
        {
            foreach (var bot in bots.EnumerateArray())
            {
                Check(bot, "botId", IsGuid, "must be a GUID", problems, "bots[].");
                var scopes = bot.TryGetProperty("scopes", out var s) ? s.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [];
                if (scopes.Count == 0 || scopes.Distinct().Count() != scopes.Count || scopes.Any(scope => !BotScopes.Contains(scope)))
                    problems.Add($"bots[].scopes must be distinct values among {string.Join(", ", BotScopes)}");
            }
        }
        if (manifest.TryGetProperty("validDomains", out var domains))
        {
            foreach (var domain in domains.EnumerateArray().Select(d => d.GetString() ?? ""))
            {
                if (domain.Length == 0 || domain.Contains("://", StringComparison.Ordinal) || domain.Contains('/'))
                    problems.Add($"validDomains: '{domain}' must be a bare host name");
            }
        }
        return problems;
    }

    private static bool IsGuid(string value) => Guid.TryParseExact(value, "D", out _);

    private static void Text(JsonElement parent, string key, int maxLength, string prefix, List<string> problems) =>
        Check(parent, key, v => v.Length > 0 && v.Length <= maxLength, $"must be 1 to {maxLength} characters", problems, prefix);

    private static void Check(JsonElement parent, string key, Func<string, bool> valid, string rule, List<string> problems, string prefix = "")
    {
        if (!parent.TryGetProperty(key, out var value))
        {
            problems.Add($"'{prefix}{key}' is required");
            return;
        }
        if (value.ValueKind != JsonValueKind.String || !valid(value.GetString()!))
            problems.Add($"'{prefix}{key}' {rule}");
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();
}
