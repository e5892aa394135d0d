using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Interview;

/// <summary>
/// Defenders from different regions, risks, languages and urgencies go through the whole interview over HTTP. Each
/// must finish within 12 answers and leave with the routes a caseworker would name first, for the right reasons.
/// </summary>
public sealed class PersonaTests
{
    public static TheoryData<Persona> Personas() =>
    [
        new Persona("Colombian land defender threatened by an armed group", "es-CO", Country: "Colombia",
            Situations: ["threats", "smear-campaign"], Profiles: ["land-environment", "indigenous"], Urgency: "urgent")
        {
            ExpectFirst = ["iachr-precautionary-measures", "un-sp-fox", "un-sp-hrd"],
            ExpectRules = { ["iachr-precautionary-measures"] = "R2", ["un-sp-fox"] = "R11", ["un-sp-hrd"] = "R4" },
        },
        new Persona("Mexican journalist receiving death threats", "es-MX", Country: "Méjico",
            Situations: ["threats"], Profiles: ["journalist"], Urgency: "urgent")
        {
            ExpectFirst = ["iachr-precautionary-measures", "un-sp-fox", "un-sp-hrd"],
            ExpectRules = { ["un-sp-fox"] = "R11" },
        },
        new Persona("Guatemalan community leader attacked, in danger now", "es-GT", Country: "guatemala",
            Situations: ["physical-attack", "threats"], AtRisk: "organisation", Profiles: ["indigenous"], InDanger: true, WantsPartnerNow: true)
        {
            ExpectFirst = ["fld-emergency-line"],
            ExpectInTop = ["iachr-precautionary-measures", "un-sp-hrd"],
            ExpectRules = { ["fld-emergency-line"] = "R1" },
        },
        new Persona("Congolese activist whose colleague is detained", "fr-CD", Country: "RDC", CountryChoice: null,
            Situations: ["arbitrary-detention"], AtRisk: "someone-else", Urgency: "urgent")
        {
            ExpectInTop = ["un-sp-wgad", "un-sp-hrd", "achpr-sr-hrd"],
            ExpectRules = { ["un-sp-wgad"] = "R5", ["achpr-sr-hrd"] = "R14" },
        },
        new Persona("Cameroonian woman defender facing sexual violence", "fr-CM", Country: "Cameroun",
            Situations: ["sgbv", "threats"], Profiles: ["women"], Urgency: "urgent")
        {
            ExpectInTop = ["un-sp-vaw", "uaf-rapid-response", "un-sp-hrd"],
            ExpectRules = { ["un-sp-vaw"] = "R9", ["uaf-rapid-response"] = "R9" },
        },
        new Persona("Haitian human rights lawyer threatened", "fr-HT", Country: "Haïti",
            Situations: ["threats", "criminalization"], Profiles: ["justice-operator"], Urgency: "urgent")
        {
            ExpectFirst = ["iachr-precautionary-measures"],
            ExpectInTop = ["un-sp-hrd"],
        },
        new Persona("Filipino journalist whose phone was hacked", "en-PH", Country: "Philippines",
            Situations: ["digital-attack"], Profiles: ["journalist"], Urgency: "urgent")
        {
            ExpectFirst = ["access-now-helpline"],
            ExpectRules = { ["access-now-helpline"] = "R10" },
        },
        new Persona("Russian organisation raided and prosecuted", "en-GB", Country: "Russia",
            Situations: ["criminalization"], AtRisk: "organisation", Urgency: "urgent")
        {
            ExpectInTop = ["lifeline-cso-fund", "un-sp-hrd"],
            ExpectRules = { ["lifeline-cso-fund"] = "R19" },
            ExpectAbsent = ["ecthr-rule39"],
        },
        new Persona("Turkish defender convicted, domestic remedies exhausted", "en-US", Country: "Turkey",
            Situations: ["criminalization"], Urgency: "long-term", Remedies: "exhausted")
        {
            ExpectInTop = ["un-sp-hrd"],
            ExpectRules = { ["ecthr-rule39"] = "R20" },
        },
        new Persona("Egyptian activist punished for speaking to the UN", "en-GB", Country: "Egypt",
            Situations: ["reprisal-un", "threats"], Urgency: "urgent")
        {
            ExpectInTop = ["un-reprisals-asg", "un-sp-hrd"],
            ExpectRules = { ["un-reprisals-asg"] = "R13" },
        },
        new Persona("Nicaraguan defender forced into exile", "es-NI", Country: "Nicaragua",
            Situations: ["forced-displacement", "criminalization"], Urgency: "urgent")
        {
            ExpectInTop = ["protectdefenders-eu", "iachr-precautionary-measures"],
            ExpectRules = { ["protectdefenders-eu"] = "R18" },
        },
        new Persona("Kenyan LGBTI defender attacked, in danger now", "en-KE", Country: "Kenya",
            Situations: ["physical-attack"], Profiles: ["lgbti"], InDanger: true)
        {
            ExpectFirst = ["fld-emergency-line"],
            ExpectInTop = ["achpr-sr-hrd", "un-sp-hrd"],
        },
        new Persona("Venezuelan whose colleague disappeared days ago", "es-VE", Country: "Venezuela",
            Situations: ["enforced-disappearance"], AtRisk: "someone-else", Urgency: "urgent", Started: "days")
        {
            ExpectInTop = ["un-sp-wgeid", "iachr-precautionary-measures"],
            ExpectRules = { ["un-sp-wgeid"] = "R6" },
        },
        new Persona("Defender on WhatsApp in Honduras, answers in plain text", "es-HN", ChannelId: "whatsapp", Country: "Honduras",
            Situations: ["threats", "killing-of-colleague"], Profiles: ["land-environment"], Urgency: "urgent")
        {
            ExpectInTop = ["iachr-precautionary-measures", "un-sp-executions", "un-sp-hrd"],
            ExpectRules = { ["un-sp-executions"] = "R8" },
        },
    ];

    [Theory]
    [MemberData(nameof(Personas))]
    public async Task Each_defender_leaves_with_the_routes_that_fit_within_twelve_answers(Persona persona)
    {
        await using var app = new BotApplication();
        var defender = new Defender(app, persona);

        await defender.RunAsync();

        // Answers about the case: the greeting, the choice of language and the handoff's consent are not counted.
        var questions = defender.Asked.Count(key => !key.StartsWith("handoff.", StringComparison.Ordinal) && !key.StartsWith("interview.language.", StringComparison.Ordinal) && key != "language.ask");
        Assert.True(questions <= 12, $"{persona.Name}: {questions} answers to [{string.Join(", ", defender.Asked)}]");
        var answers = await defender.StoredCaseAsync();
        Assert.NotNull(answers);
        var result = app.Services.GetRequiredService<Recommender>().Recommend(answers);
        var ranked = result.Mechanisms.Select(m => m.MechanismId).ToList();
        for (var i = 0; i < persona.ExpectFirst.Count; i++)
            Assert.True(ranked.Count > i && ranked[i] == persona.ExpectFirst[i], $"{persona.Name}: expected {persona.ExpectFirst[i]} at {i + 1}, got [{string.Join(", ", ranked)}]");
        foreach (var id in persona.ExpectInTop)
            Assert.True(ranked.Take(6).Contains(id), $"{persona.Name}: expected {id} in the top 6 of [{string.Join(", ", ranked)}]");
        foreach (var id in persona.ExpectAbsent)
            Assert.DoesNotContain(id, ranked);
        foreach (var (id, rule) in persona.ExpectRules)
        {
            var recommendation = result.Mechanisms.SingleOrDefault(m => m.MechanismId == id);
            Assert.True(recommendation is not null, $"{persona.Name}: {id} not recommended: [{string.Join(", ", ranked)}]");
            Assert.Contains(rule, recommendation.Rules);
            Assert.NotEmpty(recommendation.Reasons);
        }

        // What the person sees is what was decided: the same routes, in the same order, named in their language.
        var language = Language.FromLocale(persona.Locale)!;
        var names = app.Services.GetRequiredService<KnowledgeBase>().Mechanisms;
        var expectedNames = ranked.Select(id => names[id].Name.In(language)).ToList();
        if (persona.ChannelId == "whatsapp")
        {
            var text = defender.ResultText!;
            Assert.Null(defender.ResultCard);
            Assert.Contains("*1. " + expectedNames[0] + "*", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expectedNames.Take(global::ProtectionBot.Interview.ResultPresenter.FirstRoutes), defender.RecommendedNames());
        }
    }

    [Fact]
    public async Task Someone_who_declines_consent_gets_general_information_and_no_question_about_their_situation()
    {
        await using var app = new BotApplication();
        var defender = new Defender(app, new Persona("Declines", "fr-FR", Country: "") { DeclinesConsent = true });

        await defender.RunAsync();

        Assert.Null(await defender.StoredCaseAsync());
        var texts = app.Services.GetRequiredService<TextCatalog>();
        Assert.Contains(defender.Heard, r => r.Text == texts.Get("fr", "interview.consent.general"));
        Assert.DoesNotContain(defender.Heard, r => r.Text == texts.Get("fr", "interview.country.ask"));
    }
}

/// <summary>Who the defender is and what they would answer; what a caseworker would recommend first.</summary>
public sealed record Persona(
    string Name,
    string Locale,
    string Country,
    IReadOnlyList<string>? Situations = null,
    string AtRisk = "self",
    IReadOnlyList<string>? Profiles = null,
    string Urgency = "urgent",
    bool InDanger = false,
    bool WantsPartnerNow = false,
    string? Remedies = null,
    string? Started = null,
    string ChannelId = "test",
    string? CountryChoice = null)
{
    public IReadOnlyList<string> Situations { get; init; } = Situations ?? [];

    public IReadOnlyList<string> Profiles { get; init; } = Profiles ?? [];

    public bool DeclinesConsent { get; init; }

    /// <summary>woman, man or trans-nonbinary; null: the defender prefers not to say.</summary>
    public string? Gender { get; init; }

    /// <summary>state, non-state or unknown; null: the defender prefers not to say.</summary>
    public string? Perpetrator { get; init; }

    public string Relocation { get; init; } = "no";

    /// <summary>yes or no; null: the defender prefers not to say.</summary>
    public string? Publicity { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> ExpectFirst { get; init; } = [];

    public IReadOnlyList<string> ExpectInTop { get; init; } = [];

    public IReadOnlyList<string> ExpectAbsent { get; init; } = [];

    public Dictionary<string, string> ExpectRules { get; init; } = [];

    public override string ToString() => Name;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CaseAnswers))]
internal sealed partial class InterviewTestJsonContext : JsonSerializerContext;
