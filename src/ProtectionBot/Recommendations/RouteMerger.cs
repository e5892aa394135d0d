using System.Globalization;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations.Rules;

namespace ProtectionBot.Recommendations;

/// <summary>A mechanism with everything the rules said about it, ready to be ranked.</summary>
internal sealed record MergedRoute(Mechanism Mechanism, Recommendation Recommendation, RouteGroup Group, Deadline Deadline, RouteAction Action, int FirstProposal);

/// <summary>
/// One route per mechanism. The rules' exclusions apply first (Front Line Defenders grants for someone in exile, R18;
/// public alerts without the person's explicit yes, R24). Then the route's reasons say each fact once: the sentence of
/// the rule that explains it best (made for the situation before supporting, then the catalogue's order), the shorter
/// "also" sentence of every other rule that adds a fact, each addressed to whoever is writing. Last come the notes every
/// route gets: coverage to check, R23 language, R24 publicity.
/// </summary>
internal static class RouteMerger
{
    public static IReadOnlyList<MergedRoute> Merge(IReadOnlyList<RouteProposal> proposals, CaseFacts facts, IReadOnlyDictionary<string, Mechanism> mechanisms)
    {
        var excluded = proposals.Where(p => p.Kind == ProposalKind.Exclusion).Select(p => p.MechanismId).ToHashSet(StringComparer.Ordinal);
        var routes = proposals
            .Select((proposal, index) => (proposal, index))
            .Where(p => p.proposal.Kind == ProposalKind.Route && !excluded.Contains(p.proposal.MechanismId) && PublicityAllows(p.proposal, facts))
            .ToList();
        return
        [
            .. routes.GroupBy(p => p.proposal.MechanismId, StringComparer.Ordinal).Select(forMechanism =>
            {
                var ordered = forMechanism.OrderBy(p => p.proposal.Role).Select(p => p.proposal).ToList();
                var mechanism = mechanisms[forMechanism.Key];
                var group = ordered.Min(GroupOf);
                var notes = proposals.Where(p => p.MechanismId == forMechanism.Key && p.Kind != ProposalKind.Exclusion).SelectMany(p => p.Notes)
                    .Concat(GeneralNotes(mechanism, facts, ordered.Any(p => p.IsPublic)));
                var recommendation = new Recommendation(forMechanism.Key, TierOf(group))
                {
                    Group = group,
                    Rules = [.. ordered.Select(p => p.Rule).Distinct(StringComparer.Ordinal).OrderBy(RuleNumber)],
                    Reasons = Addressed(Reasons(ordered), facts.Addressee),
                    Notes = Addressed(Distinct(notes), facts.Addressee),
                };
                return new MergedRoute(mechanism, recommendation, group, ordered.Min(p => p.Deadline), ordered.Min(p => p.Action), forMechanism.Min(p => p.index));
            }),
        ];
    }

    /// <summary>R24: a public route needs the person's explicit yes and is never offered to someone who fears exposure.</summary>
    private static bool PublicityAllows(RouteProposal proposal, CaseFacts facts) =>
        !proposal.IsPublic || (facts.Answers.AgreesToPublicity && !facts.Answers.FearsExposure);

    private static RouteGroup GroupOf(RouteProposal proposal) => proposal switch
    {
        { Role: RouteRole.DangerLine } => RouteGroup.DangerLine,
        { Tier: RouteTier.LongTerm } => RouteGroup.LongTerm,
        { Role: RouteRole.ForTheSituation } => RouteGroup.ForTheSituation,
        _ => RouteGroup.Supporting,
    };

    /// <summary>The card's headings follow the ranking: lines to call now, what to do in the coming days, the long run.</summary>
    private static RouteTier TierOf(RouteGroup group) => group switch
    {
        RouteGroup.DangerLine => RouteTier.Immediate,
        RouteGroup.LongTerm => RouteTier.LongTerm,
        _ => RouteTier.Urgent,
    };

    private static int RuleNumber(string rule) => int.Parse(rule.AsSpan(1), CultureInfo.InvariantCulture);

    /// <summary>The leading rule's sentence, then each other fact once, then the further facts rules always add.</summary>
    private static IReadOnlyList<ReasonText> Reasons(List<RouteProposal> ordered)
    {
        var lead = ordered[0];
        var told = new HashSet<string>(StringComparer.Ordinal) { lead.FactKey };
        var reasons = new List<ReasonText> { lead.Reason! };
        foreach (var other in ordered.Skip(1))
        {
            if (told.Add(other.FactKey) && other.Also is { } also)
                reasons.Add(also);
        }
        reasons.AddRange(ordered.Select(p => p.Extra).OfType<ReasonText>());
        return Distinct(reasons);
    }

    private static IEnumerable<ReasonText> GeneralNotes(Mechanism mechanism, CaseFacts facts, bool isPublic)
    {
        if (Coverage.IsUncertain(mechanism, facts.Country))
            yield return new ReasonText(ReasonKeys.CheckCoverage);
        if (LanguageNote(mechanism, facts.Language) is { } language)
            yield return language;
        if (isPublic)
            yield return new ReasonText(ReasonKeys.PublicAgreed);
        else if (facts.Answers.FearsExposure && IsConfidentialUnCommunication(mechanism))
            yield return new ReasonText(ReasonKeys.SourceKeptConfidential);
    }

    /// <summary>
    /// R23. A mechanism that does not take the person's language stays in the list (it may still be the right one), but
    /// says so and that a partner can help. "any" is how the data writes "any language" (the Urgent Action Fund); an
    /// empty list means nobody confirmed the languages.
    /// </summary>
    private static ReasonText? LanguageNote(Mechanism mechanism, string language)
    {
        if (AcceptsLanguage(mechanism, language))
            return null;
        if (mechanism.Languages.Count == 0)
            return new ReasonText(ReasonKeys.LanguageUnconfirmed);
        return new ReasonText(ReasonKeys.LanguageNotAccepted, LanguageNames(mechanism.Languages));
    }

    public static bool AcceptsLanguage(Mechanism mechanism, string language) =>
        mechanism.Languages.Contains(language) || mechanism.Languages.Contains("any");

    /// <summary>"English, français, العربية": each language named as its speakers write it, whatever the bot's language.</summary>
    public static string LanguageNames(IEnumerable<string> codes) => string.Join(", ", codes.Select(NativeName));

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

    private static bool IsConfidentialUnCommunication(Mechanism mechanism) =>
        mechanism.System == "UN" && mechanism.Kinds.Contains("communication");

    private static IReadOnlyList<ReasonText> Addressed(IEnumerable<ReasonText> texts, Addressee addressee) =>
        [.. texts.Select(t => t with { Key = ReasonKeys.For(t.Key, addressee) })];

    private static IReadOnlyList<ReasonText> Distinct(IEnumerable<ReasonText> texts) =>
        [.. texts.DistinctBy(t => (t.Key, string.Join('\u001f', t.Arguments)))];
}
