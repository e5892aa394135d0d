using System.Collections.Frozen;

namespace ProtectionBot.Recommendations;

/// <summary>
/// Every text key a rule can emit, under <c>reasons.</c> in <c>dialogs/texts/*/reasons.yaml</c>. Keeping them here,
/// not inline in the rules, lets a test prove each one exists in every language. A key ending in <c>_also</c> is the
/// shorter sentence a rule adds when another rule already explains the route.
/// </summary>
internal static class ReasonKeys
{
    // R1
    public const string EmergencyLine = "reasons.danger.emergency_line";
    public const string DigitalEmergency = "reasons.danger.digital_emergency";
    public const string LocalHelp = "reasons.note.local_help";

    // R2, R3
    public const string PrecautionaryMeasures = "reasons.iachr.precautionary_measures";
    public const string PrecautionaryDetention = "reasons.iachr.precautionary_detention";
    public const string PetitionForFairTrial = "reasons.iachr.petition_fair_trial";
    public const string CourtThroughCommission = "reasons.iachr.court_through_commission";

    // R4
    public const string UrgentAppeal = "reasons.hrd.urgent_appeal";
    public const string AllegationLetter = "reasons.hrd.allegation_letter";

    // R5
    public const string DetentionUrgentAction = "reasons.detention.urgent_action";
    public const string DetentionOpinion = "reasons.detention.opinion";
    public const string DetentionTortureRisk = "reasons.detention.torture_risk";
    public const string DetentionFamilyGrant = "reasons.detention.family_grant";
    public const string DetentionFamilyGrantAlso = "reasons.detention.family_grant_also";
    public const string DetentionOrganisationGrant = "reasons.detention.organisation_grant";
    public const string DetentionOrganisationGrantAlso = "reasons.detention.organisation_grant_also";
    public const string DetentionEuVisits = "reasons.detention.eu_visits";
    public const string DetentionEuVisitsAlso = "reasons.detention.eu_visits_also";

    // R6
    public const string DisappearanceUrgentProcedure = "reasons.disappearance.urgent_procedure";
    public const string DisappearanceStandardProcedure = "reasons.disappearance.standard_procedure";
    public const string DisappearanceCommittee = "reasons.disappearance.committee";
    public const string DisappearancePrecautionary = "reasons.disappearance.precautionary";
    public const string DisappearancePrecautionaryAlso = "reasons.disappearance.precautionary_also";

    // R7
    public const string TortureUrgentAppeal = "reasons.torture.urgent_appeal";
    public const string TortureAllegation = "reasons.torture.allegation";
    public const string TortureAlert = "reasons.torture.alert";

    // R8
    public const string KillingExecutions = "reasons.killing.executions";
    public const string ThreatsExecutions = "reasons.killing.executions_threat";
    public const string ThreatsExecutionsIf = "reasons.killing.executions_if";
    public const string KillingPrecautionary = "reasons.killing.precautionary";
    public const string KillingPrecautionaryAlso = "reasons.killing.precautionary_also";
    public const string KillingAlert = "reasons.killing.alert";
    public const string KillingAmnesty = "reasons.killing.amnesty";

    // R9
    public const string ViolenceAgainstWomen = "reasons.gender.violence_against_women";
    public const string UrgentActionFundWomen = "reasons.gender.fund_women";
    public const string UrgentActionFundTrans = "reasons.gender.fund_trans";
    public const string UrgentActionFundIf = "reasons.gender.fund_if";

    // R10
    public const string DigitalHelpline = "reasons.digital.helpline";
    public const string DigitalFunding = "reasons.digital.funding";
    public const string DigitalDevicesGrant = "reasons.digital.devices_grant";
    public const string DigitalDevicesGrantAlso = "reasons.digital.devices_grant_also";
    public const string DigitalStateSurveillance = "reasons.digital.state_surveillance";
    public const string DigitalStateSurveillanceAlso = "reasons.digital.state_surveillance_also";
    public const string DigitalStateSurveillanceIf = "reasons.digital.state_surveillance_if";
    public const string DigitalStateSurveillanceIfAlso = "reasons.digital.state_surveillance_if_also";

    // R11
    public const string ExpressionSmear = "reasons.expression.smear";
    public const string ExpressionSmearAlso = "reasons.expression.smear_also";
    public const string ExpressionJournalist = "reasons.expression.journalist";
    public const string ExpressionJournalistAlso = "reasons.expression.journalist_also";

    // R12
    public const string CriminalizationTrialObservation = "reasons.criminalization.trial_observation";
    public const string CriminalizationTrialObservationAlso = "reasons.criminalization.trial_observation_also";
    public const string CriminalizationEuTrial = "reasons.criminalization.eu_trial";
    public const string CriminalizationEuTrialAlso = "reasons.criminalization.eu_trial_also";
    public const string CriminalizationLegalFees = "reasons.criminalization.legal_fees";
    public const string CriminalizationLegalFeesAlso = "reasons.criminalization.legal_fees_also";
    public const string CriminalizationOrganisation = "reasons.criminalization.organisation";
    public const string CriminalizationOrganisationAlso = "reasons.criminalization.organisation_also";
    public const string CriminalizationCommissioner = "reasons.criminalization.commissioner";
    public const string CriminalizationOdihr = "reasons.criminalization.odihr";

    // R13
    public const string ReprisalsOfficial = "reasons.reprisals.official";
    public const string ReprisalsAfricaAlso = "reasons.reprisals.africa_also";
    public const string ReprisalsIshr = "reasons.reprisals.ishr";

    // R14
    public const string AfricaUrgentAppeal = "reasons.africa.urgent_appeal";
    public const string AfricaLetter = "reasons.africa.letter";

    // R15
    public const string EuropeInterimMeasure = "reasons.europe.interim_measure";
    public const string EuropeCommissioner = "reasons.europe.commissioner";
    public const string EuropeOdihr = "reasons.europe.odihr";

    // R16
    public const string EuMissions = "reasons.eu.missions";

    // R17
    public const string AsiaPacificInstitution = "reasons.asia_pacific.institution";

    // R18
    public const string RelocationProgramme = "reasons.relocation.programme";
    public const string RelocationInExile = "reasons.relocation.in_exile";
    public const string RelocationDisplaced = "reasons.relocation.displaced";
    public const string RelocationEmergencyLine = "reasons.relocation.emergency_line";
    public const string RelocationEmergencyLineAlso = "reasons.relocation.emergency_line_also";
    public const string RelocationFund = "reasons.relocation.fund";
    public const string RelocationFundAlso = "reasons.relocation.fund_also";
    public const string RelocationOrganisation = "reasons.relocation.organisation";
    public const string RelocationOrganisationAlso = "reasons.relocation.organisation_also";

    // R19
    public const string OrganisationLifeline = "reasons.organisation.lifeline";
    public const string OrganisationAlert = "reasons.organisation.alert";

    // R20
    public const string RedressInterAmerican = "reasons.redress.inter_american";
    public const string RedressAfrican = "reasons.redress.african";
    public const string RedressEuropean = "reasons.redress.european";
    public const string RedressTorture = "reasons.redress.torture";
    public const string RedressCovenant = "reasons.redress.covenant";
    public const string RedressAlso = "reasons.redress.case_also";

    // R21
    public const string CollectiveMeasures = "reasons.community.collective_measures";
    public const string CollectiveMeasuresAlso = "reasons.community.collective_measures_also";
    public const string CommunityProtection = "reasons.community.protection";
    public const string CommunityDigital = "reasons.community.digital";
    public const string CommunityDigitalAlso = "reasons.community.digital_also";

    // R24
    public const string PublicityAmnesty = "reasons.publicity.amnesty";

    // R25
    public const string NationalProgramme = "reasons.national.programme";

    // R26
    public const string AarhusRapporteur = "reasons.aarhus.rapporteur";

    // Notes a rule attaches to its own route
    public const string RemediesFirst = "reasons.note.remedies_first";
    public const string ConsentRequired = "reasons.note.consent_required";
    public const string DisappearanceConditions = "reasons.note.disappearance_conditions";
    public const string NoIndividualComplaints = "reasons.note.no_individual_complaints";
    public const string MonitoringOnly = "reasons.note.monitoring_only";
    public const string AskLiaisonOfficer = "reasons.note.ask_liaison_officer";
    public const string NotAFairTrialRemedy = "reasons.note.not_a_fair_trial_remedy";
    public const string OneForumOnly = "reasons.note.one_forum_only";
    public const string DeadlineOn = "reasons.note.deadline_on";
    public const string DeadlinePassed = "reasons.note.deadline_passed";
    public const string DeadlineSixMonths = "reasons.note.deadline_six_months";
    public const string DeadlineFourMonths = "reasons.note.deadline_four_months";
    public const string DeadlineReasonable = "reasons.note.deadline_reasonable";
    public const string DeadlineNoneFixed = "reasons.note.deadline_none_fixed";
    public const string DeadlinePassedInterAmerican = "reasons.note.deadline_passed_inter_american";
    public const string DeadlinePassedEuropean = "reasons.note.deadline_passed_european";
    public const string WomenOnly = "reasons.note.women_only";
    public const string NationalStateAgents = "reasons.note.national_state_agents";

    // Notes added after merging: coverage, R23, R24
    public const string CheckCoverage = "reasons.note.check_coverage";
    public const string LanguageNotAccepted = "reasons.note.language_not_accepted";
    public const string LanguageUnconfirmed = "reasons.note.language_unconfirmed";
    public const string PublicAgreed = "reasons.note.public_agreed";
    public const string SourceKeptConfidential = "reasons.note.source_kept_confidential";

    // R22
    public const string TrainingInterAmericanCourse = "reasons.training.inter_american_course";
    public const string TrainingInterAmericanPriority = "reasons.training.inter_american_priority";
    public const string TrainingSecurityElearning = "reasons.training.security_elearning";
    public const string TrainingElearningTeams = "reasons.training.elearning_teams";
    public const string TrainingRegional = "reasons.training.regional";
    public const string TrainingGenevaProgramme = "reasons.training.geneva_programme";
    public const string TrainingAcademy = "reasons.training.academy";
    public const string TrainingSecurityOnRequest = "reasons.training.security_on_request";
    public const string TrainingFits = "reasons.training.fits";
    public const string TrainingOtherLanguage = "reasons.training.other_language";
    public const string TrainingOpenUntil = "reasons.training.open_until";
    public const string TrainingOpensOn = "reasons.training.opens_on";
    public const string TrainingClosed = "reasons.training.closed";

    /// <summary>The reasons that say whether registration is open: the result shows them as the training's status.</summary>
    public static readonly IReadOnlySet<string> TrainingStatuses = new HashSet<string>(StringComparer.Ordinal) { TrainingOpenUntil, TrainingOpensOn, TrainingClosed };

    /// <summary>
    /// Sentences about the person at risk. Each has two more versions in the texts, <c>…_relative</c> for someone who
    /// writes for another person and <c>…_organisation</c> for an organisation, so a sister writing about her brother
    /// never reads "your life is at risk".
    /// </summary>
    public static readonly FrozenSet<string> Addressed = FrozenSet.Create(StringComparer.Ordinal,
        EmergencyLine, PrecautionaryMeasures, PrecautionaryDetention, DetentionUrgentAction, DetentionOpinion, ThreatsExecutions,
        ViolenceAgainstWomen, UrgentActionFundWomen, UrgentActionFundTrans, ExpressionSmear, ExpressionJournalist,
        CriminalizationTrialObservation, ReprisalsOfficial, EuropeInterimMeasure, RelocationProgramme, RelocationInExile,
        RelocationDisplaced, NationalProgramme, AarhusRapporteur);

    /// <summary>The version of a sentence about the person at risk that speaks to whoever is writing.</summary>
    public static string For(string key, Addressee addressee) => !Addressed.Contains(key) ? key : addressee switch
    {
        Addressee.Relative => key + "_relative",
        Addressee.Organisation => key + "_organisation",
        _ => key,
    };

    /// <summary>Every key with its addressed versions: what the texts must hold in each language.</summary>
    public static IEnumerable<string> WithVersions(string key) =>
        Addressed.Contains(key) ? [key, key + "_relative", key + "_organisation"] : [key];
}
