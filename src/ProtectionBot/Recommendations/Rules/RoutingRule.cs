namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// A caseworker's routing rule from the catalogue (R1…R26): reads the facts and proposes mechanisms, each with the part
/// it plays, how soon it protects and why. The ranking (<see cref="RouteRanking"/>) is the same for every rule.
/// </summary>
internal abstract class RoutingRule
{
    /// <summary>The catalogue's number for the rule, shown to caseworkers (R1, R2…).</summary>
    public abstract string Id { get; }

    public abstract IEnumerable<RouteProposal> Propose(CaseFacts facts);

    /// <summary>A line to call right now (R1 only).</summary>
    protected RouteProposal DangerLine(string mechanismId, ReasonText reason) =>
        new(mechanismId, Id, ProposalKind.Route) { Role = RouteRole.DangerLine, Tier = RouteTier.Immediate, Action = RouteAction.Line, Reason = reason };

    /// <summary>The route this rule is made for: the first the catalogue names for the situation.</summary>
    protected RouteProposal ForTheSituation(string mechanismId, RouteTier tier, RouteAction action, ReasonText reason) =>
        new(mechanismId, Id, ProposalKind.Route) { Role = RouteRole.ForTheSituation, Tier = tier, Action = action, Reason = reason };

    /// <summary>A route that supports the ones made for the situation: money, diplomacy, alerts, monitoring.</summary>
    protected RouteProposal Supporting(string mechanismId, RouteTier tier, RouteAction action, ReasonText reason) =>
        new(mechanismId, Id, ProposalKind.Route) { Role = RouteRole.Supporting, Tier = tier, Action = action, Reason = reason };

    /// <summary>A note for a mechanism other rules chose; it never brings the mechanism into the list by itself.</summary>
    protected RouteProposal NoteIfChosen(string mechanismId, ReasonText note) =>
        new(mechanismId, Id, ProposalKind.Note) { Notes = [note] };

    /// <summary>Keeps a mechanism out of the list whatever other rules propose (it would be wrong or unsafe here).</summary>
    protected RouteProposal Exclude(string mechanismId) => new(mechanismId, Id, ProposalKind.Exclusion);

    protected static ReasonText Say(string key, params IReadOnlyList<string> arguments) => new(key, arguments);

    /// <summary>
    /// The UN Special Rapporteur on defenders (R4), which several rules name beside their own route: an urgent appeal
    /// while the harm goes on, a letter of allegation once it is over.
    /// </summary>
    protected RouteProposal DefendersRapporteur(CaseFacts facts) =>
        ForTheSituation(MechanismIds.RapporteurOnDefenders, facts.OngoingTier, RouteAction.Intervention,
            Say(facts.IsOngoing ? ReasonKeys.UrgentAppeal : ReasonKeys.AllegationLetter)) with { Fact = "un-sp-hrd" };

    /// <summary>The African Commission's Rapporteur on defenders (R14), which R5 and R13 also name in Africa.</summary>
    protected RouteProposal AfricanRapporteur(CaseFacts facts) =>
        Supporting(MechanismIds.AfricanRapporteurOnDefenders, facts.OngoingTier, RouteAction.Intervention,
            Say(facts.IsOngoing ? ReasonKeys.AfricaUrgentAppeal : ReasonKeys.AfricaLetter, facts.CountryName)) with { Fact = "achpr-sr-hrd" };

    /// <summary>
    /// The Urgent Action Fund's rapid grant (R9, R17), from the sister fund for the person's region. It is for women,
    /// trans and non-binary defenders: addressed to them when the person said so, with the condition stated when they
    /// did not say.
    /// </summary>
    protected RouteProposal UrgentActionFund(CaseFacts facts, RouteRole role)
    {
        var key = facts.WomenAndTransRoutes == GenderFit.IfWomanOrTrans ? ReasonKeys.UrgentActionFundIf
            : facts.IsTransOrNonBinary ? ReasonKeys.UrgentActionFundTrans
            : ReasonKeys.UrgentActionFundWomen;
        return new RouteProposal(MechanismIds.UrgentActionFund, Id, ProposalKind.Route)
        {
            Role = role, Tier = RouteTier.Urgent, Action = RouteAction.Intervention, Reason = Say(key, SisterFund(facts)), Fact = "uaf",
        };
    }

    /// <summary>
    /// The Urgent Action Fund has four sister funds by region; the global one takes everyone else, including the United
    /// States and Canada and people who did not say where they are.
    /// </summary>
    protected static string SisterFund(CaseFacts facts) => facts.Country switch
    {
        { Region: "africa" } => "Urgent Action Fund Africa",
        { Region: "asia-pacific" } => "Urgent Action Fund Asia & Pacific",
        { Region: "americas", Code: not ("US" or "CA") } => "Fondo de Acción Urgente de América Latina y el Caribe",
        _ => "Urgent Action Fund",
    };
}
