using ProtectionBot.Knowledge;

namespace ProtectionBot.Interview;

/// <summary>The codes each question offers, in the order they are shown; their labels are texts under the question's key.</summary>
internal static class InterviewChoices
{
    public const string NoProfile = "none";

    /// <summary>Every situation but <c>land-environment</c>, which people name as their work (a profile), not as what happens.</summary>
    public static readonly IReadOnlyList<string> Situations = [.. KnowledgeCodes.Situations.Where(s => s != "land-environment")];

    public static readonly IReadOnlyList<string> AtRisk = ["self", "someone-else", "organisation"];

    public static readonly IReadOnlyList<string> Profiles =
        ["women", "indigenous", "afro-descendant", "lgbti", "land-environment", "journalist", "justice-operator", "trade-unionist", NoProfile];

    /// <summary>Immediate danger has its own question, asked first.</summary>
    public static readonly IReadOnlyList<string> Urgencies = ["urgent", "long-term"];

    public static readonly IReadOnlyList<string> Remedies = ["not-approached", "pending", "exhausted"];

    public static readonly IReadOnlyList<string> Started = ["days", "weeks", "months", "years"];
}
