using System.Globalization;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations.Rules;

namespace ProtectionBot.Recommendations;

/// <summary>
/// One recommendation per mechanism: the rules that chose it, every distinct reason, the most urgent tier any rule
/// gave it, then the notes every route gets (coverage to check, R23 language, R24 publicity).
/// </summary>
internal static class RouteMerger
{
    public static IReadOnlyList<Recommendation> Merge(IEnumerable<RouteProposal> proposals, CaseFacts facts, IReadOnlyDictionary<string, Mechanism> mechanisms)
    {
        var all = proposals.ToList();
        var chosen = all.Where(p => !p.IsAnnotation).Select(p => p.MechanismId).Distinct(StringComparer.Ordinal);
        return
        [
            .. chosen.Select(id =>
            {
                var forMechanism = all.Where(p => p.MechanismId == id).ToList();
                var routes = forMechanism.Where(p => !p.IsAnnotation).ToList();
                var mechanism = mechanisms[id];
                return new Recommendation(id, routes.Min(p => p.Tier))
                {
                    Rules = [.. routes.Select(p => p.Rule).Distinct(StringComparer.Ordinal)],
                    Reasons = Distinct(routes.Select(p => p.Reason!)),
                    Notes = Distinct(forMechanism.SelectMany(p => p.Notes).Concat(GeneralNotes(mechanism, facts))),
                };
            }),
        ];
    }

    private static IEnumerable<ReasonText> GeneralNotes(Mechanism mechanism, CaseFacts facts)
    {
        if (Coverage.IsUncertain(mechanism, facts.Country))
            yield return new ReasonText(ReasonKeys.CheckCoverage);
        if (LanguageNote(mechanism, facts.Language) is { } language)
            yield return language;
        foreach (var note in PublicityNotes(mechanism, facts))
            yield return note;
    }

    /// <summary>
    /// R23. A mechanism that does not take the person's language stays in the list (it may still be the right one), but
    /// says so and that a partner can help; ranking puts equivalents in their language first. "any" is how the data
    /// writes "any language" (the Urgent Action Fund); an empty list means nobody confirmed the languages.
    /// </summary>
    private static ReasonText? LanguageNote(Mechanism mechanism, string language)
    {
        if (AcceptsLanguage(mechanism, language))
            return null;
        if (mechanism.Languages.Count == 0)
            return new ReasonText(ReasonKeys.LanguageUnconfirmed);
        return new ReasonText(ReasonKeys.LanguageNotAccepted, string.Join(", ", mechanism.Languages.Select(NativeName)));
    }

    public static bool AcceptsLanguage(Mechanism mechanism, string language) =>
        mechanism.Languages.Contains(language) || mechanism.Languages.Contains("any");

    /// <summary>"English", "français", "العربية": each language named as its speakers write it, whatever the bot's language.</summary>
    private static string NativeName(string code)
    {
        try
        {
            return CultureInfo.GetCultureInfo(code).NativeName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    /// <summary>
    /// R24. Public alerts can put a defender in more danger, so they are always marked as needing explicit consent, and
    /// when the person fears exposure they come after the confidential routes (ranking puts them last) and the UN
    /// communications say the source stays confidential.
    /// </summary>
    private static IEnumerable<ReasonText> PublicityNotes(Mechanism mechanism, CaseFacts facts)
    {
        var fearsExposure = facts.Answers.FearsExposure;
        if (MechanismIds.PublicAlerts.Contains(mechanism.Id))
            yield return new ReasonText(fearsExposure ? ReasonKeys.PublicAfterConfidential : ReasonKeys.PublicOnlyWithConsent);
        else if (fearsExposure && IsConfidentialUnCommunication(mechanism))
            yield return new ReasonText(ReasonKeys.SourceKeptConfidential);
    }

    private static bool IsConfidentialUnCommunication(Mechanism mechanism) =>
        mechanism.System == "UN" && mechanism.Kinds.Contains("communication");

    private static IReadOnlyList<ReasonText> Distinct(IEnumerable<ReasonText> texts) =>
        [.. texts.DistinctBy(t => (t.Key, string.Join('\u001f', t.Arguments)))];
}
