using System.IO.Compression;
using System.Text.Json;
using ProtectionBot.Tests.Conformance;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Deployment;

/// <summary>
/// The Teams app package a partner's admin uploads for its caseworkers. Teams rejects an invalid package only at
/// upload, in the partner's tenant, so the manifest is checked here against the JSON schema Microsoft publishes for its
/// version (from Microsoft's own npm package) and against the rules Teams applies beyond the schema.
/// </summary>
public sealed class TeamsAppPackageTests
{
    private static readonly string[] TeamsApp = ["deploymentTemplates", "teams-app"];

    [Fact]
    public void Manifest_keeps_the_rules_teams_applies_at_upload()
    {
        var errors = TeamsManifestRules.Problems(Manifest());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task Manifest_validates_against_microsofts_published_schema_for_its_version()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var harness = NodeHarness.Folder();
        NodeHarness.RequirePackages(harness);

        var result = await NodeHarness.RunAsync("node", ["teams-manifest-check.js", RepositoryFiles.PathOf([.. TeamsApp, "manifest.json"])],
            harness, TimeSpan.FromMinutes(1), cancellationToken);

        Assert.True(result.ExitCode == 0, $"The manifest does not validate: {result.StandardOutput}{result.StandardError}");
        Assert.Contains("teams/v1.19/MicrosoftTeams.schema.json", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_check_rejects_a_manifest_the_schema_forbids()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var harness = NodeHarness.Folder();
        NodeHarness.RequirePackages(harness);
        var broken = Path.Combine(Directory.CreateTempSubdirectory("protectionbot-manifest-").FullName, "manifest.json");
        var original = await File.ReadAllTextAsync(RepositoryFiles.PathOf([.. TeamsApp, "manifest.json"]), cancellationToken);
        await File.WriteAllTextAsync(broken, original
            .Replace("\"manifestVersion\": \"1.19\",", "\"manifestVersion\": \"1.19\", \"notAManifestField\": true,", StringComparison.Ordinal), cancellationToken);

        var result = await NodeHarness.RunAsync("node", ["teams-manifest-check.js", broken], harness, TimeSpan.FromMinutes(1), cancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("additionalProperty", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_names_the_schema_version_it_follows()
    {
        var manifest = Manifest();

        Assert.Equal("1.19", manifest.GetProperty("manifestVersion").GetString());
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", manifest.GetProperty("$schema").GetString());
    }

    [Fact]
    public void The_manifest_rules_reject_what_teams_would_reject()
    {
        // Proves the rules are not vacuous: each broken copy of the real manifest must fail.
        string[] broken =
        [
            Replace("\"botId\": \"00000000-0000-0000-0000-000000000000\"", "\"botId\": \"not-a-guid\""),
            Replace("\"accentColor\": \"#1F4E79\",", ""),
            Replace("\"scopes\": [ \"team\", \"personal\" ]", "\"scopes\": [ \"team\", \"everywhere\" ]"),
            Replace("\"manifestVersion\": \"1.19\"", "\"manifestVersion\": \"1.19\", \"unknownProperty\": true"),
            Replace("\"websiteUrl\": \"https://", "\"websiteUrl\": \"ftp://"),
        ];

        Assert.All(broken, text => Assert.NotEmpty(TeamsManifestRules.Problems(JsonDocument.Parse(text).RootElement)));
    }

    [Fact]
    public void Bot_is_offered_in_the_team_and_personal_scopes()
    {
        var bot = Assert.Single(Manifest().GetProperty("bots").EnumerateArray());
        var scopes = bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList();

        Assert.Contains("team", scopes);
        Assert.Contains("personal", scopes);
        Assert.False(bot.GetProperty("isNotificationOnly").GetBoolean());
    }

    [Fact]
    public void Manifest_lists_valid_domains()
    {
        Assert.NotEmpty(Manifest().GetProperty("validDomains").EnumerateArray());
    }

    [Fact]
    public void Color_icon_is_a_192_pixel_square_png()
    {
        var icon = PngImage.Read(RepositoryFiles.PathOf([.. TeamsApp, IconPath("color")]));

        Assert.Equal((192, 192), (icon.Width, icon.Height));
    }

    [Fact]
    public void Outline_icon_is_a_32_pixel_white_on_transparent_png()
    {
        var icon = PngImage.Read(RepositoryFiles.PathOf([.. TeamsApp, IconPath("outline")]));
        var pixels = Enumerable.Range(0, icon.Height).SelectMany(y => Enumerable.Range(0, icon.Width).Select(x => icon.Pixel(x, y))).ToList();

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.True(icon.HasAlpha, "the outline icon needs an alpha channel");
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
    }

    [Fact]
    public async Task Package_script_fills_in_the_bot_and_zips_manifest_and_icons_at_the_root()
    {
        if (OperatingSystem.IsWindows())
            Assert.Skip("package.sh is a bash script; on Windows run it from WSL or Git Bash.");

        var output = Path.Combine(Path.GetTempPath(), $"protectionbot-teams-{Guid.NewGuid():N}.zip");
        const string appId = "12345678-90ab-cdef-1234-567890abcdef";
        try
        {
            var run = await NodeHarness.RunAsync(
                "bash",
                [RepositoryFiles.PathOf([.. TeamsApp, "package.sh"]), "--app-id", appId, "--domain", "https://bot-test.azurewebsites.net/", "--out", output],
                RepositoryFiles.Root,
                TimeSpan.FromMinutes(1),
                TestContext.Current.CancellationToken);
            Assert.True(run.ExitCode == 0, run.StandardError);

            await using var zip = await ZipFile.OpenReadAsync(output, TestContext.Current.CancellationToken);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            await using var stream = await zip.GetEntry("manifest.json")!.OpenAsync(TestContext.Current.CancellationToken);
            using var packaged = await JsonDocument.ParseAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
            var manifest = packaged.RootElement;
            Assert.Equal(appId, manifest.GetProperty("bots")[0].GetProperty("botId").GetString());
            Assert.Equal("bot-test.azurewebsites.net", Assert.Single(manifest.GetProperty("validDomains").EnumerateArray()).GetString());
            Assert.Empty(TeamsManifestRules.Problems(manifest));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Package_script_refuses_an_app_id_that_is_not_a_guid()
    {
        if (OperatingSystem.IsWindows())
            Assert.Skip("package.sh is a bash script; on Windows run it from WSL or Git Bash.");

        var run = await NodeHarness.RunAsync(
            "bash",
            [RepositoryFiles.PathOf([.. TeamsApp, "package.sh"]), "--app-id", "my-bot", "--domain", "bot-test.azurewebsites.net", "--out", Path.Combine(Path.GetTempPath(), "never-written.zip")],
            RepositoryFiles.Root,
            TimeSpan.FromMinutes(1),
            TestContext.Current.CancellationToken);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("GUID", run.StandardError, StringComparison.Ordinal);
    }

    private static JsonElement Manifest() => JsonDocument.Parse(RepositoryFiles.ReadText([.. TeamsApp, "manifest.json"])).RootElement;

    private static string IconPath(string kind) => Manifest().GetProperty("icons").GetProperty(kind).GetString()!;

    private static string Replace(string from, string to)
    {
        var text = RepositoryFiles.ReadText([.. TeamsApp, "manifest.json"]);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
