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

    /// <summary>The situations and profiles are the knowledge files', since the ranking reads them to tell specific routes from broad ones.</summary>
    public static Dictionary<string, Mechanism> Mechanisms() => new[]
    {
        Mechanism("fld-emergency-line", kinds: ["emergency-line"], situations: All, languages: ["es", "fr", "en", "ar", "ru"]),
        Mechanism("fld-protection-grants", kinds: ["emergency-grant"], situations: ["threats", "physical-attack", "arbitrary-detention", "criminalization", "digital-attack"],
            profiles: ["any", "organisation"], languages: ["es", "fr", "en", "ar", "ru", "fa", "pt", "zh", "tr"]),
        Mechanism("protectdefenders-eu", kinds: ["emergency-line", "emergency-grant", "relocation", "capacity"], situations: All,
            profiles: ["any", "women", "lgbti", "land-environment"], languages: ["es", "fr", "en", "ar", "ru"]),
        Mechanism("uaf-rapid-response", kinds: ["emergency-grant"], situations: ["threats", "physical-attack", "criminalization", "sgbv", "smear-campaign", "forced-displacement"],
            profiles: ["women", "lgbti"], languages: ["any"]),
        Mechanism("lifeline-cso-fund", kinds: ["emergency-grant"], situations: ["threats", "physical-attack", "arbitrary-detention", "criminalization"],
            profiles: ["organisation"], languages: ["en", "es"]),
        Mechanism("observatory-fidh-omct", kinds: ["advocacy", "emergency-grant", "monitoring"],
            situations: ["threats", "arbitrary-detention", "criminalization", "enforced-disappearance", "killing-of-colleague", "torture", "smear-campaign"]),
        Mechanism("amnesty-urgent-action", kinds: ["advocacy"], situations: ["threats", "arbitrary-detention", "torture", "enforced-disappearance"], languages: ["es", "fr", "en", "ar"]),
        Mechanism("access-now-helpline", kinds: ["emergency-line"], situations: ["digital-attack"], profiles: ["any", "journalist"],
            languages: ["en", "es", "fr", "de", "it", "pt", "ru", "ar", "tl"]),
        Mechanism("ddp-digital-defenders", kinds: ["emergency-grant", "capacity"], covers: ["americas", "africa", "asia-pacific", "central-asia"], situations: ["digital-attack"],
            profiles: ["any", "journalist", "land-environment", "indigenous", "lgbti", "women"], languages: ["en"]),
        Mechanism("protection-international", kinds: ["capacity", "advocacy"], situations: ["threats", "criminalization", "land-environment"],
            profiles: ["any", "land-environment", "lgbti", "organisation"]),
        Mechanism("ishr", kinds: ["capacity", "advocacy"], situations: ["reprisal-un"], languages: ["es", "fr", "en", "ar"]),
        Mechanism("apf-nhri", kinds: ["capacity", "advocacy"], covers: ["asia-pacific"], situations: All, languages: ["en"]),
        Mechanism("un-sp-hrd", "UN", ["communication", "advocacy"], situations: ["threats", "physical-attack", "killing-of-colleague", "arbitrary-detention", "criminalization",
            "smear-campaign", "digital-attack", "forced-displacement", "reprisal-un", "land-environment", "sgbv"], languages: Un),
        Mechanism("un-sp-torture", "UN", ["communication"], situations: ["torture", "arbitrary-detention"], languages: Un),
        Mechanism("un-sp-vaw", "UN", ["communication"], situations: ["sgbv", "threats", "physical-attack", "smear-campaign"], profiles: ["women"], languages: Un),
        Mechanism("un-sp-wgad", "UN", ["quasi-judicial", "communication"], situations: ["arbitrary-detention", "criminalization"], languages: Un),
        Mechanism("un-sp-fox", "UN", ["communication"], situations: ["criminalization", "smear-campaign", "digital-attack", "threats", "killing-of-colleague"], profiles: ["journalist"], languages: Un),
        Mechanism("un-sp-executions", "UN", ["communication"], situations: ["killing-of-colleague", "threats"], languages: Un),
        Mechanism("un-sp-wgeid", "UN", ["communication"], situations: ["enforced-disappearance"], languages: Un),
        Mechanism("un-tb-ccpr", "UN", ["quasi-judicial", "provisional-measures"], covers: ["ccpr-op1"],
            situations: ["arbitrary-detention", "torture", "criminalization", "threats", "enforced-disappearance"], languages: []),
        Mechanism("un-tb-cat", "UN", ["quasi-judicial", "provisional-measures"], covers: ["cat-22"], situations: ["torture"], languages: []),
        Mechanism("un-tb-ced-urgent-action", "UN", ["provisional-measures"], covers: ["ced"], situations: ["enforced-disappearance"], languages: []),
        Mechanism("un-reprisals-asg", "UN", ["advocacy", "monitoring"], situations: ["reprisal-un"], languages: ["ar", "zh", "en", "fr", "ru", "es"]),
        Mechanism("iachr-precautionary-measures", "Inter-American", ["provisional-measures"], covers: ["oas"],
            situations: ["threats", "physical-attack", "killing-of-colleague", "enforced-disappearance", "torture", "sgbv", "land-environment", "forced-displacement"],
            languages: ["es", "en", "pt", "fr"]),
        Mechanism("iachr-petitions", "Inter-American", ["quasi-judicial"], covers: ["oas"], situations: All, languages: ["es", "en", "pt", "fr"]),
        Mechanism("iacthr-provisional-measures", "Inter-American", ["judicial", "provisional-measures"], covers: ["iacthr"],
            situations: ["threats", "physical-attack", "killing-of-colleague", "enforced-disappearance", "torture"], languages: ["es", "en", "pt", "fr"]),
        Mechanism("achpr-sr-hrd", "African", ["communication", "advocacy", "monitoring"], covers: ["african-charter"],
            situations: ["threats", "physical-attack", "arbitrary-detention", "criminalization", "reprisal-un"], languages: ["en", "fr", "pt", "ar", "sw", "es"]),
        Mechanism("achpr-communications", "African", ["quasi-judicial", "provisional-measures"], covers: ["african-charter"], situations: All,
            languages: ["en", "fr", "pt", "ar", "sw", "es"]),
        Mechanism("ecthr-rule39", "European", ["judicial", "provisional-measures"], covers: ["coe"], situations: ["threats", "torture", "arbitrary-detention", "forced-displacement"],
            languages: ["en", "fr", "es", "tr"]),
        Mechanism("coe-commissioner-hr", "European", ["advocacy", "diplomatic"], covers: ["coe"], situations: ["threats", "criminalization", "smear-campaign", "reprisal-un"],
            languages: ["en", "fr"]),
        Mechanism("osce-odihr-hrd", "OSCE", ["monitoring", "advocacy", "capacity"], covers: ["osce"], situations: ["threats", "physical-attack", "arbitrary-detention", "criminalization"],
            languages: ["en", "fr", "es", "ru"]),
        Mechanism("eu-guidelines-hrd", "EU", ["diplomatic"], situations: ["threats", "physical-attack", "arbitrary-detention", "criminalization", "smear-campaign"], languages: []),
        Mechanism("aarhus-sr-env-defenders", "UNECE-Aarhus", ["communication"], covers: ["aarhus"],
            situations: ["land-environment", "threats", "criminalization", "smear-campaign", "physical-attack", "arbitrary-detention"], profiles: ["land-environment"],
            languages: ["en", "fr", "ru"]),
        Mechanism("co-unp", "national", ["state protection programme"], covers: ["CO"],
            situations: ["threats", "physical-attack", "killing-of-colleague", "forced-displacement", "land-environment"], languages: ["es"]),
        Mechanism("mx-mecanismo-proteccion", "national", ["state protection programme"], covers: ["MX"],
            situations: ["threats", "physical-attack", "killing-of-colleague", "criminalization", "digital-attack"], languages: ["es"]),
    }.ToDictionary(m => m.Id, StringComparer.Ordinal);

    private static readonly string[] All = [.. KnowledgeCodes.Situations];

    public static readonly IReadOnlyList<Country> Countries =
    [
        Country("CO", "Colombia", "Colombie", "Colombia", "americas", "oas", "iacthr", "ced", "ccpr-op1"),
        Country("MX", "México", "Mexique", "Mexico", "americas", "oas", "iacthr", "ced", "cat-22", "ccpr-op1"),
        Country("US", "Estados Unidos", "États-Unis", "United States", "americas", "oas", "osce"),
        Country("KE", "Kenia", "Kenya", "Kenya", "africa", "african-charter"),
        Country("TN", "Túnez", "Tunisie", "Tunisia", "middle-east-north-africa", "african-charter", "ccpr-op1"),
        Country("TR", "Turquía", "Turquie", "Türkiye", "europe", "coe", "osce", "cat-22", "ccpr-op1"),
        Country("AZ", "Azerbaiyán", "Azerbaïdjan", "Azerbaijan", "europe", "coe", "osce", "cat-22", "ccpr-op1", "aarhus"),
        Country("FR", "Francia", "France", "France", "europe", "eu", "coe", "osce", "cat-22", "ccpr-op1", "aarhus"),
        Country("KZ", "Kazajistán", "Kazakhstan", "Kazakhstan", "central-asia", "osce", "cat-22", "ccpr-op1", "aarhus"),
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
