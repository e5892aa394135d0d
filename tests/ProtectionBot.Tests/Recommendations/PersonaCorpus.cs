using ProtectionBot.Content;
using System.Globalization;
using ProtectionBot.Recommendations;
using YamlDotNet.RepresentationModel;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>
/// A persona of the corpus written by caseworkers from the catalogue (<c>Personas/{es,fr,en}.yaml</c>): the facts a
/// caseworker read from the person's answers, in the interview sheet's codes, and the routes they would give.
/// </summary>
/// <param name="Answers">What the person typed to each question of the sheet, in their own words.</param>
/// <param name="Opening">The person's first message.</param>
internal sealed record Persona(
    string Id, string Language, IReadOnlyDictionary<string, Fact> Facts, IReadOnlyList<string> ExpectedRoutes, IReadOnlyList<string> MustNot,
    IReadOnlyDictionary<string, string> Answers, string? Opening)
{
    public override string ToString() => Id;

    /// <summary>
    /// The facts as the recommendations read them. <c>none</c> among the situations is someone who only wants to learn;
    /// <c>prefer-not</c> and <c>unknown</c> are "not said" (null); a decision known by its month counts from the
    /// month's first day, the earliest its time limit can end.
    /// </summary>
    public CaseAnswers ToCaseAnswers()
    {
        var situations = Codes("situations");
        var publicity = One("publicity");
        var relocation = One("relocation");
        return new CaseAnswers
        {
            Language = One("language") ?? Language,
            InImmediateDanger = One("danger") == "yes",
            WantsPartnerNow = One("partner_now") == "yes",
            Country = One("country"),
            Situations = [.. situations.Where(s => s is not ("none" or "prefer-not"))],
            LearningOnly = situations.Contains("none"),
            AtRisk = One("at_risk"),
            Gender = One("gender"),
            Profiles = [.. Codes("profile").Where(p => p is not ("none" or "prefer-not"))],
            Urgency = One("danger") == "yes" ? "immediate" : One("urgency") ?? "urgent",
            Perpetrator = One("perpetrator"),
            NeedsRelocation = relocation == "needs-to-leave",
            AlreadyLeft = relocation == "already-left",
            FearsExposure = publicity == "no",
            AgreesToPublicity = publicity == "yes",
            DomesticRemedies = One("remedies"),
            FinalDecisionDate = DecisionDate(One("decision_date")),
            Started = One("started"),
        };
    }

    private string? One(string question) =>
        Facts.GetValueOrDefault(question) is { Values: [var code] } && code is not ("prefer-not" or "unknown" or "unclear") ? code : null;

    private IReadOnlyList<string> Codes(string question) => Facts.GetValueOrDefault(question)?.Values ?? [];

    private static DateOnly? DecisionDate(string? text) => text switch
    {
        null => null,
        { Length: 7 } month => DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary>A fact's codes: one for one-of questions, several for several-of questions.</summary>
internal sealed record Fact(IReadOnlyList<string> Values);

internal static class PersonaCorpus
{
    public static readonly IReadOnlyList<Persona> All = [.. Language.All.SelectMany(Read)];

    public static Persona Find(string id) => All.Single(p => p.Id == id);

    /// <summary>Every scalar read as a plain string: "yes", "no" and dates stay text, as the formats file asks.</summary>
    private static IEnumerable<Persona> Read(string language)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Recommendations", "Personas", language + ".yaml");
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
            yaml.Load(reader);
        foreach (var entry in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            var facts = ((YamlMappingNode)entry["facts"]).Children.ToDictionary(
                f => Text(f.Key),
                f => new Fact(f.Value is YamlSequenceNode list ? [.. list.Children.Select(Text)] : [Text(f.Value)]),
                StringComparer.Ordinal);
            var expect = (YamlMappingNode)entry["expect"];
            var answers = entry.Children.TryGetValue(new YamlScalarNode("answers"), out var typed) && typed is YamlMappingNode map
                ? map.Children.ToDictionary(a => Text(a.Key), a => Text(a.Value), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var opening = entry.Children.TryGetValue(new YamlScalarNode("opening"), out var first) ? Text(first) : null;
            yield return new Persona(Text(entry["id"]), language, facts, Texts(expect, "routes"), Texts(expect, "must_not"), answers, opening);
        }
    }

    private static IReadOnlyList<string> Texts(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode list ? [.. list.Children.Select(Text)] : [];

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";
}

/// <summary>
/// The corpus's pass rule: the first expected route in the results' top two; with four or five expected routes at most
/// one missing, with three none; no must-not route anywhere. The results are the ranked mechanisms, then the trainings.
/// </summary>
internal sealed record PersonaVerdict(bool Passed, string Explanation)
{
    public static PersonaVerdict Judge(Persona persona, IReadOnlyList<string> results)
    {
        var problems = new List<string>();
        var first = persona.ExpectedRoutes[0];
        if (!results.Take(2).Contains(first))
            problems.Add($"{first} is not in the top two");
        var missing = persona.ExpectedRoutes.Where(r => !results.Contains(r)).ToList();
        var allowed = persona.ExpectedRoutes.Count >= 4 ? 1 : 0;
        if (missing.Count > allowed)
            problems.Add($"missing {string.Join(", ", missing)} (at most {allowed} may be)");
        var forbidden = persona.MustNot.Where(results.Contains).ToList();
        if (forbidden.Count > 0)
            problems.Add($"must not give {string.Join(", ", forbidden)}");
        var explanation = $"{persona.Id}: expected [{string.Join(", ", persona.ExpectedRoutes)}], got [{string.Join(", ", results)}]"
            + (problems.Count == 0 ? "" : " — " + string.Join("; ", problems));
        return new PersonaVerdict(problems.Count == 0, explanation);
    }
}
