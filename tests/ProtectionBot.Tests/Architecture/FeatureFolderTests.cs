using System.Text;
using System.Text.RegularExpressions;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Architecture;

/// <summary>
/// The app's feature folders (Content, Knowledge, Interview, Handoff…) use each other in one direction only, so each
/// can be read, tested and changed knowing the folders below it and none above. What a file uses is read from its
/// source as the compiler names it: using directives, names qualified from <c>ProtectionBot.</c>, and names qualified
/// from a sibling namespace (<c>Knowledge.PhoneNumber</c>). Constants and <c>nameof</c> count, which the compiled
/// assembly would no longer show; comments and strings do not.
/// </summary>
public sealed partial class FeatureFolderTests
{
    private static readonly string App = RepositoryFiles.PathOf("src", "ProtectionBot");

    [Fact]
    public void No_feature_folder_depends_on_itself_through_others()
    {
        var uses = Uses();

        var cycles = Cycles(uses.ToDictionary(u => u.Key, u => (IReadOnlyCollection<string>)u.Value.Keys));

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(cycle =>
            "Feature folders in a cycle: " + string.Join(", ", cycle) + "\n" + string.Join("\n",
                from user in cycle from used in uses[user].Keys where cycle.Contains(used)
                select $"  {user} → {used}: {string.Join(", ", uses[user][used].Order(StringComparer.Ordinal))}"))));
    }

    [Fact]
    public void Every_file_is_in_the_namespace_of_its_folder()
    {
        var misplaced =
            from file in SourceFiles()
            let folder = Path.GetDirectoryName(Path.GetRelativePath(App, file))!.Replace(Path.DirectorySeparatorChar, '.')
            let declared = NamespaceDeclaration().Match(File.ReadAllText(file))
            where !declared.Success || declared.Groups[1].Value != $"ProtectionBot.{folder}"
            select Path.GetRelativePath(App, file);

        Assert.Empty(misplaced);
    }

    [Fact]
    public void The_check_finds_a_cycle_however_long_and_only_a_cycle()
    {
        var layered = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Conversation"] = ["Interview", "Handoff", "Content"],
            ["Interview"] = ["Handoff", "Content"],
            ["Handoff"] = ["Content"],
            ["Content"] = [],
        };
        var looped = new Dictionary<string, IReadOnlyCollection<string>>(layered) { ["Content"] = ["Conversation"] };

        Assert.Empty(Cycles(layered));
        Assert.Equal(["Content", "Conversation", "Handoff", "Interview"], Assert.Single(Cycles(looped)).Order(StringComparer.Ordinal));
    }

    /// <summary>For each feature folder, the other folders its files use, and which files use each.</summary>
    private static Dictionary<string, Dictionary<string, HashSet<string>>> Uses()
    {
        var files = SourceFiles().ToList();
        var features = files.Select(FeatureOf).ToHashSet(StringComparer.Ordinal);
        var uses = features.ToDictionary(f => f, _ => new Dictionary<string, HashSet<string>>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var file in files)
        {
            var feature = FeatureOf(file);
            var code = NamespaceDeclaration().Replace(CodeOnly(File.ReadAllText(file)), "");
            var named = QualifiedFromApp().Matches(code).Select(m => m.Groups[1].Value)
                .Concat(QualifiedFromSibling().Matches(code).Select(m => m.Groups[1].Value));
            foreach (var other in named.Where(n => n != feature && features.Contains(n)))
            {
                if (!uses[feature].TryGetValue(other, out var by))
                    uses[feature][other] = by = new HashSet<string>(StringComparer.Ordinal);
                by.Add(Path.GetFileName(file));
            }
        }
        return uses;
    }

    /// <summary>The strongly connected groups of more than one folder (Tarjan): each holds at least one cycle.</summary>
    private static List<List<string>> Cycles(IReadOnlyDictionary<string, IReadOnlyCollection<string>> uses)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in uses.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }
            if (low[node] != index[node])
                return;
            var group = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                group.Add(member);
            }
            while (member != node);
            if (group.Count > 1)
                cycles.Add(group);
        }

        foreach (var node in uses.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
                Visit(node);
        }
        return cycles;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateDirectories(App)
            .Where(d => Path.GetFileName(d) is not ("bin" or "obj"))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FeatureOf(string file) => Path.GetRelativePath(App, file).Split(Path.DirectorySeparatorChar)[0];

    /// <summary>The source with comments, strings and characters blanked out, so that only code names anything.</summary>
    private static string CodeOnly(string source)
    {
        var code = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < source.Length && source[i] != '\n')
                    i++;
                code.Append('\n');
            }
            else if (c == '/' && next == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 1;
                code.Append(' ');
            }
            else if (c == '"' && source.AsSpan(i).StartsWith("\"\"\""))
            {
                var end = source.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 2;
                code.Append("\"\"");
            }
            else if (c is '"' or '\'')
            {
                var verbatim = i > 0 && (source[i - 1] == '@' || (source[i - 1] == '$' && i > 1 && source[i - 2] == '@'));
                for (i++; i < source.Length && source[i] != c; i++)
                {
                    if (source[i] == '\\' && !verbatim)
                        i++;
                    else if (verbatim && source[i] == '"' && i + 1 < source.Length && source[i + 1] == '"')
                        i++;
                }
                code.Append(c).Append(c);
            }
            else
            {
                code.Append(c);
            }
        }
        return code.ToString();
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    /// <summary><c>using ProtectionBot.Handoff;</c>, <c>ProtectionBot.Handoff.PartnerRouter</c>: the folder after the app's name.</summary>
    [GeneratedRegex(@"\bProtectionBot\.(\w+)")]
    private static partial Regex QualifiedFromApp();

    /// <summary><c>Knowledge.PhoneNumber</c> written inside <c>ProtectionBot.Channels</c>: a sibling namespace, not a member access.</summary>
    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.[A-Z]")]
    private static partial Regex QualifiedFromSibling();
}
