using System.Reflection;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;
using Keys = ProtectionBot.Recommendations.ReasonKeys;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>
/// The reasons a caseworker would sign: every key exists in every language, each fact is said once, to whoever is
/// writing, and only what the person said is stated.
/// </summary>
public sealed class ReasonTextTests
{
    private static readonly TextCatalog Texts = TextCatalog.Load(RepositoryRoot());

    private static readonly IReadOnlyList<string> DeclaredKeys =
    [
        .. typeof(Keys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .SelectMany(f => Keys.WithVersions((string)f.GetRawConstantValue()!)),
    ];

    /// <summary>Many cases: every situation, alone and with others, for each kind of person writing, in every country.</summary>
    private static IEnumerable<(string Language, RecommendationResult Result, CaseAnswers Answers)> ManyCases()
    {
        var recommender = Catalogue.Recommender();
        string[][] combinations =
        [
            .. KnowledgeCodes.Situations.Select(s => new[] { s }),
            ["arbitrary-detention", "criminalization", "torture"], ["threats", "killing-of-colleague", "digital-attack", "smear-campaign"],
            ["sgbv", "threats", "forced-displacement"], ["reprisal-un", "criminalization", "smear-campaign"],
        ];
        foreach (var country in (string?[])[null, .. Catalogue.Countries.Select(c => c.Code)])
        {
            foreach (var situations in combinations)
            {
                foreach (var atRisk in (string[])["self", "someone-else", "organisation"])
                {
                    foreach (var language in Language.All)
                    {
                        var answers = new CaseAnswers
                        {
                            Language = language, Country = country, Urgency = "urgent", InImmediateDanger = situations is ["threats"],
                            Situations = situations, Profiles = ["indigenous", "journalist"], AtRisk = atRisk, Gender = "woman", Perpetrator = "state",
                            DomesticRemedies = "exhausted", FinalDecisionDate = new DateOnly(2026, 6, 1), NeedsRelocation = true, AgreesToPublicity = true,
                        };
                        yield return (language, recommender.Recommend(answers), answers);
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_reason_key_a_rule_can_emit_exists_in_every_language()
    {
        foreach (var key in DeclaredKeys)
        {
            foreach (var language in Language.All)
                Assert.False(string.IsNullOrWhiteSpace(Texts.Get(language, key)), $"{language}: {key}");
        }
    }

    [Fact]
    public void Every_reason_text_is_used_by_a_rule()
    {
        Assert.Empty(Texts.Keys.Where(k => k.StartsWith("reasons.", StringComparison.Ordinal)).Except(DeclaredKeys));
    }

    [Fact]
    public void Reasons_and_notes_given_across_many_cases_all_come_from_the_declared_keys_and_fill_their_placeholders()
    {
        var given = ManyCases().SelectMany(c => c.Result.Mechanisms.SelectMany(m => m.Reasons.Concat(m.Notes)).Concat(c.Result.Trainings.SelectMany(t => t.Reasons))).ToList();

        Assert.Empty(given.Select(r => r.Key).Except(DeclaredKeys));
        foreach (var reason in given.DistinctBy(r => r.Key))
            Assert.DoesNotContain("{", Texts.Get("en", reason.Key, [.. reason.Arguments]), StringComparison.Ordinal);
    }

    [Fact]
    public void No_sentence_is_said_twice_in_one_answer()
    {
        foreach (var (language, result, answers) in ManyCases())
        {
            var sentences = result.Mechanisms.SelectMany(m => m.Reasons).Select(r => Texts.Get(language, r.Key, [.. r.Arguments])).ToList();
            var repeated = sentences.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(repeated.Count == 0, $"{string.Join(", ", answers.Situations)} in {answers.Country}: {string.Join(" | ", repeated)}");
        }
    }

    [Fact]
    public void A_route_chosen_by_several_rules_says_each_fact_once()
    {
        var result = Catalogue.Recommend(new CaseAnswers
        {
            Language = "en", Country = "KE", Urgency = "urgent", Situations = ["arbitrary-detention", "criminalization", "digital-attack"],
        });

        Assert.Equal([Keys.DetentionFamilyGrant, Keys.DigitalDevicesGrantAlso], result.Route("fld-protection-grants").ReasonKeys());
        Assert.Equal([Keys.DetentionEuVisits, Keys.CriminalizationEuTrialAlso], result.Route("eu-guidelines-hrd").ReasonKeys());
        Assert.Equal([Keys.UrgentAppeal], result.Route("un-sp-hrd").ReasonKeys());
    }

    [Fact]
    public void A_relative_writing_for_someone_else_is_never_told_it_is_their_own_life()
    {
        string[] aboutTheWriter = ["your life", "your safety", "your health", "your trial", "you are being", "you face", "you were ", "you are in detention", "as a woman defender", "as a trans"];
        foreach (var (_, result, answers) in ManyCases().Where(c => c.Language == "en" && c.Answers.AtRisk == "someone-else"))
        {
            foreach (var reason in result.Mechanisms.SelectMany(m => m.Reasons))
            {
                var text = Texts.Get("en", reason.Key, [.. reason.Arguments]).ToLowerInvariant();
                Assert.True(!aboutTheWriter.Any(text.Contains), $"{string.Join(", ", answers.Situations)}: {text}");
            }
        }
    }

    [Fact]
    public void An_organisation_is_spoken_to_as_an_organisation()
    {
        var result = Catalogue.Recommend(new CaseAnswers { Language = "es", Country = "MX", Urgency = "urgent", Situations = ["arbitrary-detention"], AtRisk = "organisation" });

        Assert.Equal([Keys.DetentionUrgentAction + "_organisation"], result.Route("un-sp-wgad").ReasonKeys());
        Assert.Equal(Keys.PrecautionaryDetention + "_organisation", result.Route("iachr-precautionary-measures").Reasons[0].Key);
    }

    [Fact]
    public void Reasons_state_only_what_was_said_no_raid_or_seized_equipment_nobody_reported()
    {
        string[] seizure = ["seized", "equipment", "incautad", "equipo", "matériel"];
        foreach (var (language, result, _) in ManyCases())
        {
            foreach (var reason in result.Mechanisms.SelectMany(m => m.Reasons))
            {
                var text = Texts.Get(language, reason.Key, [.. reason.Arguments]);
                Assert.DoesNotContain(seizure, word => text.Contains(word, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    [Fact]
    public void A_threat_to_life_is_not_told_as_a_killing_and_a_woman_prosecuted_is_not_told_she_faces_gender_violence()
    {
        var threatened = Catalogue.Recommend(new CaseAnswers { Language = "en", Country = "KE", Urgency = "immediate", InImmediateDanger = true, Situations = ["threats"] });
        var prosecuted = Catalogue.Recommend(new CaseAnswers { Language = "en", Country = "KE", Urgency = "urgent", Situations = ["criminalization"], Gender = "woman" });

        Assert.DoesNotContain(Keys.KillingExecutions, threatened.Route("un-sp-executions").ReasonKeys());
        Assert.DoesNotContain("un-sp-vaw", prosecuted.Ids());
        Assert.DoesNotContain(prosecuted.Mechanisms.SelectMany(m => m.Reasons), r => Texts.Get("en", r.Key, [.. r.Arguments]).Contains("sexual", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The folder with ProtectionBot.sln, so the test reads the texts being edited, not a stale copy.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ProtectionBot.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("ProtectionBot.sln not found above " + AppContext.BaseDirectory);
    }
}
