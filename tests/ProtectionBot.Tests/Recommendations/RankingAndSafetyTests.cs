using ProtectionBot.Recommendations;
using static ProtectionBot.Tests.Recommendations.Catalogue;
using Keys = ProtectionBot.Recommendations.ReasonKeys;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>
/// The ranking (docs/recommendations.md) and the two rules that act on the whole list: R23 (language) and R24
/// (publicity). The ranking cases are the ones a caseworker reads first: the route made for the situation before the
/// general Rapporteur on defenders.
/// </summary>
public sealed class RankingAndSafetyTests
{
    private static CaseAnswers Case(string? country, string urgency, params string[] situations) =>
        new() { Language = "en", Country = country, Urgency = urgency, Situations = situations };

    [Fact]
    public void Danger_lines_come_first_then_the_routes_for_the_situation_then_support_then_the_long_term()
    {
        var result = Recommend(Case("TR", "immediate", "physical-attack", "criminalization") with { InImmediateDanger = true, DomesticRemedies = "exhausted" });

        var groups = result.Mechanisms.Select(m => m.Group).ToList();
        Assert.Equal(groups.Order(), groups);
        Assert.Equal([RouteGroup.DangerLine, RouteGroup.ForTheSituation, RouteGroup.Supporting, RouteGroup.LongTerm], groups.Distinct());
        Assert.Equal("fld-emergency-line", result.Mechanisms[0].MechanismId);
    }

    [Fact]
    public void The_tiers_the_card_shows_follow_the_ranking_and_say_what_to_do_now()
    {
        var result = Recommend(Case("CO", "immediate", "threats", "criminalization") with { InImmediateDanger = true, AtRisk = "organisation" });

        var tiers = result.Mechanisms.Select(m => m.Tier).ToList();
        Assert.Equal(tiers.Order(), tiers);
        Assert.All(result.Mechanisms, m => Assert.Equal(m.Group is RouteGroup.DangerLine or RouteGroup.ForTheSituation, m.DoNow));
        Assert.True(result.Route("fld-emergency-line").DoNow);
        Assert.False(result.Route("eu-guidelines-hrd").DoNow);
    }

    public static TheoryData<string, string[], string> MadeForTheSituation => new()
    {
        { "KE", ["enforced-disappearance"], "un-sp-wgeid" },
        { "KE", ["arbitrary-detention"], "un-sp-wgad" },
        { "TN", ["reprisal-un"], "un-reprisals-asg" },
        { "KE", ["torture"], "un-sp-torture" },
        { "KE", ["killing-of-colleague"], "un-sp-executions" },
        { "PH", ["smear-campaign"], "un-sp-fox" },
        { "KZ", ["digital-attack"], "access-now-helpline" },
    };

    [Theory]
    [MemberData(nameof(MadeForTheSituation))]
    public void The_route_the_catalogue_makes_for_the_situation_comes_before_the_general_rapporteur_on_defenders(string country, string[] situations, string route)
    {
        var result = Recommend(Case(country, "urgent", situations));

        Assert.Equal(route, result.Mechanisms[0].MechanismId);
        result.AssertRankedBefore(route, "un-sp-hrd");
    }

    [Fact]
    public void An_organisation_whose_office_was_raided_gets_the_lifeline_fund_before_the_rapporteur()
    {
        var result = Recommend(Case("KE", "urgent", "criminalization", "threats") with { AtRisk = "organisation" });

        Assert.Equal("lifeline-cso-fund", result.Mechanisms[0].MechanismId);
    }

    [Fact]
    public void Ties_never_go_to_the_number_of_rules_that_name_a_route()
    {
        // The Rapporteur on defenders is named by R4, R5 and R12 here; the Working Group by R5 alone, and it is the more specific.
        var result = Recommend(Case("KE", "urgent", "arbitrary-detention", "criminalization"));

        Assert.Equal(["R4", "R5", "R12"], result.Route("un-sp-hrd").Rules);
        Assert.Equal(["R5"], result.Route("un-sp-wgad").Rules);
        result.AssertRankedBefore("un-sp-wgad", "un-sp-hrd");
    }

    [Fact]
    public void A_closing_window_comes_before_speed_a_recent_disappearance_before_measures_a_state_must_take()
    {
        var result = Recommend(Case("MX", "urgent", "enforced-disappearance") with { Started = "days" });

        Assert.Equal(["un-sp-wgeid", "un-tb-ced-urgent-action", "iachr-precautionary-measures"], result.Ids().Take(3));
    }

    [Fact]
    public void Among_long_term_routes_the_forum_with_a_deadline_comes_first()
    {
        var result = Recommend(Case("MX", "long-term", "torture", "arbitrary-detention") with { DomesticRemedies = "exhausted", FinalDecisionDate = new DateOnly(2026, 10, 2) });

        Assert.Equal("iachr-petitions", result.Mechanisms[0].MechanismId);
        Assert.All(result.Mechanisms, m => Assert.Equal(RouteGroup.LongTerm, m.Group));
    }

    [Fact]
    public void Measures_a_state_must_take_come_before_a_letter_from_an_expert_and_a_letter_before_diplomacy()
    {
        var result = Recommend(Case("CO", "urgent", "threats") with { Perpetrator = "non-state" });

        result.AssertRankedBefore("iachr-precautionary-measures", "un-sp-hrd");
        result.AssertRankedBefore("un-sp-hrd", "eu-guidelines-hrd");
    }

    [Fact]
    public void A_mechanism_whose_coverage_excludes_the_person_s_country_is_never_recommended()
    {
        // ddp-digital-defenders covers the Americas, Africa, Asia-Pacific and Central Asia, not the EU.
        var inFrance = Recommend(Case("FR", "urgent", "digital-attack") with { Language = "fr" });
        var inKenya = Recommend(Case("KE", "urgent", "digital-attack") with { Language = "fr" });

        Assert.DoesNotContain("ddp-digital-defenders", inFrance.Ids());
        Assert.Contains("ddp-digital-defenders", inKenya.Ids());
    }

    [Fact]
    public void Without_a_country_a_regional_mechanism_is_kept_with_a_note_to_check_and_ranked_after_one_known_to_cover_it()
    {
        var result = Recommend(Case(null, "urgent", "digital-attack"));

        Assert.Contains(Keys.CheckCoverage, result.Route("ddp-digital-defenders").NoteKeys());
        result.AssertRankedBefore("fld-protection-grants", "ddp-digital-defenders");
        Assert.Contains("un-sp-hrd", result.Ids());
    }

    [Fact]
    public void A_mechanism_missing_from_the_knowledge_files_is_skipped()
    {
        var mechanisms = Mechanisms();
        mechanisms.Remove("un-sp-wgad");

        var result = Recommender(mechanisms: mechanisms).Recommend(Case("CO", "urgent", "arbitrary-detention"));

        Assert.DoesNotContain("un-sp-wgad", result.Ids());
        Assert.Contains("un-sp-hrd", result.Ids());
    }

    public static TheoryData<string> EverySituation => [.. ProtectionBot.Knowledge.KnowledgeCodes.Situations];

    [Theory]
    [MemberData(nameof(EverySituation))]
    public void The_un_rapporteur_on_defenders_is_never_dropped_when_harm_is_reported(string situation)
    {
        foreach (var country in (string?[])[null, .. Countries.Select(c => c.Code)])
        {
            foreach (var urgency in (string[])["urgent", "long-term"])
            {
                foreach (var relocation in (bool[])[false, true])
                {
                    var answers = Case(country, urgency, situation) with { Language = "fr", FearsExposure = true, AlreadyLeft = relocation };
                    Assert.Contains("un-sp-hrd", Recommend(answers).Ids());
                }
            }
        }
    }

    [Fact]
    public void Someone_who_only_wants_to_learn_gets_trainings_and_no_urgent_appeal_or_emergency_grant()
    {
        var result = Recommend(Case("CO", "long-term") with { LearningOnly = true, Gender = "woman", Profiles = ["women"] });

        Assert.Empty(result.Mechanisms);
        Assert.NotEmpty(result.Trainings);
    }

    [Fact]
    public void Someone_who_came_to_learn_but_is_in_danger_now_still_gets_the_emergency_line_first()
    {
        var result = Recommend(Case("CO", "immediate") with { LearningOnly = true, InImmediateDanger = true });

        Assert.Equal("fld-emergency-line", result.Mechanisms[0].MechanismId);
        Assert.Empty(result.Trainings);
    }

    [Fact]
    [CatalogueRule("R23", "Language filter → if a mechanism does not accept the user's language, keep it but say so and offer the partner's help; prefer equivalents that do (e.g. UAF any language; FLD line es/fr/en).")]
    public void A_mechanism_that_does_not_accept_the_person_s_language_is_kept_with_a_note_naming_the_languages_it_takes()
    {
        var result = Recommend(Case("AZ", "urgent", "threats", "criminalization") with { Language = "es" });

        var commissioner = result.Route("coe-commissioner-hr");
        var note = Assert.Single(commissioner.Notes, n => n.Key == Keys.LanguageNotAccepted);
        Assert.Equal(["English, français"], note.Arguments);
        Assert.DoesNotContain(result.Route("un-sp-hrd").Notes, n => n.Key == Keys.LanguageNotAccepted);
    }

    [Fact]
    [CatalogueRule("R23", "keep it but say so and offer the partner's help; prefer equivalents that do (e.g. UAF any language)")]
    public void Any_language_unconfirmed_languages_and_the_multilingual_digital_helpline_are_told_apart()
    {
        var result = Recommend(Case("KZ", "long-term", "torture", "sgbv") with { Language = "fr", Gender = "woman", DomesticRemedies = "exhausted" });
        var digital = Recommend(Case("KE", "urgent", "digital-attack") with { Language = "es" });

        Assert.Contains(Keys.LanguageUnconfirmed, result.Route("un-tb-cat").NoteKeys());
        Assert.DoesNotContain(digital.Route("access-now-helpline").Notes, n => n.Key is Keys.LanguageNotAccepted or Keys.LanguageUnconfirmed);
    }

    [Fact]
    [CatalogueRule("R24", "Safety of publicity → public alerts (Amnesty UA, Observatory alerts, press) only with explicit consent")]
    public void Public_alerts_come_only_with_the_person_s_explicit_yes_and_say_the_case_becomes_public()
    {
        var yes = Recommend(Case("KE", "urgent", "arbitrary-detention", "torture") with { AgreesToPublicity = true });
        var notAsked = Recommend(Case("KE", "urgent", "arbitrary-detention", "torture"));

        Assert.Contains("R24", yes.Route("amnesty-urgent-action").Rules);
        Assert.Contains(Keys.PublicAgreed, yes.Route("amnesty-urgent-action").NoteKeys());
        Assert.Contains(Keys.PublicAgreed, yes.Route("observatory-fidh-omct").NoteKeys());
        Assert.DoesNotContain("amnesty-urgent-action", notAsked.Ids());
        Assert.DoesNotContain("observatory-fidh-omct", notAsked.Ids());
    }

    [Fact]
    [CatalogueRule("R24", "confidential routes (UN communications keep the source confidential) first when the user fears exposure.")]
    public void When_the_person_fears_exposure_no_public_alert_is_offered_and_the_un_says_the_source_is_kept_confidential()
    {
        var result = Recommend(Case("CO", "urgent", "killing-of-colleague", "criminalization") with { FearsExposure = true });

        Assert.DoesNotContain("amnesty-urgent-action", result.Ids());
        Assert.Equal([Keys.CriminalizationTrialObservation], result.Route("observatory-fidh-omct").ReasonKeys());
        Assert.DoesNotContain(Keys.PublicAgreed, result.Route("observatory-fidh-omct").NoteKeys());
        Assert.Contains(Keys.SourceKeptConfidential, result.Route("un-sp-hrd").NoteKeys());
        Assert.DoesNotContain(Keys.SourceKeptConfidential, result.Route("iachr-precautionary-measures").NoteKeys());
    }

    [Fact]
    public void The_same_answers_on_the_same_day_always_give_the_same_list()
    {
        var answers = Case("MX", "urgent", "threats", "digital-attack", "criminalization") with { Language = "es", Profiles = ["journalist"] };

        Assert.Equal(Recommend(answers).Ids(), Recommend(answers).Ids());
    }
}
