using ProtectionBot.Recommendations;
using static ProtectionBot.Tests.Recommendations.Catalogue;
using Keys = ProtectionBot.Recommendations.ReasonKeys;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>
/// Each routing rule of the catalogue, R1–R21, R25 and R26, against the line it encodes; R22 (trainings) is in
/// <see cref="TrainingRecommendationTests"/>, R23 and R24, which act on the whole list, in <see cref="RankingAndSafetyTests"/>.
/// </summary>
public sealed class RoutingRuleTests
{
    private static CaseAnswers Case(string? country = null, string urgency = "urgent", params string[] situations) =>
        new() { Language = "es", Country = country, Urgency = urgency, Situations = situations };

    private static CaseAnswers InDanger(string? country, params string[] situations) =>
        Case(country, "immediate", situations) with { InImmediateDanger = true };

    // R1

    [Fact]
    [CatalogueRule("R1", "Immediate danger (life/physical integrity at risk now) → fld-emergency-line (24/7, es/fr/en/ar/ru) first; also local emergency help and trusted network; offer handoff to the partner now.")]
    public void A_person_in_immediate_danger_is_sent_first_to_the_front_line_defenders_line_with_a_reminder_of_local_help()
    {
        var result = Recommend(InDanger("CO", "threats"));

        var first = result.Mechanisms[0];
        Assert.Equal(("fld-emergency-line", RouteTier.Immediate, RouteGroup.DangerLine), (first.MechanismId, first.Tier, first.Group));
        Assert.Contains("R1", first.Rules);
        Assert.Contains(Keys.LocalHelp, first.NoteKeys());
        Assert.Contains("iachr-precautionary-measures", result.Ids());
        Assert.Contains("un-sp-hrd", result.Ids());
    }

    [Fact]
    [CatalogueRule("R1", "Access Now instead of/in addition to FLD only if the danger is purely digital.")]
    public void A_purely_digital_emergency_adds_the_access_now_helpline_right_after_the_emergency_line()
    {
        var digital = Recommend(InDanger(null, "digital-attack"));
        var physical = Recommend(InDanger(null, "threats"));

        Assert.Equal(["fld-emergency-line", "access-now-helpline"], digital.Ids().Take(2));
        Assert.Contains("R1", digital.Route("access-now-helpline").Rules);
        Assert.DoesNotContain("access-now-helpline", physical.Ids());
    }

    [Fact]
    [CatalogueRule("R1", "Immediate danger (life/physical integrity at risk now) → fld-emergency-line")]
    public void Without_danger_there_is_no_emergency_line()
    {
        Assert.DoesNotContain("fld-emergency-line", Recommend(Case("CO", "urgent", "threats")).Ids());
    }

    // R2

    [Fact]
    [CatalogueRule("R2", "Country is an OAS member (incl. Nicaragua/Venezuela) and risk to life/integrity that is serious, urgent and irreparable → iachr-precautionary-measures (no exhaustion needed; collective measures for communities/organisations).")]
    public void A_defender_threatened_in_an_oas_country_is_offered_iachr_precautionary_measures_as_the_route_for_the_situation()
    {
        var route = Recommend(Case("CO", "urgent", "threats")).Route("iachr-precautionary-measures");

        Assert.Contains("R2", route.Rules);
        Assert.Equal(RouteGroup.ForTheSituation, route.Group);
        Assert.Contains(route.Reasons, r => r.Key == Keys.PrecautionaryMeasures && r.Arguments[0] == "Colombia");
    }

    [Fact]
    [CatalogueRule("R2", "risk to life/integrity that is serious, urgent and irreparable → iachr-precautionary-measures")]
    public void Someone_held_by_the_authorities_now_can_ask_for_precautionary_measures_for_their_life_and_health_in_detention()
    {
        var route = Recommend(Case("MX", "urgent", "arbitrary-detention", "criminalization") with { AtRisk = "someone-else" }).Route("iachr-precautionary-measures");

        Assert.Equal([Keys.PrecautionaryDetention + "_relative"], route.ReasonKeys());
    }

    [Fact]
    [CatalogueRule("R2", "Due-process-only complaints → iachr-petitions instead.")]
    public void A_fair_trial_complaint_in_an_oas_country_goes_to_iachr_petitions_rather_than_precautionary_measures()
    {
        var result = Recommend(Case("MX", "urgent", "criminalization"));

        Assert.DoesNotContain("iachr-precautionary-measures", result.Ids());
        var petition = result.Route("iachr-petitions");
        Assert.Contains("R2", petition.Rules);
        Assert.Contains(Keys.RemediesFirst, petition.NoteKeys());
    }

    // R3

    [Fact]
    [CatalogueRule("R3", "IACHR measures granted but ignored, or extreme gravity and State accepted IA Court jurisdiction → ask the IACHR to request iacthr-provisional-measures (individuals cannot go to the Court directly).")]
    public void Extreme_danger_where_the_inter_american_court_is_accepted_adds_provisional_measures_through_the_commission_after_it()
    {
        var accepted = Recommend(InDanger("CO", "physical-attack"));
        var notAccepted = Recommend(InDanger("US", "physical-attack"));

        Assert.Contains("R3", accepted.Route("iacthr-provisional-measures").Rules);
        accepted.AssertRankedBefore("iachr-precautionary-measures", "iacthr-provisional-measures");
        Assert.DoesNotContain("iacthr-provisional-measures", notAccepted.Ids());
    }

    // R4

    [Fact]
    [CatalogueRule("R4", "Any country, any threat/attack linked to HR work → un-sp-hrd: urgent appeal if ongoing, letter of allegation if past.")]
    public void The_un_rapporteur_on_defenders_sends_an_urgent_appeal_while_it_goes_on_and_a_letter_once_it_is_over()
    {
        var ongoing = Recommend(Case("KE", "urgent", "threats")).Route("un-sp-hrd");
        var past = Recommend(Case("KE", "long-term", "physical-attack")).Route("un-sp-hrd");

        Assert.Equal(RouteTier.Urgent, ongoing.Tier);
        Assert.Equal([Keys.UrgentAppeal], ongoing.ReasonKeys());
        Assert.Contains("R4", ongoing.Rules);
        Assert.Equal(RouteTier.LongTerm, past.Tier);
        Assert.Equal([Keys.AllegationLetter], past.ReasonKeys());
    }

    [Fact]
    [CatalogueRule("R4", "Any country, any threat/attack linked to HR work → un-sp-hrd")]
    public void Someone_who_reports_no_harm_gets_no_mechanism()
    {
        Assert.Empty(Recommend(Case("CO", "long-term")).Mechanisms);
    }

    // R5

    [Fact]
    [CatalogueRule("R5", "Detention → un-sp-wgad (urgent action if health/life at risk) + un-sp-hrd; in Africa + achpr-sr-hrd; organisation or family needs money for lawyers/visits → fld-protection-grants or lifeline-cso-fund (organisation); trial or prison visit by diplomats → eu-guidelines-hrd (non-EU country).")]
    public void A_detained_defender_is_pointed_to_the_working_group_on_arbitrary_detention_before_the_general_rapporteur()
    {
        var result = Recommend(Case("KE", "urgent", "arbitrary-detention") with { AtRisk = "someone-else" });

        var wgad = result.Route("un-sp-wgad");
        Assert.Equal((RouteTier.Urgent, RouteGroup.ForTheSituation), (wgad.Tier, wgad.Group));
        Assert.Contains("R5", wgad.Rules);
        result.AssertRankedBefore("un-sp-wgad", "un-sp-hrd");
        Assert.Contains("R5", result.Route("achpr-sr-hrd").Rules);
        Assert.Contains(Keys.DetentionFamilyGrant, result.Route("fld-protection-grants").ReasonKeys());
        Assert.Contains(Keys.DetentionEuVisits, result.Route("eu-guidelines-hrd").ReasonKeys());
        Assert.DoesNotContain("un-sp-torture", result.Ids());
    }

    [Fact]
    [CatalogueRule("R5", "incommunicado or ill-treatment risk → + un-sp-torture; organisation or family needs money for lawyers/visits → fld-protection-grants or lifeline-cso-fund (organisation)")]
    public void A_detained_organisation_member_in_immediate_danger_adds_the_rapporteur_on_torture_and_the_lifeline_fund()
    {
        var result = Recommend(InDanger("CO", "arbitrary-detention") with { AtRisk = "organisation" });

        Assert.Contains("R5", result.Route("un-sp-torture").Rules);
        Assert.Contains("R5", result.Route("lifeline-cso-fund").Rules);
        Assert.DoesNotContain("fld-protection-grants", result.Ids());
    }

    [Fact]
    [CatalogueRule("R5", "organisation or family needs money for lawyers/visits → fld-protection-grants; trial or prison visit by diplomats → eu-guidelines-hrd")]
    public void A_detention_that_is_over_brings_the_working_group_s_opinion_but_no_prison_visits_or_grants()
    {
        var result = Recommend(Case("KE", "long-term", "arbitrary-detention"));

        Assert.Equal([Keys.DetentionOpinion], result.Route("un-sp-wgad").ReasonKeys());
        Assert.DoesNotContain("fld-protection-grants", result.Ids());
        Assert.DoesNotContain(result.Mechanisms, m => m.ReasonKeys().Contains(Keys.DetentionEuVisits));
    }

    [Fact]
    [CatalogueRule("R5", "Detention → un-sp-wgad (urgent action if health/life at risk); trial or prison visit by diplomats → eu-guidelines-hrd")]
    public void Someone_released_on_bail_and_still_threatened_gets_the_working_group_s_opinion_and_legal_fees_not_prison_visits()
    {
        var result = Recommend(Case("UG", "urgent", "arbitrary-detention", "criminalization", "threats") with { Released = true });

        Assert.Equal([Keys.DetentionOpinion], result.Route("un-sp-wgad").ReasonKeys());
        Assert.DoesNotContain(result.Mechanisms, m => m.ReasonKeys().Contains(Keys.DetentionEuVisits));
        Assert.DoesNotContain(result.Mechanisms, m => m.ReasonKeys().Contains(Keys.DetentionFamilyGrant));
        Assert.Contains(Keys.CriminalizationLegalFees, result.Route("fld-protection-grants").ReasonKeys());
    }

    // R6

    [Fact]
    [CatalogueRule("R6", "Whereabouts unknown after arrest/abduction → un-sp-wgeid (urgent procedure if ≤3 months) + un-tb-ced-urgent-action if the State is party to the Convention and the disappearance began after entry into force; OAS → iachr-precautionary-measures.")]
    public void A_recent_disappearance_goes_first_to_the_working_group_s_urgent_procedure_then_the_committee_and_the_iachr()
    {
        var result = Recommend(Case("MX", "urgent", "enforced-disappearance") with { Started = "weeks", AtRisk = "someone-else" });

        Assert.Equal("un-sp-wgeid", result.Mechanisms[0].MechanismId);
        Assert.Contains(Keys.DisappearanceUrgentProcedure, result.Route("un-sp-wgeid").ReasonKeys());
        var committee = result.Route("un-tb-ced-urgent-action");
        Assert.Contains("R6", committee.Rules);
        Assert.Contains(Keys.DisappearanceConditions, committee.NoteKeys());
        var measures = result.Route("iachr-precautionary-measures");
        Assert.Contains("R6", measures.Rules);
        Assert.Contains(Keys.DisappearancePrecautionaryAlso, measures.ReasonKeys());
        result.AssertRankedBefore("un-sp-wgeid", "un-sp-hrd");
    }

    [Fact]
    [CatalogueRule("R6", "un-sp-wgeid (urgent procedure if ≤3 months) + un-tb-ced-urgent-action if the State is party to the Convention")]
    public void An_old_disappearance_in_a_country_outside_the_convention_uses_the_working_group_standard_procedure_only()
    {
        var result = Recommend(Case("KE", "long-term", "enforced-disappearance") with { Started = "years" });

        Assert.Equal([Keys.DisappearanceStandardProcedure], result.Route("un-sp-wgeid").ReasonKeys());
        Assert.DoesNotContain("un-tb-ced-urgent-action", result.Ids());
    }

    // R7

    [Fact]
    [CatalogueRule("R7", "Torture → un-sp-torture (urgent if ongoing risk); Observatory/OMCT alert.")]
    public void Ongoing_torture_brings_an_urgent_appeal_from_the_rapporteur_on_torture_first_and_with_consent_an_observatory_alert()
    {
        var result = Recommend(Case("KE", "urgent", "torture") with { AgreesToPublicity = true });

        Assert.Equal([Keys.TortureUrgentAppeal], result.Route("un-sp-torture").ReasonKeys());
        result.AssertRankedBefore("un-sp-torture", "un-sp-hrd");
        Assert.Contains("R7", result.Route("observatory-fidh-omct").Rules);
    }

    [Fact]
    [CatalogueRule("R7", "long-term: un-tb-cat (only with art. 22 declaration and exhausted remedies) or un-tb-ccpr (OP1)")]
    public void Torture_with_remedies_exhausted_in_a_state_with_the_article_22_declaration_goes_to_the_committee_against_torture_first()
    {
        var result = Recommend(Case("KZ", "long-term", "torture") with { DomesticRemedies = "exhausted" });

        var committee = result.Route("un-tb-cat");
        Assert.Equal(["R7", "R20"], committee.Rules);
        Assert.Equal("un-tb-cat", result.Mechanisms[0].MechanismId);
        Assert.DoesNotContain("un-tb-ccpr", result.Ids());
    }

    // R8

    [Fact]
    [CatalogueRule("R8", "Killing of a colleague / death threats → un-sp-executions + un-sp-hrd joint urgent appeal; OAS → iachr-precautionary-measures for survivors, family, organisation; observatory-fidh-omct or amnesty-urgent-action alert only with consent.")]
    public void The_killing_of_a_colleague_brings_a_joint_appeal_with_the_rapporteur_on_executions_and_measures_for_survivors()
    {
        var withConsent = Recommend(Case("CO", "urgent", "killing-of-colleague") with { AgreesToPublicity = true });
        var withoutConsent = Recommend(Case("CO", "urgent", "killing-of-colleague"));

        Assert.Equal([Keys.KillingExecutions], withConsent.Route("un-sp-executions").ReasonKeys());
        Assert.Contains("R8", withConsent.Route("un-sp-hrd").Rules);
        withConsent.AssertRankedBefore("un-sp-executions", "un-sp-hrd");
        Assert.Contains(Keys.KillingPrecautionaryAlso, withConsent.Route("iachr-precautionary-measures").ReasonKeys());
        Assert.Contains("R8", withConsent.Route("amnesty-urgent-action").Rules);
        Assert.DoesNotContain("amnesty-urgent-action", withoutConsent.Ids());
        Assert.DoesNotContain("observatory-fidh-omct", withoutConsent.Ids());
    }

    [Fact]
    [CatalogueRule("R8", "Killing of a colleague / death threats → un-sp-executions + un-sp-hrd joint urgent appeal")]
    public void Threats_read_as_threats_to_life_in_immediate_danger_and_as_a_condition_otherwise()
    {
        var now = Recommend(InDanger("KE", "threats")).Route("un-sp-executions");
        var ongoing = Recommend(Case("KE", "urgent", "threats")).Route("un-sp-executions");

        Assert.Equal([Keys.ThreatsExecutions], now.ReasonKeys());
        Assert.Equal(RouteGroup.ForTheSituation, now.Group);
        Assert.Equal([Keys.ThreatsExecutionsIf], ongoing.ReasonKeys());
        Assert.Equal(RouteGroup.Supporting, ongoing.Group);
    }

    // R9

    [Fact]
    [CatalogueRule("R9", "Sexual or gender-based violence or gendered threats; woman/trans/non-binary defender → un-sp-vaw (+ un-sp-hrd); uaf-rapid-response (choose sister fund by region: Africa → UAF-Africa; Latin America/Caribbean → UAF-LAC; Asia-Pacific → UAF A&P; other regions → UAF).")]
    public void A_woman_defender_facing_sexual_violence_gets_the_rapporteur_on_violence_against_women_and_her_region_s_urgent_action_fund()
    {
        var colombia = Recommend(Case("CO", "urgent", "sgbv") with { Gender = "woman" });
        var kenya = Recommend(Case("KE", "urgent", "sgbv") with { Gender = "woman" });
        var philippines = Recommend(Case("PH", "urgent", "sgbv") with { Gender = "woman" });
        var turkey = Recommend(Case("TR", "urgent", "sgbv") with { Gender = "woman" });

        Assert.Equal(RouteGroup.ForTheSituation, colombia.Route("un-sp-vaw").Group);
        Assert.Equal(RouteGroup.ForTheSituation, colombia.Route("uaf-rapid-response").Group);
        Assert.Equal(["Fondo de Acción Urgente de América Latina y el Caribe"], colombia.Route("uaf-rapid-response").Reasons[0].Arguments);
        Assert.Equal(["Urgent Action Fund Africa"], kenya.Route("uaf-rapid-response").Reasons[0].Arguments);
        Assert.Equal(["Urgent Action Fund Asia & Pacific"], philippines.Route("uaf-rapid-response").Reasons[0].Arguments);
        Assert.Equal(["Urgent Action Fund"], turkey.Route("uaf-rapid-response").Reasons[0].Arguments);
        kenya.AssertRankedBefore("un-sp-vaw", "un-sp-hrd");
    }

    [Fact]
    [CatalogueRule("R9", "woman/trans/non-binary defender → un-sp-vaw (+ un-sp-hrd); uaf-rapid-response")]
    public void Women_s_routes_are_never_offered_to_a_man_and_state_their_condition_when_the_gender_was_not_said()
    {
        var man = Recommend(Case("KE", "urgent", "sgbv", "threats") with { Gender = "man", Profiles = ["lgbti"] });
        var unsaid = Recommend(Case("KE", "urgent", "sgbv"));

        Assert.DoesNotContain("un-sp-vaw", man.Ids());
        Assert.DoesNotContain("uaf-rapid-response", man.Ids());
        Assert.Contains(Keys.WomenOnly, unsaid.Route("un-sp-vaw").NoteKeys());
        Assert.Equal(Keys.UrgentActionFundIf, unsaid.Route("uaf-rapid-response").Reasons[0].Key);
    }

    [Fact]
    [CatalogueRule("R9", "woman/trans/non-binary defender → uaf-rapid-response")]
    public void A_woman_defender_under_other_harm_gets_the_fund_as_support_and_a_trans_defender_is_addressed_as_such()
    {
        var prosecuted = Recommend(Case("MX", "urgent", "criminalization") with { Gender = "woman" }).Route("uaf-rapid-response");
        var trans = Recommend(Case("US", "urgent", "threats") with { Gender = "trans-nonbinary" }).Route("uaf-rapid-response");

        Assert.Equal(RouteGroup.Supporting, prosecuted.Group);
        Assert.Equal(Keys.UrgentActionFundWomen, prosecuted.Reasons[0].Key);
        Assert.Equal((Keys.UrgentActionFundTrans, "Urgent Action Fund"), (trans.Reasons[0].Key, trans.Reasons[0].Arguments[0]));
    }

    // R10

    [Fact]
    [CatalogueRule("R10", "Digital attack / surveillance / spyware / account takeover → access-now-helpline first (2-hour reply); ddp-digital-defenders for funding; fld-protection-grants for devices/digital security; if State surveillance or censorship → un-sp-fox.")]
    public void A_digital_attack_by_the_state_goes_first_to_the_access_now_helpline_then_the_rapporteur_on_expression_with_funding_beside()
    {
        var result = Recommend(Case("CO", "urgent", "digital-attack") with { Perpetrator = "state" });

        Assert.Equal("access-now-helpline", result.Mechanisms[0].MechanismId);
        var expression = result.Route("un-sp-fox");
        Assert.Equal([Keys.DigitalStateSurveillance], expression.ReasonKeys());
        Assert.Equal(RouteGroup.ForTheSituation, expression.Group);
        Assert.Contains("R10", result.Route("ddp-digital-defenders").Rules);
        Assert.Contains(Keys.DigitalDevicesGrant, result.Route("fld-protection-grants").ReasonKeys());
    }

    [Fact]
    [CatalogueRule("R10", "if State surveillance or censorship → un-sp-fox")]
    public void The_rapporteur_on_expression_states_its_condition_when_nobody_said_who_is_behind_and_is_left_out_for_private_attackers()
    {
        var unknown = Recommend(Case("CO", "urgent", "digital-attack") with { Perpetrator = "unknown" });
        var criminals = Recommend(Case("CO", "urgent", "digital-attack") with { Perpetrator = "non-state" });

        Assert.Equal([Keys.DigitalStateSurveillanceIf], unknown.Route("un-sp-fox").ReasonKeys());
        Assert.DoesNotContain("un-sp-fox", criminals.Ids());
    }

    // R11

    [Fact]
    [CatalogueRule("R11", "Journalist or expression-related harassment, smear campaign, defamation charges → un-sp-fox + un-sp-hrd; OAS → iachr-precautionary-measures if risk to life/integrity.")]
    public void A_journalist_under_a_smear_campaign_is_offered_the_rapporteur_on_expression_first_with_each_fact_once()
    {
        var result = Recommend(Case("PH", "urgent", "smear-campaign") with { Profiles = ["journalist"] });

        Assert.Equal([Keys.ExpressionSmear, Keys.ExpressionJournalistAlso], result.Route("un-sp-fox").ReasonKeys());
        result.AssertRankedBefore("un-sp-fox", "un-sp-hrd");
        Assert.Contains("R11", result.Route("un-sp-hrd").Rules);
    }

    [Fact]
    [CatalogueRule("R11", "OAS → iachr-precautionary-measures if risk to life/integrity.")]
    public void A_threatened_journalist_in_an_oas_country_is_offered_precautionary_measures_once_with_one_reason_for_them()
    {
        var result = Recommend(Case("MX", "urgent", "threats") with { Profiles = ["journalist"] });

        var measures = result.Route("iachr-precautionary-measures");
        Assert.Equal(["R2"], measures.Rules);
        Assert.Equal([Keys.PrecautionaryMeasures], measures.ReasonKeys());
        Assert.Contains("R11", result.Route("un-sp-fox").Rules);
    }

    // R12

    [Fact]
    [CatalogueRule("R12", "Criminalization / judicial harassment → un-sp-hrd (+ un-sp-wgad if detained); observatory-fidh-omct and eu-guidelines-hrd (trial observation); fld-protection-grants (legal fees); lifeline-cso-fund if the organisation is targeted; Europe → coe-commissioner-hr, osce-odihr-hrd")]
    public void A_prosecuted_defender_in_turkey_gets_the_rapporteur_first_then_trial_observers_legal_fees_and_the_european_bodies()
    {
        var result = Recommend(Case("TR", "urgent", "criminalization"));

        Assert.Equal("un-sp-hrd", result.Mechanisms[0].MechanismId);
        Assert.Contains(Keys.CriminalizationTrialObservation, result.Route("observatory-fidh-omct").ReasonKeys());
        Assert.Contains(Keys.CriminalizationEuTrial, result.Route("eu-guidelines-hrd").ReasonKeys());
        Assert.Contains(Keys.CriminalizationLegalFees, result.Route("fld-protection-grants").ReasonKeys());
        Assert.Contains(Keys.NoIndividualComplaints, result.Route("coe-commissioner-hr").NoteKeys());
        Assert.Contains("R12", result.Route("osce-odihr-hrd").Rules);
    }

    [Fact]
    [CatalogueRule("R12", "IACHR measures are not a substitute for a fair-trial remedy.")]
    public void Precautionary_measures_chosen_alongside_a_prosecution_say_they_are_no_fair_trial_remedy()
    {
        var result = Recommend(Case("CO", "urgent", "criminalization", "threats"));

        Assert.Contains(Keys.NotAFairTrialRemedy, result.Route("iachr-precautionary-measures").NoteKeys());
        Assert.DoesNotContain("R12", result.Route("iachr-precautionary-measures").Rules);
    }

    // R13

    [Fact]
    [CatalogueRule("R13", "Reprisal for cooperating with the UN → un-reprisals-asg (reprisals@ohchr.org, with consent) + the UN body involved + un-sp-hrd; reprisal for engaging the African system → achpr-sr-hrd (focal point on reprisals).")]
    public void A_reprisal_for_cooperating_with_the_un_goes_first_to_the_reprisals_official_with_consent_and_isHR_can_advise()
    {
        var result = Recommend(Case("TN", "urgent", "reprisal-un"));

        var reprisals = result.Route("un-reprisals-asg");
        Assert.Equal("un-reprisals-asg", result.Mechanisms[0].MechanismId);
        Assert.Contains(Keys.ConsentRequired, reprisals.NoteKeys());
        Assert.Contains("R13", result.Route("ishr").Rules);
        var african = result.Route("achpr-sr-hrd");
        Assert.Equal([Keys.AfricaUrgentAppeal, Keys.ReprisalsAfricaAlso], african.ReasonKeys());
        Assert.Equal(["R13", "R14"], african.Rules);
    }

    // R14

    [Fact]
    [CatalogueRule("R14", "Africa (State party to the African Charter) → achpr-sr-hrd for urgent appeals (any urgency); achpr-communications only long-term, after exhaustion, within a reasonable time.")]
    public void A_defender_in_an_african_charter_state_is_offered_the_african_rapporteur_and_after_final_judgment_a_communication()
    {
        var urgent = Recommend(Case("KE", "urgent", "threats"));
        var redress = Recommend(Case("KE", "long-term", "threats") with { DomesticRemedies = "exhausted" });

        Assert.Contains(Keys.AfricaUrgentAppeal, urgent.Route("achpr-sr-hrd").ReasonKeys());
        Assert.DoesNotContain("achpr-communications", urgent.Ids());
        Assert.Contains(Keys.AfricaLetter, redress.Route("achpr-sr-hrd").ReasonKeys());
        var communication = redress.Route("achpr-communications");
        Assert.Contains("R14", communication.Rules);
        Assert.Contains(Keys.DeadlineReasonable, communication.NoteKeys());
        Assert.Equal("achpr-communications", redress.Mechanisms[0].MechanismId);
    }

    // R15

    [Fact]
    [CatalogueRule("R15", "Council of Europe State → ecthr-rule39 only for imminent irreparable harm (life, ill-treatment, expulsion)")]
    public void Rule_39_is_offered_only_for_imminent_irreparable_harm_and_then_first()
    {
        var danger = Recommend(InDanger("TR", "physical-attack"));
        var torture = Recommend(Case("TR", "urgent", "arbitrary-detention", "torture"));
        var attackedLastWeek = Recommend(Case("TR", "urgent", "physical-attack", "sgbv", "threats"));
        var prosecuted = Recommend(Case("TR", "urgent", "criminalization"));

        Assert.Contains("R15", danger.Route("ecthr-rule39").Rules);
        Assert.Equal("ecthr-rule39", torture.Mechanisms[0].MechanismId);
        Assert.DoesNotContain("ecthr-rule39", attackedLastWeek.Ids());
        Assert.DoesNotContain("ecthr-rule39", prosecuted.Ids());
    }

    [Fact]
    [CatalogueRule("R15", "coe-commissioner-hr for advocacy (no individual complaints). OSCE State → osce-odihr-hrd (monitoring/advocacy only).")]
    public void The_commissioner_and_odihr_support_without_taking_complaints()
    {
        var result = Recommend(Case("TR", "urgent", "physical-attack"));

        var commissioner = result.Route("coe-commissioner-hr");
        Assert.Equal(RouteGroup.Supporting, commissioner.Group);
        Assert.Contains("R15", commissioner.Rules);
        Assert.Contains(Keys.MonitoringOnly, result.Route("osce-odihr-hrd").NoteKeys());
        Assert.Equal(RouteGroup.LongTerm, result.Route("osce-odihr-hrd").Group);
    }

    // R16

    [Fact]
    [CatalogueRule("R16", "Non-EU country with EU missions → eu-guidelines-hrd (statements, trial observation, visits, emergency visas).")]
    public void Eu_missions_are_offered_outside_the_eu_but_not_inside_it()
    {
        Assert.Contains("R16", Recommend(Case("PH", "urgent", "threats")).Route("eu-guidelines-hrd").Rules);
        Assert.DoesNotContain("eu-guidelines-hrd", Recommend(Case("FR", "urgent", "threats")).Ids());
        Assert.DoesNotContain("eu-guidelines-hrd", Recommend(Case(null, "urgent", "threats")).Ids());
    }

    // R17

    [Fact]
    [CatalogueRule("R17", "Asia-Pacific (no regional system) → UN mechanisms + national NHRI / apf-nhri + UAF A&P for women/trans.")]
    public void In_asia_pacific_the_national_human_rights_institution_and_the_regional_urgent_action_fund_are_offered()
    {
        var result = Recommend(Case("PH", "urgent", "threats") with { Gender = "woman" });

        Assert.Contains("R17", result.Route("apf-nhri").Rules);
        var fund = result.Route("uaf-rapid-response");
        Assert.Contains("R17", fund.Rules);
        Assert.Equal(["Urgent Action Fund Asia & Pacific"], fund.Reasons[0].Arguments);
    }

    // R18

    [Fact]
    [CatalogueRule("R18", "Needs to leave / relocate → protectdefenders-eu (temporary relocation, emergency grants); fld-emergency-line; uaf-rapid-response (relocation); lifeline-cso-fund (organisation).")]
    public void A_defender_who_may_need_to_leave_is_offered_relocation_even_when_nobody_has_displaced_her_yet()
    {
        var result = Recommend(Case("CO", "urgent", "threats") with { NeedsRelocation = true, Gender = "woman" });

        var relocation = result.Route("protectdefenders-eu");
        Assert.Equal([Keys.RelocationProgramme], relocation.ReasonKeys());
        Assert.Equal(RouteGroup.ForTheSituation, relocation.Group);
        Assert.Contains(Keys.RelocationEmergencyLine, result.Route("fld-emergency-line").ReasonKeys());
        Assert.Contains(Keys.RelocationFundAlso, result.Route("uaf-rapid-response").ReasonKeys());
    }

    [Fact]
    [CatalogueRule("R18", "Already in exile → FLD grants do not cover exile costs; prefer ProtectDefenders.eu.")]
    public void A_defender_already_in_exile_is_pointed_to_protectdefenders_first_and_never_to_front_line_grants()
    {
        var result = Recommend(Case("TR", "urgent", "criminalization", "digital-attack", "threats") with { AlreadyLeft = true });

        Assert.Equal([Keys.RelocationInExile], result.Route("protectdefenders-eu").ReasonKeys());
        Assert.DoesNotContain("fld-protection-grants", result.Ids());
        Assert.DoesNotContain("fld-emergency-line", result.Ids());
    }

    // R19

    [Fact]
    [CatalogueRule("R19", "Organisation (≥2 activists) raided, equipment seized, staff prosecuted → lifeline-cso-fund + observatory-fidh-omct + un-sp-hrd.")]
    public void An_organisation_under_attack_is_offered_the_lifeline_fund_first_and_with_consent_an_observatory_alert()
    {
        var result = Recommend(Case("KE", "urgent", "criminalization") with { AtRisk = "organisation", AgreesToPublicity = true });

        Assert.Equal("lifeline-cso-fund", result.Mechanisms[0].MechanismId);
        Assert.Equal([Keys.OrganisationLifeline, Keys.CriminalizationOrganisationAlso], result.Route("lifeline-cso-fund").ReasonKeys());
        var observatory = result.Route("observatory-fidh-omct");
        Assert.Equal(["R12", "R19"], observatory.Rules);
        result.AssertRankedBefore("lifeline-cso-fund", "un-sp-hrd");
    }

    // R20

    [Fact]
    [CatalogueRule("R20", "Long-term redress with domestic remedies exhausted → pick one litigation forum (lis pendens): OAS → iachr-petitions (≤6 months from final decision) … Always compute the deadline from the final decision date.")]
    public void With_remedies_exhausted_one_forum_comes_first_with_the_deadline_counted_from_the_final_decision()
    {
        var result = Recommend(Case("CO", "long-term", "physical-attack") with { DomesticRemedies = "exhausted", FinalDecisionDate = new DateOnly(2026, 9, 1) });

        var petition = result.Route("iachr-petitions");
        Assert.Equal("iachr-petitions", result.Mechanisms[0].MechanismId);
        Assert.Contains("R20", petition.Rules);
        Assert.Contains(petition.Notes, n => n.Key == Keys.DeadlineOn && n.Arguments[0] == "lunes, 1 de marzo de 2027");
        Assert.Contains(Keys.OneForumOnly, petition.NoteKeys());
        Assert.DoesNotContain("un-tb-ccpr", result.Ids());
    }

    [Fact]
    [CatalogueRule("R20", "CoE → ECtHR application (≤4 months; see ecthr-rule39); otherwise un-tb-ccpr / un-tb-cat if the State accepted them.")]
    public void When_the_european_court_s_four_months_have_run_out_the_human_rights_committee_is_the_forum_that_remains()
    {
        var inTime = Recommend(Case("AZ", "long-term", "physical-attack") with { DomesticRemedies = "exhausted", FinalDecisionDate = new DateOnly(2026, 10, 1) });
        var tooLate = Recommend(Case("AZ", "long-term", "physical-attack") with { DomesticRemedies = "exhausted", FinalDecisionDate = new DateOnly(2026, 7, 3) });

        Assert.Contains(inTime.Route("ecthr-rule39").Notes, n => n.Key == Keys.DeadlineOn && n.Arguments[0] == "lunes, 1 de febrero de 2027");
        Assert.DoesNotContain("ecthr-rule39", tooLate.Ids());
        var committee = tooLate.Route("un-tb-ccpr");
        Assert.Contains(committee.Notes, n => n.Key == Keys.DeadlinePassedEuropean && n.Arguments[0] == "martes, 3 de noviembre de 2026");
    }

    [Fact]
    [CatalogueRule("R20", "Always compute the deadline from the final decision date.")]
    public void Without_the_decision_date_the_rule_in_months_is_given_and_with_remedies_pending_no_forum_is()
    {
        var undated = Recommend(Case("MX", "long-term", "physical-attack") with { DomesticRemedies = "exhausted" });
        var pending = Recommend(Case("PH", "long-term", "physical-attack") with { DomesticRemedies = "pending" });

        Assert.Contains(Keys.DeadlineSixMonths, undated.Route("iachr-petitions").NoteKeys());
        Assert.DoesNotContain("un-tb-ccpr", pending.Ids());
    }

    // R21

    [Fact]
    [CatalogueRule("R21", "Land/environment, indigenous, Afro-descendant defenders in the Americas → iachr-precautionary-measures (collective), national programme per R25, iachr training priority; ddp-digital-defenders and protection-international prioritise these groups.")]
    public void Indigenous_defenders_threatened_in_the_americas_are_offered_collective_measures_and_protection_international()
    {
        var result = Recommend(Case("CO", "urgent", "threats", "digital-attack") with { Profiles = ["indigenous"] });

        var measures = result.Route("iachr-precautionary-measures");
        Assert.Equal([Keys.PrecautionaryMeasures, Keys.CollectiveMeasuresAlso], measures.ReasonKeys());
        Assert.Contains("R21", result.Route("protection-international").Rules);
        Assert.Equal([Keys.DigitalFunding, Keys.CommunityDigitalAlso], result.Route("ddp-digital-defenders").ReasonKeys());
    }

    [Fact]
    [CatalogueRule("R21", "iachr-precautionary-measures (collective)")]
    public void A_community_leader_prosecuted_without_any_threat_to_life_gets_no_precautionary_measures()
    {
        Assert.DoesNotContain("iachr-precautionary-measures", Recommend(Case("MX", "urgent", "criminalization") with { Profiles = ["indigenous"] }).Ids());
    }

    // R25

    [Fact]
    [CatalogueRule("R25", "National programme (Mexico, Colombia, Brazil, Honduras; Peru ⚠) → name mx-mecanismo-proteccion / co-unp / br-ppddh / hn-snp as an option next to the international routes, only if the person is willing")]
    public void The_national_programme_is_an_option_next_to_the_international_routes_not_before_them()
    {
        var result = Recommend(Case("CO", "urgent", "threats") with { Perpetrator = "non-state" });

        var programme = result.Route("co-unp");
        Assert.Equal(RouteGroup.Supporting, programme.Group);
        Assert.Contains(programme.Reasons, r => r.Key == Keys.NationalProgramme && r.Arguments[0] == "Colombia");
        result.AssertRankedBefore("iachr-precautionary-measures", "co-unp");
        result.AssertRankedBefore("un-sp-hrd", "co-unp");
        Assert.DoesNotContain(Keys.NationalStateAgents, programme.NoteKeys());
        Assert.DoesNotContain("mx-mecanismo-proteccion", result.Ids());
    }

    [Fact]
    [CatalogueRule("R25", "if State agents are the threat, say so and lead with international/NGO routes.")]
    public void When_state_agents_are_the_threat_the_programme_says_so()
    {
        var programme = Recommend(Case("MX", "urgent", "digital-attack") with { Perpetrator = "state" }).Route("mx-mecanismo-proteccion");

        Assert.Contains(Keys.NationalStateAgents, programme.NoteKeys());
        Assert.Equal(RouteGroup.Supporting, programme.Group);
    }

    // R26

    [Fact]
    [CatalogueRule("R26", "Environmental defender in an Aarhus Party (Europe, Central Asia, EU) … → aarhus-sr-env-defenders (no exhaustion, confidential) + un-sp-hrd.")]
    public void An_environmental_defender_in_an_aarhus_party_goes_first_to_its_special_rapporteur_with_the_un_rapporteur()
    {
        var kazakhstan = Recommend(Case("KZ", "urgent", "criminalization") with { Profiles = ["land-environment"] });
        var turkey = Recommend(Case("TR", "urgent", "criminalization") with { Profiles = ["land-environment"] });

        var rapporteur = kazakhstan.Route("aarhus-sr-env-defenders");
        Assert.Equal("aarhus-sr-env-defenders", kazakhstan.Mechanisms[0].MechanismId);
        Assert.Contains(rapporteur.Reasons, r => r.Key == Keys.AarhusRapporteur && r.Arguments[0] == "Kazajistán");
        Assert.Contains("R26", kazakhstan.Route("un-sp-hrd").Rules);
        Assert.DoesNotContain("aarhus-sr-env-defenders", turkey.Ids());
    }
}
