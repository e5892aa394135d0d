namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// Finds files by their place in the repository, so the tests judge the files a partner would deploy or npm would
/// install, and not a copy made at build time.
/// </summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtectionBot.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"ProtectionBot.sln not found above {AppContext.BaseDirectory}.");
    }
}
