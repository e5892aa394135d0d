namespace ProtectionBot.Knowledge;

/// <summary>
/// The controlled vocabularies shared by the interview, the knowledge files and the recommendation rules.
/// Codes are kebab-case strings because caseworkers write them in YAML; loading refuses any code not listed here.
/// </summary>
internal static class KnowledgeCodes
{
    /// <summary>
    /// Who runs it: the UN, a regional system, the EU or OSCE, the Aarhus Convention's bodies (<c>UNECE-Aarhus</c>), a
    /// non-governmental organisation, or a State's own protection programme (<c>national</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> Systems = ["UN", "Inter-American", "African", "European", "EU", "OSCE", "UNECE-Aarhus", "NGO", "national"];

    /// <summary>What it does; <c>state protection programme</c> is a State's own scheme (risk study, escorts, relocation).</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "emergency-line", "emergency-grant", "relocation", "communication", "quasi-judicial", "judicial",
        "provisional-measures", "diplomatic", "advocacy", "capacity", "monitoring", "state protection programme",
    ];

    /// <summary>What is happening; the interview's multi-select offers exactly these.</summary>
    public static readonly IReadOnlyList<string> Situations =
    [
        "threats", "physical-attack", "arbitrary-detention", "criminalization", "enforced-disappearance",
        "killing-of-colleague", "torture", "sgbv", "digital-attack", "smear-campaign", "forced-displacement",
        "reprisal-un", "land-environment",
    ];

    /// <summary>Who the defender is and what they work on; <c>any</c> only appears in knowledge files.</summary>
    public static readonly IReadOnlyList<string> Profiles =
    [
        "any", "women", "indigenous", "afro-descendant", "lgbti", "land-environment", "journalist",
        "justice-operator", "trade-unionist", "organisation",
    ];

    public static readonly IReadOnlyList<string> Urgencies = ["immediate", "urgent", "long-term"];

    /// <summary>Regions used to choose a country from a list and to pick regional funds and trainings.</summary>
    public static readonly IReadOnlyList<string> Regions =
        ["americas", "africa", "middle-east-north-africa", "europe", "central-asia", "asia-pacific"];

    /// <summary>
    /// Memberships and treaty acceptances a mechanism can depend on:
    /// <c>oas</c> (IACHR), <c>iacthr</c> (accepted the Inter-American Court's jurisdiction), <c>african-charter</c>,
    /// <c>coe</c> (Council of Europe, ECtHR), <c>osce</c>, <c>eu</c> (EU member State), <c>ced</c> (party to the
    /// Convention on Enforced Disappearance), <c>cat-22</c> (CAT article 22 declaration), <c>ccpr-op1</c>, <c>aarhus</c>
    /// (party to the Aarhus Convention, under its Special Rapporteur on environmental defenders).
    /// </summary>
    public static readonly IReadOnlyList<string> Memberships =
        ["oas", "iacthr", "african-charter", "coe", "osce", "eu", "ced", "cat-22", "ccpr-op1", "aarhus"];
}
