using System.Text.RegularExpressions;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Deployment;

/// <summary>
/// Images cannot be pulled on the test machines, so the Dockerfile is read as text: its stages, what the final
/// stage runs as, and that it bakes in no secret.
/// </summary>
public sealed partial class ContainerImageTests
{
    private sealed record Instruction(string Keyword, string Arguments);

    private sealed record Stage(string Image, string? Name, List<Instruction> Instructions);

    private static readonly List<Stage> Stages = Parse(RepositoryFiles.ReadText("Dockerfile"));

    [Fact]
    public void Image_is_built_in_an_sdk_stage_and_runs_on_the_aspnet_runtime()
    {
        Assert.True(Stages.Count >= 2, "the Dockerfile should be multi-stage");
        var build = Stages[0];
        var final = Stages[^1];

        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", build.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", final.Image);
        Assert.Contains(build.Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish src/ProtectionBot/ProtectionBot.csproj", StringComparison.Ordinal));
        Assert.Contains(final.Instructions, i => i.Keyword == "COPY" && i.Arguments.StartsWith($"--from={build.Name} ", StringComparison.Ordinal));
        Assert.DoesNotContain(final.Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_stage_copies_the_content_folders_the_csproj_publishes()
    {
        var copies = Stages[0].Instructions.Where(i => i.Keyword == "COPY").Select(i => i.Arguments).ToList();

        Assert.All(new[] { "src/", "dialogs/", "cards/", "knowledge/" }, folder => Assert.Contains(copies, c => c.StartsWith(folder + " ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Final_stage_runs_as_a_non_root_user()
    {
        var user = Assert.Single(Stages[^1].Instructions, i => i.Keyword == "USER").Arguments;
        var last = Stages[^1].Instructions.FindLastIndex(i => i.Keyword == "USER");

        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        Assert.Equal("ENTRYPOINT", Stages[^1].Instructions[^1].Keyword);
        Assert.True(last < Stages[^1].Instructions.Count - 1, "USER must come before the entry point");
        // A RUN after USER would fail for lack of rights at build time, and a chown then would be silently missing.
        Assert.DoesNotContain(Stages[^1].Instructions.Skip(last + 1), i => i.Keyword == "RUN");
    }

    [Fact]
    public void Final_stage_listens_on_port_8080()
    {
        var final = Stages[^1].Instructions;

        Assert.Contains(final, i => i.Keyword == "EXPOSE" && i.Arguments.Split(' ').Contains("8080"));
        Assert.Contains(final, i => i.Keyword == "ENV" && i.Arguments.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
    }

    [Fact]
    public void No_secret_is_baked_into_the_image()
    {
        var declared = Stages.SelectMany(s => s.Instructions)
            .Where(i => i.Keyword is "ENV" or "ARG" or "LABEL")
            .SelectMany(i => EnvName().Matches(i.Arguments).Select(m => m.Groups[1].Value))
            .ToList();

        Assert.NotEmpty(declared);
        Assert.DoesNotContain(declared, name => SecretWord().IsMatch(name));
        Assert.DoesNotContain(Stages.SelectMany(s => s.Instructions), i => i.Keyword == "COPY" && i.Arguments.Contains("appsettings.Development", StringComparison.Ordinal));
    }

    [Fact]
    public void Docker_context_leaves_out_build_outputs_packages_and_git()
    {
        var ignored = RepositoryFiles.ReadText(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.All(new[] { "**/bin/", "**/obj/", "**/node_modules/", ".git", "**/TestResults/", "**/.data/" }, entry => Assert.Contains(entry, ignored));
    }

    private static List<Stage> Parse(string dockerfile)
    {
        var stages = new List<Stage>();
        var logical = new List<string>();
        var pending = "";
        foreach (var rawLine in dockerfile.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line)))
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            logical.Add((pending + line).Trim());
            pending = "";
        }

        foreach (var line in logical)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = line[..space].ToUpperInvariant();
            var arguments = Regex.Replace(line[(space + 1)..], @"\s+", " ").Trim();
            if (keyword == "FROM")
            {
                var parts = arguments.Split(' ');
                stages.Add(new Stage(parts[0], parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null, []));
                continue;
            }
            Assert.True(stages.Count > 0, $"'{line}' comes before the first FROM");
            stages[^1].Instructions.Add(new Instruction(keyword, arguments));
        }
        return stages;
    }

    [GeneratedRegex(@"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvName();

    [GeneratedRegex("(?i)password|secret|token|key|connectionstring")]
    private static partial Regex SecretWord();
}
