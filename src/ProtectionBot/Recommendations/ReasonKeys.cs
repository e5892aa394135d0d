namespace ProtectionBot.Recommendations;

/// <summary>
/// Every text key a rule can emit, under <c>reasons.</c> in <c>dialogs/texts/*/reasons.yaml</c>. Keeping them here,
/// not inline in the rules, lets a test prove each one exists in every language.
/// </summary>
internal static class ReasonKeys
{
    // R1
    public const string EmergencyLine = "reasons.danger.emergency_line";
    public const string DigitalEmergency = "reasons.danger.digital_emergency";
    public const string LocalHelp = "reasons.note.local_help";

    // R2, R3
    public const string PrecautionaryMeasures = "reasons.iachr.precautionary_measures";
    public const string PetitionForFairTrial = "reasons.iachr.petition_fair_trial";
    public const string CourtThroughCommission = "reasons.iachr.court_through_commission";

    // R4
    public const string UrgentAppeal = "reasons.hrd.urgent_appeal";
    public const string AllegationLetter = "reasons.hrd.allegation_letter";

    // R5
    public const string DetentionUrgentAction = "reasons.detention.urgent_action";
    public const string DetentionOpinion = "reasons.detention.opinion";
    public const string DetentionTortureRisk = "reasons.detention.torture_risk";
    public const string DetentionAfrica = "reasons.detention.africa";
    public const string DetentionFamilyGrant = "reasons.detention.family_grant";
    public const string DetentionOrganisationGrant = "reasons.detention.organisation_grant";
    public const string DetentionEuVisits = "reasons.detention.eu_visits";

    // R6
    public const string DisappearanceUrgentProcedure = "reasons.disappearance.urgent_procedure";
    public const string DisappearanceStandardProcedure = "reasons.disappearance.standard_procedure";
    public const string DisappearanceCommittee = "reasons.disappearance.committee";
    public const string DisappearancePrecautionary = "reasons.disappearance.precautionary";

    // R7
    public const string TortureUrgentAppeal = "reasons.torture.urgent_appeal";
    public const string TortureAllegation = "reasons.torture.allegation";
    public const string TortureAlert = "reasons.torture.alert";

    // R8
    public const string KillingExecutions = "reasons.killing.executions";
    public const string KillingPrecautionary = "reasons.killing.precautionary";
    public const string KillingAlert = "reasons.killing.alert";
    public const string KillingAmnesty = "reasons.killing.amnesty";

    // R9
    public const string ViolenceAgainstWomen = "reasons.gender.violence_against_women";
    public const string UrgentActionFundWomen = "reasons.gender.fund_women";
    public const string UrgentActionFundTrans = "reasons.gender.fund_trans";

    // R10
    public const string DigitalHelpline = "reasons.digital.helpline";
    public const string DigitalFunding = "reasons.digital.funding";
    public const string DigitalDevicesGrant = "reasons.digital.devices_grant";
    public const string DigitalStateSurveillance = "reasons.digital.state_surveillance";

    // R11
    public const string ExpressionRapporteur = "reasons.expression.rapporteur";

    // R12
    public const string CriminalizationTrialObservation = "reasons.criminalization.trial_observation";
    public const string CriminalizationEuTrial = "reasons.criminalization.eu_trial";
    public const string CriminalizationLegalFees = "reasons.criminalization.legal_fees";
    public const string CriminalizationOrganisation = "reasons.criminalization.organisation";
    public const string CriminalizationCommissioner = "reasons.criminalization.commissioner";
    public const string CriminalizationOdihr = "reasons.criminalization.odihr";

    // R13
    public const string ReprisalsOfficial = "reasons.reprisals.official";
    public const string ReprisalsAfrica = "reasons.reprisals.africa";

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
    public const string RelocationEmergencyLine = "reasons.relocation.emergency_line";
    public const string RelocationFund = "reasons.relocation.fund";
    public const string RelocationOrganisation = "reasons.relocation.organisation";

    // R19
    public const string OrganisationLifeline = "reasons.organisation.lifeline";
    public const string OrganisationAlert = "reasons.organisation.alert";

    // R20
    public const string RedressInterAmerican = "reasons.redress.inter_american";
    public const string RedressAfrican = "reasons.redress.african";
    public const string RedressEuropean = "reasons.redress.european";
    public const string RedressTorture = "reasons.redress.torture";
    public const string RedressCovenant = "reasons.redress.covenant";

    // R21
    public const string CollectiveMeasures = "reasons.community.collective_measures";
    public const string CommunityProtection = "reasons.community.protection";
    public const string CommunityDigital = "reasons.community.digital";

    // Notes a rule attaches to its own route
    public const string RemediesFirst = "reasons.note.remedies_first";
    public const string ConsentRequired = "reasons.note.consent_required";
    public const string DisappearanceConditions = "reasons.note.disappearance_conditions";
    public const string NoIndividualComplaints = "reasons.note.no_individual_complaints";
    public const string MonitoringOnly = "reasons.note.monitoring_only";
    public const string AskLiaisonOfficer = "reasons.note.ask_liaison_officer";
    public const string NotAFairTrialRemedy = "reasons.note.not_a_fair_trial_remedy";
    public const string ExileNotCovered = "reasons.note.exile_not_covered";
    public const string OneForumOnly = "reasons.note.one_forum_only";
    public const string DeadlineOn = "reasons.note.deadline_on";
    public const string DeadlinePassed = "reasons.note.deadline_passed";
    public const string DeadlineSixMonths = "reasons.note.deadline_six_months";
    public const string DeadlineFourMonths = "reasons.note.deadline_four_months";
    public const string DeadlineReasonable = "reasons.note.deadline_reasonable";
    public const string DeadlineNoneFixed = "reasons.note.deadline_none_fixed";

    // Notes added after merging: coverage, R23, R24
    public const string CheckCoverage = "reasons.note.check_coverage";
    public const string LanguageNotAccepted = "reasons.note.language_not_accepted";
    public const string LanguageUnconfirmed = "reasons.note.language_unconfirmed";
    public const string PublicOnlyWithConsent = "reasons.note.public_only_with_consent";
    public const string PublicAfterConfidential = "reasons.note.public_after_confidential";
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
    public const string TrainingOpenUntil = "reasons.training.open_until";
    public const string TrainingOpensOn = "reasons.training.opens_on";
    public const string TrainingClosed = "reasons.training.closed";

    /// <summary>The reasons that say whether registration is open: the result shows them as the training's status.</summary>
    public static readonly IReadOnlySet<string> TrainingStatuses = new HashSet<string>(StringComparer.Ordinal) { TrainingOpenUntil, TrainingOpensOn, TrainingClosed };
}
