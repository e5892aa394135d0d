using BotProtocol.Recognizers;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Interview;

/// <summary>
/// The codes each question offers, in the order they are shown; their labels are texts under the question's key, their
/// vocabularies are in <c>dialogs/understanding</c> under the question's id (<see cref="Questions"/>).
/// </summary>
internal static class InterviewChoices
{
    public const string NoProfile = "none";

    /// <summary>The value of the "prefer not to say" option every question offers or understands.</summary>
    public const string PreferNot = "prefer-not";

    /// <summary>The marker of a person taken who came back: no situation itself, it makes a disappearance read as a detention.</summary>
    public const string CameBack = "came-back";

    /// <summary>The marker of custody ("in the cells", "au cachot"): no situation itself, it makes a beating there read as torture.</summary>
    public const string InCustody = "in-custody";

    /// <summary>The marker of a condition ("si no habla", "if you don't stop"): no situation itself, it makes a harm promised after it read as a threat.</summary>
    public const string OnACondition = "on-a-condition";

    /// <summary>
    /// The marker of a suspicion told without proof ("je pense que c'est les services mais je peux pas prouver"): the one
    /// suspected is the answer; with no one or several suspected, the perpetrator is unknown.
    /// </summary>
    public const string Unproven = "unproven";

    public static readonly IReadOnlyList<string> YesNo = ["yes", "no"];

    /// <summary>
    /// Every situation but <c>land-environment</c>, which people name as their work (a profile), not as what happens;
    /// <c>none</c> last: nothing has happened, the person wants to learn.
    /// </summary>
    public static readonly IReadOnlyList<string> Situations = [.. KnowledgeCodes.Situations.Where(s => s != "land-environment"), "none"];

    public static readonly IReadOnlyList<string> AtRisk = ["self", "someone-else", "organisation"];

    public static readonly IReadOnlyList<string> Genders = ["woman", "man", "trans-nonbinary"];

    public static readonly IReadOnlyList<string> Profiles =
        ["women", "indigenous", "afro-descendant", "lgbti", "land-environment", "journalist", "justice-operator", "trade-unionist", NoProfile];

    /// <summary>Immediate danger has its own question, asked first.</summary>
    public static readonly IReadOnlyList<string> Urgencies = ["urgent", "long-term"];

    public static readonly IReadOnlyList<string> Perpetrators = ["state", "non-state", "unknown"];

    public static readonly IReadOnlyList<string> Relocation = ["may-need-to-leave", "already-left", "no"];

    public static readonly IReadOnlyList<string> Remedies = ["not-approached", "pending", "exhausted"];

    public static readonly IReadOnlyList<string> Started = ["days", "weeks", "months", "years"];

    /// <summary>Requests understood at any step, in a full sentence too.</summary>
    public static readonly IReadOnlyList<string> Intents =
        [
            "talk-to-person", "help", "restart", "language-es", "language-fr", "language-en", "other-language", "erase", "case-status", "case-sent", "erase-later", "quick-exit",
            "leave", "shut", "watched", "hurry", "calls-for-help", "not-understood", "explain", "asks-why", "asks-meaning", "case-asked", "greeting", "depends", "farewell",
            "watching-screen",
        ];

    /// <summary>Each question's id (as in <c>dialogs/understanding</c>) and the options its vocabulary may name.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Questions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        // "no" is the answer to "shall we go on in this language?" that asks for another one: "quiero cambiar".
        // "weak-en": a language the person says they speak poorly ("my English is not good"); its phrase takes the name,
        // so that it does not choose the language.
        ["language"] = [.. Language.All, "no", .. Language.All.Select(l => "weak-" + l)],
        // "sheltered": hiding at someone's place ("je suis caché chez un ami", "escondida donde mi tía") tells where the person
        // is safe, not whether they are in danger; its phrases take the hiding words, so the rest of the answer decides.
        ["danger"] = [.. YesNo, "sheltered", Understanding.UndecidedOption],
        // "by-means": how to be reached, said with its own no ("llamadas no", "appelez pas", "no calls"): the condition of a
        // yes, not a no to the offer ("sí pero solo por whatsapp, llamadas no"); its phrases take the words.
        // "undecided": the answer hangs on who would call, or on a doubt about the offer ("depende quién sea", "ça dépend qui",
        // "30 days is long"); asked again.
        ["partner_now"] = [.. YesNo, "by-means", Understanding.UndecidedOption],
        ["consent"] = [.. YesNo, Understanding.UndecidedOption],
        // "undecided" here is what happened that is none of the options (a dismissal, a blacklist of unknown origin, a march
        // dispersed, an act called harassment); its phrases take the words, so that no option is read from them.
        // "came-back" is no answer either: one taken who came back was held, not disappeared (dialogs/understanding/rereads.yaml).
        // "in-custody" neither: a beating in the cells is ill-treatment in custody, read as torture (rereads.yaml); nor
        // "on-a-condition": a harm promised on a condition is a threat.
        ["situations"] = [.. Situations, Understanding.UndecidedOption, CameBack, InCustody, OnACondition],
        ["at_risk"] = AtRisk,
        // "several": people whose genders are not told ("somos varios", "me and my son"); its phrases take the words, so that
        // no one gender is read for a group, and the question is asked again. A couple or a group of both genders ("somos
        // hombres y mujeres", "me and my husband") names both, and which of the two is asked.
        ["gender"] = [.. Genders, "several"],
        ["profile"] = Profiles,
        // "undecided" (Understanding.UndecidedOption): neither option, or part of each ("ni urgente ni viejo", "public for me
        // but not for my family", "we wrote to the commission, does that count?"); its phrases make the answer asked again.
        ["urgency"] = [.. Urgencies, Understanding.UndecidedOption],
        // "unproven" (Unproven) is no answer either: beside the one suspected, that one; alone or beside two, unknown.
        ["perpetrator"] = [.. Perpetrators, Unproven],
        ["relocation"] = Relocation,
        ["publicity"] = [.. YesNo, Understanding.UndecidedOption],
        ["remedies"] = [.. Remedies, Understanding.UndecidedOption],
        // "undecided": a time too vague to place ("hace un tiempo", "il y a un moment", "some time ago"): asked again.
        ["started"] = [.. Started, Understanding.UndecidedOption],
        ["decision_date"] = ["unknown"],
        // Not asked: what a story says of a detention, "relâché ce matin", "out on bail" (released) or "sigue preso" (held).
        // A detention told as over is no longer one to act on while it lasts (an urgent appeal, prison visits).
        ["detention"] = ["released", "held"],
        // The description is free text; only its ways of skipping it ("next", "saltar", "rien à dire de plus") are read.
        ["description"] = ["skip", "already-told"],
    };
}
