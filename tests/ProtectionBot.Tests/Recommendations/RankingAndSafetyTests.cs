using ProtectionBot.Content;
using ProtectionBot.Recommendations;
using static ProtectionBot.Tests.Recommendations.Catalogue;
using Keys = ProtectionBot.Recommendations.ReasonKeys;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>Merging, ranking, coverage, and the two rules that act on the whole list: R23 (language) and R24 (publicity).</summary>
public sealed class RankingAndSafetyTests
{
    [Fact]
    public void Routes_are_ranked_immediate_then_urgent_then_long_term()
    {
        var result = Recommend(new CaseAnswers
        {
            Language = "en", Country = "TR", InImmediateDanger = true, Urgency = "immediate", Situations = ["physical-attack"],
        });

        var tiers = result.Mechanisms.Select(m => m.Tier).ToList();
        Assert.Equal(tiers.Order(), tiers);
        Assert.Equal("fld-emergency-line", result.Mechanisms[0].MechanismId);
        Assert.Equal(RouteTier.LongTerm, result.Route("osce-odihr-hrd").Tier);
    }

    [Fact]
    public void A_mechanism_chosen_by_several_rules_appears_once_with_every_rule_and_the_most_urgent_tier()
    {
        var result = Recommend(new CaseAnswers { Language = "es", Country = "CO", Urgency = "urgent", Situations = ["arbitrary-detention", "criminalization"] });

        var hrd = Assert.Single(result.Mechanisms, m => m.MechanismId == "un-sp-hrd");
        Assert.Equal(["R4", "R5", "R12"], hrd.Rules);
        Assert.Equal([Keys.UrgentAppeal], hrd.ReasonKeys());
    }

    [Fact]
    public void Within_a_tier_measures_a_state_must_take_come_before_letters_and_letters_before_grants()
    {
        var result = Recommend(new CaseAnswers { Language = "es", Country = "CO", Urgency = "urgent", Situations = ["threats", "criminalization"] });

        result.AssertRankedBefore("iachr-precautionary-measures", "un-sp-hrd");
        result.AssertRankedBefore("un-sp-hrd", "fld-protection-grants");
    }

    [Fact]
    public void A_helpline_that_answers_now_comes_before_any_letter_for_a_digital_attack()
    {
        var result = Recommend(new CaseAnswers { Language = "en", Country = "PH", Urgency = "urgent", Situations = ["digital-attack"], Profiles = ["journalist"] });

        Assert.Equal("access-now-helpline", result.Mechanisms[0].MechanismId);
    }

    [Fact]
    public void Among_letters_the_rapporteur_more_rules_call_for_comes_first()
    {
        var result = Recommend(new CaseAnswers { Language = "es", Country = "MX", Urgency = "urgent", Situations = ["threats"], Profiles = ["journalist"] });

        result.AssertRankedBefore("un-sp-hrd", "un-sp-fox");
    }

    [Fact]
    public void Within_a_tier_a_route_in_the_person_s_language_comes_before_one_that_is_not()
    {
        var result = Recommend(new CaseAnswers { Language = "es", Country = "KE", Urgency = "urgent", Situations = ["physical-attack"], AtRisk = "organisation" });

        result.AssertRankedBefore("un-sp-hrd", "lifeline-cso-fund");
    }

    [Fact]
    public void Within_a_tier_a_mandate_specific_to_the_situation_comes_before_a_generic_one()
    {
        var result = Recommend(new CaseAnswers { Language = "en", Country = "KE", Urgency = "urgent", Situations = ["torture"] });

        result.AssertRankedBefore("un-sp-torture", "un-sp-hrd");
    }

    [Fact]
    public void A_mechanism_whose_coverage_excludes_the_person_s_country_is_never_recommended()
    {
        // ddp-digital-defenders covers the Americas, Africa, Asia-Pacific and Central Asia, not the EU.
        var inFrance = Recommend(new CaseAnswers { Language = "fr", Country = "FR", Urgency = "urgent", Situations = ["digital-attack"] });
        var inKenya = Recommend(new CaseAnswers { Language = "fr", Country = "KE", Urgency = "urgent", Situations = ["digital-attack"] });

        Assert.DoesNotContain("ddp-digital-defenders", inFrance.Ids());
        Assert.Contains("ddp-digital-defenders", inKenya.Ids());
    }

    [Fact]
    public void Without_a_country_a_regional_mechanism_is_kept_with_a_note_to_check_and_ranked_after_worldwide_ones()
    {
        var result = Recommend(new CaseAnswers { Language = "en", Urgency = "urgent", Situations = ["digital-attack"] });

        var ddp = result.Route("ddp-digital-defenders");
        Assert.Contains(Keys.CheckCoverage, ddp.NoteKeys());
        result.AssertRankedBefore("fld-protection-grants", "ddp-digital-defenders");
        Assert.Contains("un-sp-hrd", result.Ids());
    }

    [Fact]
    public void A_mechanism_missing_from_the_knowledge_files_is_skipped()
    {
        var mechanisms = Mechanisms();
        mechanisms.Remove("un-sp-wgad");

        var result = Recommender(mechanisms: mechanisms).Recommend(new CaseAnswers { Language = "es", Country = "CO", Urgency = "urgent", Situations = ["arbitrary-detention"] });

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
                var result = Recommend(new CaseAnswers { Language = "fr", Country = country, Urgency = urgency, Situations = [situation], FearsExposure = true });
                Assert.Contains("un-sp-hrd", result.Ids());
            }
        }
    }

    [Fact]
    public void A_mechanism_that_does_not_accept_the_person_s_language_is_kept_with_a_note_naming_the_languages_it_takes()
    {
        var result = Recommend(new CaseAnswers { Language = "es", Country = "TR", InImmediateDanger = true, Urgency = "immediate", Situations = ["threats"] });

        var court = result.Route("ecthr-rule39");
        var note = Assert.Single(court.Notes, n => n.Key == Keys.LanguageNotAccepted);
        Assert.Equal(["English, français"], note.Arguments);
        Assert.DoesNotContain(result.Route("fld-emergency-line").Notes, n => n.Key == Keys.LanguageNotAccepted);
    }

    [Fact]
    public void Any_language_and_unconfirmed_languages_are_told_apart()
    {
        var result = Recommend(new CaseAnswers
        {
            Language = "fr", Country = "KZ", Urgency = "long-term", Situations = ["torture", "sgbv"], Profiles = ["women"], DomesticRemedies = "exhausted",
        });

        Assert.DoesNotContain(result.Route("uaf-rapid-response").Notes, n => n.Key is Keys.LanguageNotAccepted or Keys.LanguageUnconfirmed);
        Assert.Contains(Keys.LanguageUnconfirmed, result.Route("un-tb-cat").NoteKeys());
    }

    [Fact]
    public void Public_alerts_always_need_explicit_consent()
    {
        var result = Recommend(new CaseAnswers { Language = "en", Country = "CO", Urgency = "urgent", Situations = ["killing-of-colleague"] });

        Assert.Contains(Keys.PublicOnlyWithConsent, result.Route("amnesty-urgent-action").NoteKeys());
        Assert.Contains(Keys.PublicOnlyWithConsent, result.Route("observatory-fidh-omct").NoteKeys());
    }

    [Fact]
    public void When_the_person_fears_exposure_public_alerts_come_after_every_confidential_route_and_the_un_says_the_source_is_kept_confidential()
    {
        var result = Recommend(new CaseAnswers { Language = "en", Country = "CO", Urgency = "urgent", Situations = ["killing-of-colleague"], FearsExposure = true });

        var ids = result.Ids();
        Assert.Equal(["amnesty-urgent-action", "observatory-fidh-omct"], ids.TakeLast(2).Order(StringComparer.Ordinal));
        Assert.Contains(Keys.PublicAfterConfidential, result.Route("amnesty-urgent-action").NoteKeys());
        Assert.Contains(Keys.SourceKeptConfidential, result.Route("un-sp-hrd").NoteKeys());
        Assert.DoesNotContain(Keys.SourceKeptConfidential, result.Route("iachr-precautionary-measures").NoteKeys());
    }

    [Fact]
    public void The_same_answers_on_the_same_day_always_give_the_same_list()
    {
        var answers = new CaseAnswers { Language = "es", Country = "MX", Urgency = "urgent", Situations = ["threats", "digital-attack", "criminalization"], Profiles = ["journalist"] };

        Assert.Equal(Recommend(answers).Ids(), Recommend(answers).Ids());
    }
}
