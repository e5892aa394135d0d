using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;
using Microsoft.Extensions.Time.Testing;
using static ProtectionBot.Tests.Recommendations.KnowledgeBuilders;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>
/// The catalogue's mechanisms, countries and trainings reduced to what the rules read, with the catalogue's ids, so a
/// test reads like the case a caseworker would see.
/// </summary>
internal static class Catalogue
{
    private static readonly string[] Un = ["es", "fr", "en"];

    public static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, Mechanism> Mechanisms() => new[]
    {
        Mechanism("fld-emergency-line", kinds: ["emergency-line"], languages: ["ar", "en", "fr", "ru", "es"]),
        Mechanism("fld-protection-grants", kinds: ["emergency-grant"], situations: ["threats", "physical-attack", "criminalization", "arbitrary-detention", "digital-attack"],
            languages: ["ar", "ru", "en", "fr", "es", "fa", "pt", "zh", "tr"]),
        Mechanism("protectdefenders-eu", kinds: ["emergency-line", "emergency-grant", "relocation"], languages: ["ar", "en", "fr", "ru", "es"]),
        Mechanism("uaf-rapid-response", kinds: ["emergency-grant"], situations: ["threats", "physical-attack", "sgbv", "criminalization", "forced-displacement", "smear-campaign"],
            profiles: ["women", "lgbti"], languages: ["any"]),
        Mechanism("lifeline-cso-fund", kinds: ["emergency-grant"], situations: ["criminalization", "arbitrary-detention", "physical-attack", "threats"],
            profiles: ["organisation"], languages: ["en"]),
        Mechanism("observatory-fidh-omct", kinds: ["advocacy", "monitoring"], languages: ["fr", "en", "es"]),
        Mechanism("amnesty-urgent-action", kinds: ["advocacy"], languages: ["en", "es", "fr", "ar"]),
        Mechanism("access-now-helpline", kinds: ["emergency-line"], situations: ["digital-attack"], languages: ["en", "es", "fr"]),
        Mechanism("ddp-digital-defenders", kinds: ["emergency-grant"], covers: ["americas", "africa", "asia-pacific", "central-asia"], situations: ["digital-attack"], languages: ["en"]),
        Mechanism("protection-international", kinds: ["capacity"], situations: ["threats", "criminalization", "land-environment"]),
        Mechanism("apf-nhri", kinds: ["capacity"], covers: ["asia-pacific"], languages: ["en"]),
        Mechanism("un-sp-hrd", "UN", ["communication"], situations: ["threats", "physical-attack", "killing-of-colleague", "arbitrary-detention", "criminalization",
            "smear-campaign", "digital-attack", "forced-displacement", "reprisal-un", "land-environment"], languages: Un),
        Mechanism("un-sp-torture", "UN", ["communication"], situations: ["torture", "arbitrary-detention"], languages: Un),
        Mechanism("un-sp-vaw", "UN", ["communication"], situations: ["sgbv", "threats", "physical-attack", "smear-campaign"], profiles: ["women"], languages: Un),
        Mechanism("un-sp-wgad", "UN", ["quasi-judicial", "communication"], situations: ["arbitrary-detention", "criminalization"], languages: Un),
        Mechanism("un-sp-fox", "UN", ["communication"], situations: ["criminalization", "smear-campaign", "digital-attack"], profiles: ["journalist"], languages: Un),
        Mechanism("un-sp-executions", "UN", ["communication"], situations: ["killing-of-colleague", "threats"], languages: Un),
        Mechanism("un-sp-wgeid", "UN", ["communication"], situations: ["enforced-disappearance"], languages: Un),
        Mechanism("un-tb-ccpr", "UN", ["quasi-judicial"], covers: ["ccpr-op1"], languages: []),
        Mechanism("un-tb-cat", "UN", ["quasi-judicial"], covers: ["cat-22"], situations: ["torture"], languages: []),
        Mechanism("un-tb-ced-urgent-action", "UN", ["provisional-measures"], covers: ["ced"], situations: ["enforced-disappearance"], languages: []),
        Mechanism("un-reprisals-asg", "UN", ["advocacy", "monitoring"], situations: ["reprisal-un"], languages: ["ar", "zh", "en", "fr", "ru", "es"]),
        Mechanism("iachr-precautionary-measures", "Inter-American", ["provisional-measures"], covers: ["oas"],
            situations: ["threats", "physical-attack", "killing-of-colleague", "enforced-disappearance", "torture", "sgbv", "land-environment", "forced-displacement"],
            languages: ["es", "en", "pt", "fr"]),
        Mechanism("iachr-petitions", "Inter-American", ["quasi-judicial"], covers: ["oas"], languages: ["es", "en", "pt", "fr"]),
        Mechanism("iacthr-provisional-measures", "Inter-American", ["judicial", "provisional-measures"], covers: ["iacthr"], languages: ["es", "en", "pt", "fr"]),
        Mechanism("achpr-sr-hrd", "African", ["communication", "advocacy"], covers: ["african-charter"], languages: ["en", "fr", "pt", "ar", "sw", "es"]),
        Mechanism("achpr-communications", "African", ["quasi-judicial"], covers: ["african-charter"], languages: ["en", "fr", "pt", "ar", "sw", "es"]),
        Mechanism("ecthr-rule39", "European", ["judicial", "provisional-measures"], covers: ["coe"], languages: ["en", "fr"]),
        Mechanism("coe-commissioner-hr", "European", ["advocacy", "diplomatic"], covers: ["coe"], languages: ["en", "fr"]),
        Mechanism("osce-odihr-hrd", "OSCE", ["monitoring", "advocacy"], covers: ["osce"], languages: ["en", "fr", "es", "ru"]),
        Mechanism("eu-guidelines-hrd", "EU", ["diplomatic"], languages: Un),
    }.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public static readonly IReadOnlyList<Country> Countries =
    [
        Country("CO", "Colombia", "Colombie", "Colombia", "americas", "oas", "iacthr", "ced", "ccpr-op1"),
        Country("MX", "México", "Mexique", "Mexico", "americas", "oas", "iacthr", "ced", "cat-22", "ccpr-op1"),
        Country("US", "Estados Unidos", "États-Unis", "United States", "americas", "oas", "osce"),
        Country("KE", "Kenia", "Kenya", "Kenya", "africa", "african-charter"),
        Country("TN", "Túnez", "Tunisie", "Tunisia", "middle-east-north-africa", "african-charter", "ccpr-op1"),
        Country("TR", "Turquía", "Turquie", "Türkiye", "europe", "coe", "osce", "cat-22", "ccpr-op1"),
        Country("FR", "Francia", "France", "France", "europe", "eu", "coe", "osce", "cat-22", "ccpr-op1"),
        Country("KZ", "Kazajistán", "Kazakhstan", "Kazakhstan", "central-asia", "osce", "cat-22", "ccpr-op1"),
        Country("PH", "Filipinas", "Philippines", "Philippines", "asia-pacific", "ccpr-op1"),
    ];

    public static Country? FindCountry(string code) => Countries.FirstOrDefault(c => c.Code == code);

    public static List<Training> Trainings() =>
    [
        Training("iachr-hrd-course", "dated", ["es"], ["oas"],
            Edition("2019-2", new DateTimeOffset(2019, 9, 12, 0, 0, 0, TimeSpan.FromHours(-4)), new DateTimeOffset(2019, 9, 27, 23, 59, 0, TimeSpan.FromHours(-4)), "America/New_York")) with
        {
            PriorityCountries = ["HN", "SV", "GT", "NI", "CO", "MX", "BR"],
            PriorityProfiles = ["women", "afro-descendant", "indigenous", "lgbti", "land-environment"],
        },
        Training("pi-elearning", "dated", ["en", "es", "fr"], null,
            Edition("September 2024", null, new DateTimeOffset(2024, 7, 28, 23, 59, 0, TimeSpan.FromHours(2)), "Europe/Brussels")),
        Training("ishr-academy", "always", ["en", "fr", "es"]),
        Training("ishr-hrdap", "dated", ["en"], null,
            Edition("2027", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2027, 1, 15, 23, 59, 0, TimeSpan.FromHours(1)), "Europe/Zurich")),
        Training("ishr-regional-trainings", "on-request", ["en", "fr", "ar"], ["africa", "middle-east-north-africa", "asia-pacific"]),
        Training("fld-security-training", "on-request", ["en", "es", "fr"]),
    ];

    public static Recommender Recommender(DateTimeOffset? now = null, Dictionary<string, Mechanism>? mechanisms = null, List<Training>? trainings = null) =>
        new(mechanisms ?? Mechanisms(), trainings ?? Trainings(), FindCountry, new FakeTimeProvider(now ?? Today));

    public static RecommendationResult Recommend(CaseAnswers answers) => Recommender().Recommend(answers);
}
