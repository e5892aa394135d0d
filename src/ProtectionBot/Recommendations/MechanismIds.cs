namespace ProtectionBot.Recommendations;

/// <summary>
/// The mechanism ids the routing rules name, as the catalogue spells them. The knowledge files may drop or rename an
/// entry; a rule that names an id the data lacks is then simply skipped. National programmes are not named here: R25
/// finds the one for the person's country in the data (system <c>national</c>).
/// </summary>
internal static class MechanismIds
{
    public const string EmergencyLine = "fld-emergency-line";
    public const string ProtectionGrants = "fld-protection-grants";
    public const string ProtectDefenders = "protectdefenders-eu";
    public const string UrgentActionFund = "uaf-rapid-response";
    public const string Lifeline = "lifeline-cso-fund";
    public const string Observatory = "observatory-fidh-omct";
    public const string AccessNow = "access-now-helpline";
    public const string DigitalDefenders = "ddp-digital-defenders";
    public const string ProtectionInternational = "protection-international";
    public const string Amnesty = "amnesty-urgent-action";
    public const string Ishr = "ishr";
    public const string AsiaPacificForum = "apf-nhri";

    public const string RapporteurOnDefenders = "un-sp-hrd";
    public const string RapporteurOnTorture = "un-sp-torture";
    public const string RapporteurOnViolenceAgainstWomen = "un-sp-vaw";
    public const string WorkingGroupOnArbitraryDetention = "un-sp-wgad";
    public const string RapporteurOnExpression = "un-sp-fox";
    public const string RapporteurOnExecutions = "un-sp-executions";
    public const string WorkingGroupOnDisappearances = "un-sp-wgeid";
    public const string HumanRightsCommittee = "un-tb-ccpr";
    public const string CommitteeAgainstTorture = "un-tb-cat";
    public const string CommitteeOnDisappearances = "un-tb-ced-urgent-action";
    public const string UnReprisals = "un-reprisals-asg";

    public const string PrecautionaryMeasures = "iachr-precautionary-measures";
    public const string InterAmericanPetitions = "iachr-petitions";
    public const string InterAmericanCourt = "iacthr-provisional-measures";

    public const string AfricanRapporteurOnDefenders = "achpr-sr-hrd";
    public const string AfricanCommunications = "achpr-communications";

    public const string EuropeanCourt = "ecthr-rule39";
    public const string EuropeanCommissioner = "coe-commissioner-hr";
    public const string Odihr = "osce-odihr-hrd";
    public const string EuGuidelines = "eu-guidelines-hrd";

    public const string AarhusRapporteur = "aarhus-sr-env-defenders";
}
