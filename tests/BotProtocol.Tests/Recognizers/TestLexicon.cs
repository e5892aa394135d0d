using BotProtocol.Recognizers;

namespace BotProtocol.Tests.Recognizers;

/// <summary>A few words of each kind, passed in as an app passes its own (the bot reads them from its content).</summary>
internal static class TestLexicon
{
    public static Lexicon Words { get; } = new()
    {
        Shorthand = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["jvoudrais"] = ["je", "voudrais"], ["kelkun"] = ["quelqu", "un"], ["qqn"] = ["quelqu", "un"], ["g"] = ["j", "ai"],
            ["dunno"] = ["don", "t", "know"],
        },
        Unstemmed = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal) { ["fr"] = new HashSet<string>(StringComparer.Ordinal) { "violation", "passent" } },
        ReflexiveFollowers = new HashSet<string>(StringComparer.Ordinal) { "lo", "los", "le", "les", "pasen", "vea" },
    };
}
