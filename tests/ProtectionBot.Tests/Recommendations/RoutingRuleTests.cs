using ProtectionBot.Recommendations;
using static ProtectionBot.Tests.Recommendations.Catalogue;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>One or more cases per catalogue rule, R1–R21; R22–R24 have their own classes.</summary>
public sealed class RoutingRuleTests
{
    private static CaseAnswers Case(string? country = null, string urgency = "urgent", params string[] situations) =>
        new() { Language = "es", Country = country, Urgency = urgency, Situations = situations };

    [Fact]
    public void A_person_in_immediate_danger_is_sent_first_to_the_front_line_defenders_emergency_line_with_a_reminder_of_local_help()
    {
        var result = Recommend(Case("CO", "immediate", "threats") with { InImmediateDanger = true });

        var first = result.Mechanisms[0];
        Assert.Equal("fld-emergency-line", first.MechanismId);
        Assert.Equal(RouteTier.Immediate, first.Tier);
        Assert.Contains("R1", first.Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.LocalHelp, first.NoteKeys());
        Assert.Contains("iachr-precautionary-measures", result.Ids());
        Assert.Contains("un-sp-hrd", result.Ids());
    }

    [Fact]
    public void A_purely_digital_emergency_adds_the_access_now_helpline_right_after_the_emergency_line()
    {
        var result = Recommend(Case(null, "immediate", "digital-attack") with { InImmediateDanger = true });

        Assert.Equal(["fld-emergency-line", "access-now-helpline"], result.Ids().Take(2));
        Assert.Contains("R1", result.Route("access-now-helpline").Rules);
    }

    [Fact]
    public void Without_danger_there_is_no_emergency_line()
    {
        var result = Recommend(Case("CO", "urgent", "threats"));

        Assert.DoesNotContain("fld-emergency-line", result.Ids());
    }

    [Fact]
    public void A_defender_threatened_in_an_oas_country_is_offered_iachr_precautionary_measures_naming_the_country()
    {
        var route = Recommend(Case("CO", "urgent", "threats")).Route("iachr-precautionary-measures");

        Assert.Contains("R2", route.Rules);
        Assert.Equal(RouteTier.Urgent, route.Tier);
        Assert.Contains(route.Reasons, r => r.Key == ProtectionBot.Recommendations.ReasonKeys.PrecautionaryMeasures && r.Arguments[0] == "Colombia");
    }

    [Fact]
    public void A_fair_trial_complaint_in_an_oas_country_goes_to_iachr_petitions_rather_than_precautionary_measures()
    {
        var result = Recommend(Case("MX", "urgent", "criminalization"));

        Assert.DoesNotContain("iachr-precautionary-measures", result.Ids());
        var petition = result.Route("iachr-petitions");
        Assert.Contains("R2", petition.Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.RemediesFirst, petition.NoteKeys());
    }

    [Fact]
    public void Extreme_danger_where_the_inter_american_court_is_accepted_adds_provisional_measures_through_the_commission()
    {
        var accepted = Recommend(Case("CO", "immediate", "physical-attack") with { InImmediateDanger = true });
        var notAccepted = Recommend(Case("US", "immediate", "physical-attack") with { InImmediateDanger = true });

        Assert.Contains("R3", accepted.Route("iacthr-provisional-measures").Rules);
        Assert.DoesNotContain("iacthr-provisional-measures", notAccepted.Ids());
    }

    [Fact]
    public void An_ongoing_threat_brings_an_urgent_appeal_from_the_un_rapporteur_on_defenders()
    {
        var route = Recommend(Case("KE", "urgent", "threats")).Route("un-sp-hrd");

        Assert.Equal(RouteTier.Urgent, route.Tier);
        Assert.Contains("R4", route.Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.UrgentAppeal, route.ReasonKeys());
    }

    [Fact]
    public void Past_harm_brings_a_letter_of_allegation_from_the_un_rapporteur_on_defenders()
    {
        var route = Recommend(Case("KE", "long-term", "physical-attack")).Route("un-sp-hrd");

        Assert.Equal(RouteTier.LongTerm, route.Tier);
        Assert.Equal([ProtectionBot.Recommendations.ReasonKeys.AllegationLetter], route.ReasonKeys());
    }

    [Fact]
    public void Someone_who_reports_no_harm_gets_no_mechanism()
    {
        Assert.Empty(Recommend(Case("CO", "long-term")).Mechanisms);
    }

    [Fact]
    public void A_detained_defender_is_pointed_to_the_working_group_on_arbitrary_detention()
    {
        var result = Recommend(Case("KE", "urgent", "arbitrary-detention") with { AtRisk = "someone-else" });

        var wgad = result.Route("un-sp-wgad");
        Assert.Equal(RouteTier.Urgent, wgad.Tier);
        Assert.Contains("R5", wgad.Rules);
        Assert.Contains("R5", result.Route("un-sp-hrd").Rules);
        Assert.Contains("R5", result.Route("achpr-sr-hrd").Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.DetentionFamilyGrant, result.Route("fld-protection-grants").ReasonKeys());
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.DetentionEuVisits, result.Route("eu-guidelines-hrd").ReasonKeys());
        Assert.DoesNotContain("un-sp-torture", result.Ids());
    }

    [Fact]
    public void A_detained_organisation_member_at_risk_of_torture_adds_the_rapporteur_on_torture_and_the_lifeline_fund()
    {
        var result = Recommend(Case("CO", "urgent", "arbitrary-detention", "torture") with { AtRisk = "organisation" });

        Assert.Contains("R5", result.Route("un-sp-torture").Rules);
        Assert.Contains("R5", result.Route("lifeline-cso-fund").Rules);
    }

    [Fact]
    public void A_recent_disappearance_uses_the_working_group_urgent_procedure_and_the_committee_where_the_convention_is_ratified()
    {
        var result = Recommend(Case("MX", "urgent", "enforced-disappearance") with { Started = "days" });

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.DisappearanceUrgentProcedure, result.Route("un-sp-wgeid").ReasonKeys());
        var committee = result.Route("un-tb-ced-urgent-action");
        Assert.Contains("R6", committee.Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.DisappearanceConditions, committee.NoteKeys());
        Assert.Contains("R6", result.Route("iachr-precautionary-measures").Rules);
    }

    [Fact]
    public void An_old_disappearance_in_a_country_outside_the_convention_uses_the_working_group_standard_procedure_only()
    {
        var result = Recommend(Case("KE", "long-term", "enforced-disappearance") with { Started = "years" });

        Assert.Equal([ProtectionBot.Recommendations.ReasonKeys.DisappearanceStandardProcedure], result.Route("un-sp-wgeid").ReasonKeys());
        Assert.DoesNotContain("un-tb-ced-urgent-action", result.Ids());
    }

    [Fact]
    public void Ongoing_torture_brings_an_urgent_appeal_from_the_rapporteur_on_torture_and_an_observatory_alert()
    {
        var result = Recommend(Case("KE", "urgent", "torture"));

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.TortureUrgentAppeal, result.Route("un-sp-torture").ReasonKeys());
        Assert.Contains("R7", result.Route("observatory-fidh-omct").Rules);
    }

    [Fact]
    public void Torture_with_remedies_exhausted_in_a_state_with_the_article_22_declaration_goes_to_the_committee_against_torture()
    {
        var result = Recommend(Case("KZ", "long-term", "torture") with { DomesticRemedies = "exhausted" });

        var committee = result.Route("un-tb-cat");
        Assert.Contains("R7", committee.Rules);
        Assert.Contains("R20", committee.Rules);
        Assert.DoesNotContain("un-tb-ccpr", result.Ids());
    }

    [Fact]
    public void The_killing_of_a_colleague_brings_a_joint_appeal_with_the_rapporteur_on_executions_and_measures_for_survivors()
    {
        var result = Recommend(Case("CO", "urgent", "killing-of-colleague"));

        Assert.Contains("R8", result.Route("un-sp-executions").Rules);
        Assert.Contains("R8", result.Route("un-sp-hrd").Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.KillingPrecautionary, result.Route("iachr-precautionary-measures").ReasonKeys());
        Assert.Contains("R8", result.Route("amnesty-urgent-action").Rules);
    }

    [Fact]
    public void A_woman_defender_facing_sexual_violence_gets_the_rapporteur_on_violence_against_women_and_her_region_s_urgent_action_fund()
    {
        var colombia = Recommend(Case("CO", "urgent", "sgbv") with { Profiles = ["women"] });
        var kenya = Recommend(Case("KE", "urgent", "sgbv") with { Profiles = ["women"] });

        Assert.Contains("R9", colombia.Route("un-sp-vaw").Rules);
        Assert.Equal(["Fondo de Acción Urgente de América Latina y el Caribe"], colombia.Route("uaf-rapid-response").Reasons[0].Arguments);
        Assert.Equal(["Urgent Action Fund Africa"], kenya.Route("uaf-rapid-response").Reasons[0].Arguments);
    }

    [Fact]
    public void A_trans_defender_under_threat_is_offered_the_urgent_action_fund_in_words_for_trans_and_non_binary_people()
    {
        var result = Recommend(Case("US", "urgent", "sgbv") with { Profiles = ["lgbti"] });

        var fund = result.Route("uaf-rapid-response");
        Assert.Equal(ProtectionBot.Recommendations.ReasonKeys.UrgentActionFundTrans, fund.Reasons[0].Key);
        Assert.Equal(["Urgent Action Fund"], fund.Reasons[0].Arguments);
    }

    [Fact]
    public void A_digital_attack_goes_first_to_the_access_now_helpline_with_funding_and_the_rapporteur_on_expression()
    {
        var result = Recommend(Case("CO", "urgent", "digital-attack"));

        Assert.Equal("access-now-helpline", result.Mechanisms[0].MechanismId);
        Assert.Contains("R10", result.Route("ddp-digital-defenders").Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.DigitalDevicesGrant, result.Route("fld-protection-grants").ReasonKeys());
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.DigitalStateSurveillance, result.Route("un-sp-fox").ReasonKeys());
    }

    [Fact]
    public void A_journalist_under_a_smear_campaign_is_offered_the_rapporteur_on_freedom_of_expression_with_the_rapporteur_on_defenders()
    {
        var result = Recommend(Case("PH", "urgent", "smear-campaign") with { Profiles = ["journalist"] });

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.ExpressionRapporteur, result.Route("un-sp-fox").ReasonKeys());
        Assert.Contains("R11", result.Route("un-sp-hrd").Rules);
    }

    [Fact]
    public void A_defender_forced_to_flee_an_oas_country_can_ask_for_precautionary_measures()
    {
        Assert.Contains("R2", Recommend(Case("CO", "urgent", "forced-displacement")).Route("iachr-precautionary-measures").Rules);
    }

    [Fact]
    public void A_threatened_journalist_in_an_oas_country_is_offered_precautionary_measures_once_with_one_reason_for_them()
    {
        var result = Recommend(Case("MX", "urgent", "threats") with { Profiles = ["journalist"] });

        var measures = result.Route("iachr-precautionary-measures");
        Assert.Equal(["R2"], measures.Rules);
        Assert.Equal([ProtectionBot.Recommendations.ReasonKeys.PrecautionaryMeasures], measures.ReasonKeys());
        Assert.Contains("R11", result.Route("un-sp-fox").Rules);
    }

    [Fact]
    public void A_prosecuted_defender_in_turkey_is_offered_trial_observers_legal_fees_and_the_european_bodies()
    {
        var result = Recommend(Case("TR", "urgent", "criminalization"));

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.CriminalizationTrialObservation, result.Route("observatory-fidh-omct").ReasonKeys());
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.CriminalizationEuTrial, result.Route("eu-guidelines-hrd").ReasonKeys());
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.CriminalizationLegalFees, result.Route("fld-protection-grants").ReasonKeys());
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.NoIndividualComplaints, result.Route("coe-commissioner-hr").NoteKeys());
        Assert.Contains("R12", result.Route("osce-odihr-hrd").Rules);
    }

    [Fact]
    public void Precautionary_measures_chosen_alongside_a_prosecution_say_they_are_no_fair_trial_remedy()
    {
        var result = Recommend(Case("CO", "urgent", "criminalization", "threats"));

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.NotAFairTrialRemedy, result.Route("iachr-precautionary-measures").NoteKeys());
        Assert.DoesNotContain("R12", result.Route("iachr-precautionary-measures").Rules);
    }

    [Fact]
    public void A_reprisal_for_cooperating_with_the_un_goes_to_the_reprisals_official_only_with_consent()
    {
        var result = Recommend(Case("TN", "urgent", "reprisal-un"));

        var reprisals = result.Route("un-reprisals-asg");
        Assert.Contains("R13", reprisals.Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.ConsentRequired, reprisals.NoteKeys());
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.ReprisalsAfrica, result.Route("achpr-sr-hrd").ReasonKeys());
    }

    [Fact]
    public void A_defender_in_an_african_charter_state_is_offered_the_african_rapporteur_and_after_final_judgment_a_communication()
    {
        var result = Recommend(Case("KE", "long-term", "threats") with { DomesticRemedies = "exhausted" });

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.AfricaLetter, result.Route("achpr-sr-hrd").ReasonKeys());
        var communication = result.Route("achpr-communications");
        Assert.Contains("R14", communication.Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.DeadlineReasonable, communication.NoteKeys());
    }

    [Fact]
    public void Imminent_irreparable_harm_in_a_council_of_europe_state_adds_the_european_court_s_rule_39()
    {
        var danger = Recommend(Case("TR", "immediate", "physical-attack") with { InImmediateDanger = true });
        var urgent = Recommend(Case("TR", "urgent", "physical-attack"));

        Assert.Contains("R15", danger.Route("ecthr-rule39").Rules);
        Assert.DoesNotContain("ecthr-rule39", urgent.Ids());
        Assert.Contains("R15", urgent.Route("coe-commissioner-hr").Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.MonitoringOnly, urgent.Route("osce-odihr-hrd").NoteKeys());
    }

    [Fact]
    public void Eu_missions_are_offered_outside_the_eu_but_not_inside_it()
    {
        Assert.Contains("R16", Recommend(Case("PH", "urgent", "threats")).Route("eu-guidelines-hrd").Rules);
        Assert.DoesNotContain("eu-guidelines-hrd", Recommend(Case("FR", "urgent", "threats")).Ids());
        Assert.DoesNotContain("eu-guidelines-hrd", Recommend(Case(null, "urgent", "threats")).Ids());
    }

    [Fact]
    public void In_asia_pacific_the_national_human_rights_institution_and_the_regional_urgent_action_fund_are_offered()
    {
        var result = Recommend(Case("PH", "urgent", "threats") with { Profiles = ["women"] });

        Assert.Contains("R17", result.Route("apf-nhri").Rules);
        Assert.Equal(["Urgent Action Fund Asia & Pacific"], result.Route("uaf-rapid-response").Reasons[0].Arguments);
    }

    [Fact]
    public void A_defender_who_must_leave_is_offered_temporary_relocation()
    {
        var result = Recommend(Case("CO", "urgent", "threats") with { NeedsRelocation = true, Profiles = ["women"] });

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.RelocationProgramme, result.Route("protectdefenders-eu").ReasonKeys());
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.RelocationEmergencyLine, result.Route("fld-emergency-line").ReasonKeys());
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.RelocationFund, result.Route("uaf-rapid-response").ReasonKeys());
    }

    [Fact]
    public void A_defender_already_in_exile_is_pointed_to_protectdefenders_and_warned_that_front_line_grants_do_not_cover_exile()
    {
        var result = Recommend(Case("TR", "urgent", "forced-displacement", "digital-attack"));

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.RelocationInExile, result.Route("protectdefenders-eu").ReasonKeys());
        var grants = result.Route("fld-protection-grants");
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.ExileNotCovered, grants.NoteKeys());
        Assert.DoesNotContain("R18", grants.Rules);
    }

    [Fact]
    public void An_organisation_under_attack_is_offered_the_lifeline_fund_and_an_observatory_alert()
    {
        var result = Recommend(Case("KE", "urgent", "physical-attack") with { AtRisk = "organisation" });

        Assert.Contains("R19", result.Route("lifeline-cso-fund").Rules);
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.OrganisationAlert, result.Route("observatory-fidh-omct").ReasonKeys());
    }

    [Fact]
    public void With_remedies_exhausted_only_one_litigation_forum_is_offered_with_the_deadline_counted_from_the_final_decision()
    {
        var result = Recommend(Case("CO", "long-term", "physical-attack") with
        {
            DomesticRemedies = "exhausted",
            FinalDecisionDate = new DateOnly(2026, 9, 1),
        });

        var petition = result.Route("iachr-petitions");
        Assert.Contains("R20", petition.Rules);
        Assert.Contains(petition.Notes, n => n.Key == ProtectionBot.Recommendations.ReasonKeys.DeadlineOn && n.Arguments[0] == "lunes, 1 de marzo de 2027");
        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.OneForumOnly, petition.NoteKeys());
        Assert.DoesNotContain("un-tb-ccpr", result.Ids());
    }

    [Fact]
    public void A_european_court_deadline_that_has_passed_is_said_so()
    {
        var result = Recommend(Case("TR", "long-term", "physical-attack") with
        {
            DomesticRemedies = "exhausted",
            FinalDecisionDate = new DateOnly(2026, 1, 10),
        });

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.DeadlinePassed, result.Route("ecthr-rule39").NoteKeys());
    }

    [Fact]
    public void Remedies_not_yet_exhausted_offer_no_litigation_forum()
    {
        var result = Recommend(Case("PH", "long-term", "physical-attack") with { DomesticRemedies = "pending" });

        Assert.DoesNotContain("un-tb-ccpr", result.Ids());
    }

    [Fact]
    public void Indigenous_defenders_in_the_americas_are_offered_collective_measures_and_protection_international()
    {
        var result = Recommend(Case("CO", "urgent", "land-environment") with { Profiles = ["indigenous"] });

        Assert.Contains(ProtectionBot.Recommendations.ReasonKeys.CollectiveMeasures, result.Route("iachr-precautionary-measures").ReasonKeys());
        Assert.Contains("R21", result.Route("protection-international").Rules);
    }
}
