using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Handoff;

/// <summary>
/// A case in words, one line per answer, with the interview's own labels: the defender is shown exactly these lines
/// before they agree, and the caseworker's card carries the same lines, so what is shared is what was shown.
/// </summary>
public sealed class CaseSummary(TextCatalog texts, CountryCatalog countries, KnowledgeBase knowledge)
{
    public IReadOnlyList<string> Lines(CaseAnswers answers, IReadOnlyList<string> mechanisms, string language)
    {
        var lines = new List<string> { texts.Get(language, "handoff.summary.language", texts.Get(answers.Language, "language.name")) };
        if (answers.InImmediateDanger)
            lines.Add(texts.Get(language, "handoff.summary.danger"));
        if (answers.Country is { } code && countries.Find(code) is { } country)
            lines.Add(texts.Get(language, "handoff.summary.country", country.Name.In(language)));
        if (answers.Situations.Count > 0)
            lines.Add(texts.Get(language, "handoff.summary.situations", Labels(language, "interview.situation", answers.Situations)));
        if (answers.AtRisk is { } atRisk)
            lines.Add(texts.Get(language, "handoff.summary.at_risk", texts.Get(language, $"interview.at_risk.{atRisk}")));
        if (Labels(language, "interview.profile", answers.Profiles) is { Length: > 0 } profiles)
            lines.Add(texts.Get(language, "handoff.summary.profile", profiles));
        if (!answers.InImmediateDanger && answers.Urgency != "immediate")
            lines.Add(texts.Get(language, "handoff.summary.urgency", texts.Get(language, $"interview.urgency.{answers.Urgency}")));
        if (answers.DomesticRemedies is { } remedies)
            lines.Add(texts.Get(language, "handoff.summary.remedies", texts.Get(language, $"interview.remedies.{remedies}")));
        if (answers.Started is { } started)
            lines.Add(texts.Get(language, "handoff.summary.started", texts.Get(language, $"interview.started.{started}")));
        lines.Add(answers.Description is { Length: > 0 } description
            ? texts.Get(language, "handoff.summary.description", description)
            : texts.Get(language, "handoff.summary.no_description"));
        var names = mechanisms.Select(id => knowledge.Mechanisms.TryGetValue(id, out var m) ? m.Name.In(language) : null).OfType<string>().ToList();
        if (names.Count > 0)
            lines.Add(texts.Get(language, "handoff.summary.mechanisms", string.Join("; ", names)));
        return lines;
    }

    private string Labels(string language, string question, IEnumerable<string> codes) =>
        // Codes the rules derive (an organisation at risk becomes a profile) have no question label of their own.
        string.Join(", ", codes.Where(code => texts.Has($"{question}.{code}")).Select(code => texts.Get(language, $"{question}.{code}")));
}
