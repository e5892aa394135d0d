namespace ProtectionBot.Recommendations.Rules;

/// <summary>
/// One rule's suggestion of one mechanism. An annotation only adds its notes to a mechanism other rules chose: it never
/// brings a mechanism into the list by itself.
/// </summary>
internal sealed record RouteProposal(string MechanismId, RouteTier Tier, string Rule, ReasonText? Reason, IReadOnlyList<ReasonText> Notes)
{
    public bool IsAnnotation => Reason is null;
}
