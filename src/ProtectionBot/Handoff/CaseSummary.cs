using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Handoff;

/// <summary>Who reads a case summary: the defender before agreeing to share it, or a caseworker receiving it.</summary>
internal enum SummaryReader
{
    Defender,
    Caseworker,
}

/// <summary>
/// A case in words, one line per answer: the defender is shown these lines before they agree, and the caseworker
/// receives the same facts, line for line, so what is shared is what was shown. Only the voice differs: the defender
/// reads "Your description" and their own answer ("Me"); the caseworker reads "Description by the person" and "The
/// person themselves" (<c>handoff.case.*</c> texts, where a line or label needs other words).
/// </summary>
internal sealed class CaseSummary(TextCatalog texts, CountryCatalog countries, KnowledgeBase knowledge)
{
    public IReadOnlyList<string> Lines(CaseAnswers answers, IReadOnlyList<string> mechanisms, string language, SummaryReader reader = SummaryReader.Defender)
    {
        string Line(string name, params object?[] arguments) =>
            texts.Get(language, reader == SummaryReader.Caseworker && texts.Has($"handoff.case.{name}") ? $"handoff.case.{name}" : $"handoff.summary.{name}", arguments);

        var lines = new List<string> { Line("language", texts.Get(answers.Language, "language.name")) };
        if (answers.InImmediateDanger)
            lines.Add(Line("danger"));
        if (answers.Country is { } code && countries.Find(code) is { } country)
            lines.Add(Line("country", country.Name.In(language)));
        if (answers.Situations.Count > 0)
            lines.Add(Line("situations", Labels(language, reader, "situation", answers.Situations)));
        if (answers.AtRisk is { } atRisk)
            lines.Add(Line("at_risk", Label(language, reader, "at_risk", atRisk)));
        if (Labels(language, reader, "profile", answers.Profiles) is { Length: > 0 } profiles)
            lines.Add(Line("profile", profiles));
        // An urgency not asked yet (a person who asked for someone before that question) has no label and no line.
        if (!answers.InImmediateDanger && answers.Urgency != "immediate" && texts.Has($"interview.urgency.{answers.Urgency}"))
            lines.Add(Line("urgency", Label(language, reader, "urgency", answers.Urgency)));
        if (answers.DomesticRemedies is { } remedies)
            lines.Add(Line("remedies", Label(language, reader, "remedies", remedies)));
        if (answers.Started is { } started)
            lines.Add(Line("started", Label(language, reader, "started", started)));
        lines.Add(answers.Description is { Length: > 0 } description ? Line("description", description) : Line("no_description"));
        var names = mechanisms.Select(id => knowledge.Mechanisms.TryGetValue(id, out var m) ? m.Name.In(language) : null).OfType<string>().ToList();
        if (names.Count > 0)
            lines.Add(Line("mechanisms", string.Join("; ", names)));
        return lines;
    }

    /// <summary>The lines a caseworker receives about how to reach the person; none when they stay anonymous.</summary>
    public IReadOnlyList<string> ContactLines(SharedContact? contact, string language)
    {
        var lines = new List<string>();
        if (contact?.Name is { Length: > 0 } name)
            lines.Add(texts.Get(language, "handoff.card.contact_name", name));
        if (contact?.Number is { Length: > 0 } number)
            lines.Add(texts.Get(language, "handoff.card.contact_number", number));
        return lines;
    }

    private string Label(string language, SummaryReader reader, string question, string code) =>
        texts.Get(language, reader == SummaryReader.Caseworker && texts.Has($"handoff.case.{question}.{code}") ? $"handoff.case.{question}.{code}" : $"interview.{question}.{code}");

    private string Labels(string language, SummaryReader reader, string question, IEnumerable<string> codes) =>
        // Codes the rules derive (an organisation at risk becomes a profile) have no question label of their own.
        string.Join(", ", codes.Where(code => texts.Has($"interview.{question}.{code}")).Select(code => Label(language, reader, question, code)));
}
