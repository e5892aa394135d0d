using YamlDotNet.RepresentationModel;

namespace ProtectionBot.Tests.Courses;

/// <summary>
/// A course question of the corpus (<c>Courses/Questions/*-{es,fr,en}.yaml</c>, format in docs/courses.md): what a
/// person typed, the course it is about ("any" when none is named), what it asks ("other": nothing the data answers,
/// so it goes to the staff; "none": not a course question at all), a country given with it, and facts the answer must state.
/// </summary>
internal sealed record CorpusQuestion(
    string Source, string Language, string Text, bool FirstMessage, string Course, string Asks, string? Country, IReadOnlyList<string> AnswerContains)
{
    public const string AnyCourse = "any";
    public const string Other = "other";
    public const string NotACourseQuestion = "none";

    public override string ToString() => $"{Source}: \"{Text}\" ({Asks}, {Course})";
}

internal static class CourseQuestionCorpus
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Courses", "Questions");

    /// <summary>Every question of every file of <paramref name="language"/>: the ones written here and the corpus written apart.</summary>
    public static IReadOnlyList<CorpusQuestion> In(string language) =>
        [.. Directory.GetFiles(Folder, $"*-{language}.yaml").Order(StringComparer.Ordinal).SelectMany(path => Read(path, language))];

    /// <summary>Every scalar read as a plain string: "true" and dates stay text, as the format asks.</summary>
    private static IEnumerable<CorpusQuestion> Read(string path, string language)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
            yaml.Load(reader);
        var file = Path.GetFileName(path);
        foreach (var entry in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            yield return new CorpusQuestion(
                $"{file}:{entry.Start.Line}", language, Text(entry, "text")!, Text(entry, "first_message") == "true", Text(entry, "course") ?? CorpusQuestion.AnyCourse,
                Text(entry, "asks")!, Text(entry, "country"),
                entry.Children.TryGetValue(new YamlScalarNode("answer_contains"), out var facts) && facts is YamlSequenceNode list
                    ? [.. list.Children.Select(f => ((YamlScalarNode)f).Value ?? "")]
                    : []);
        }
    }

    private static string? Text(YamlMappingNode entry, string key) =>
        entry.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
