namespace ProtectionBot.Recommendations.Rules;

/// <summary>A caseworker's routing rule from the catalogue (R1…R21): reads the facts, proposes mechanisms with reasons.</summary>
internal abstract class RoutingRule
{
    /// <summary>The catalogue's number for the rule, shown to caseworkers (R1, R2…).</summary>
    public abstract string Id { get; }

    public abstract IEnumerable<RouteProposal> Propose(CaseFacts facts);

    protected RouteProposal Route(string mechanismId, RouteTier tier, string reasonKey, params IReadOnlyList<string> arguments) =>
        new(mechanismId, tier, Id, new ReasonText(reasonKey, arguments), []);

    protected RouteProposal Route(string mechanismId, RouteTier tier, ReasonText reason, params IReadOnlyList<ReasonText> notes) =>
        new(mechanismId, tier, Id, reason, notes);

    protected RouteProposal NoteIfChosen(string mechanismId, ReasonText note) =>
        new(mechanismId, RouteTier.LongTerm, Id, null, [note]);
}
