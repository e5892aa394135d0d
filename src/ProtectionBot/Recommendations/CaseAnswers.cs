namespace ProtectionBot.Recommendations;

/// <summary>
/// What the defender told the interview, in codes (never free text, except the optional description). This is what
/// the recommendation rules read and what a partner receives, with consent, in a handoff.
/// </summary>
internal sealed record CaseAnswers
{
    /// <summary>es, fr or en.</summary>
    public required string Language { get; init; }

    /// <summary>Life or physical integrity at risk right now.</summary>
    public bool InImmediateDanger { get; init; }

    /// <summary>In danger and asked to be contacted by a partner organisation as soon as possible.</summary>
    public bool WantsPartnerNow { get; init; }

    /// <summary>ISO 3166-1 alpha-2 of the country where it happens; null when not given.</summary>
    public string? Country { get; init; }

    /// <summary>Codes from <see cref="Knowledge.KnowledgeCodes.Situations"/>.</summary>
    public IReadOnlyList<string> Situations { get; init; } = [];

    /// <summary>A detention reported and told as over: the person is no longer held.</summary>
    public bool Released { get; init; }

    /// <summary><c>self</c>, <c>someone-else</c> (a colleague, relative) or <c>organisation</c> (a group or community).</summary>
    public string? AtRisk { get; init; }

    /// <summary>
    /// <c>woman</c>, <c>man</c> or <c>trans-nonbinary</c>, of the person at risk; null when not asked, or when they
    /// preferred not to say. Asked only where a route depends on it (women's funds, the Rapporteur on violence against women).
    /// </summary>
    public string? Gender { get; init; }

    /// <summary>Codes from <see cref="Knowledge.KnowledgeCodes.Profiles"/> (never <c>any</c>).</summary>
    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary>One of <see cref="Knowledge.KnowledgeCodes.Urgencies"/>; <c>immediate</c> when in danger.</summary>
    public string Urgency { get; init; } = "long-term";

    /// <summary><c>not-approached</c>, <c>pending</c> (complaint filed, no final decision) or <c>exhausted</c> (final decision).</summary>
    public string? DomesticRemedies { get; init; }

    /// <summary>When the final domestic decision was given, when remedies are exhausted and the person knows.</summary>
    public DateOnly? FinalDecisionDate { get; init; }

    /// <summary><c>days</c>, <c>weeks</c>, <c>months</c> (up to a year) or <c>years</c>.</summary>
    public string? Started { get; init; }

    /// <summary>The person may need to leave their home, region or country to be safe (R18).</summary>
    public bool NeedsRelocation { get; init; }

    /// <summary>The person has already had to leave their country (in exile): some grants no longer apply (R18).</summary>
    public bool AlreadyLeft { get; init; }

    /// <summary>
    /// Who is behind the threat: <c>state</c> (police, army, officials), <c>non-state</c> (armed or criminal groups,
    /// companies, private persons) or <c>unknown</c>; null when not asked or not said. Decides how a national protection
    /// programme is offered (R25).
    /// </summary>
    public string? Perpetrator { get; init; }

    /// <summary>
    /// The person said it would not be safe for them if the case were made public (the sheet's <c>publicity: no</c>):
    /// public alerts are never offered, and confidential routes say the source stays confidential (R24).
    /// </summary>
    public bool FearsExposure { get; init; }

    /// <summary>
    /// The person said it would be safe for their case to be made public (the sheet's <c>publicity: yes</c>). Public
    /// alerts (Amnesty's urgent actions, the Observatory's alerts) need this explicit yes (R24); without it, because the
    /// question was not asked or they preferred not to say, they are not offered.
    /// </summary>
    public bool AgreesToPublicity { get; init; }

    /// <summary>Interested in trainings as well as protection.</summary>
    public bool WantsTraining { get; init; } = true;

    /// <summary>No threat or attack to report: the person wants to learn, so only trainings are offered (R22).</summary>
    public bool LearningOnly { get; init; }

    /// <summary>Optional free text; kept only with consent and never logged.</summary>
    public string? Description { get; init; }
}
