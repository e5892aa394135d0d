namespace BotProtocol.Recognizers;

/// <summary>
/// The words of the three languages that readers extend, as opposed to their grammar (<see cref="LanguageRules"/>):
/// shorthand, courtesy, regional fillers, colleagues and crowds. The app passes them in from its content, normalised
/// (<see cref="TextNormalizer"/>); <see cref="Empty"/> reads with none of them.
/// </summary>
public sealed class Lexicon
{
    private Understanding? _plain;

    public static Lexicon Empty { get; } = new();

    /// <summary>A colleague named around what was done is someone else it was done to: "two comrades were killed".</summary>
    public IReadOnlySet<string> Colleagues { get; init; } = new HashSet<string>();

    /// <summary>A crowd or a community fired on or attacked, the teller among it: "shot at the crowd".</summary>
    public IReadOnlySet<string> Crowds { get; init; } = new HashSet<string>();

    /// <summary>Articles and possessives before a crowd: "the crowd", "notre marche", "la gente".</summary>
    public IReadOnlySet<string> CrowdArticles { get; init; } = new HashSet<string>();

    /// <summary>Times that come back rather than now, each its words in order: "la nuit", "a veces", "at night".</summary>
    public IReadOnlyList<IReadOnlyList<string>> RecurringTimes { get; init; } = [];

    /// <summary>The words that open "please" or "thanks" on their own: not "por", "s", "you", which open statements too.</summary>
    public IReadOnlySet<string> CourtesyOpeners { get; init; } = new HashSet<string>();

    /// <summary>Words after which a French "nan" is still a no: "bah nan", "mais nan", "moi nan".</summary>
    public IReadOnlySet<string> NanLeadIns { get; init; } = new HashSet<string>();

    /// <summary>A life in danger told in general ("siempre estoy en peligro"): doubt, which a "but" after it settles.</summary>
    public IReadOnlyList<string> GeneralDoubts { get; init; } = [];

    /// <summary>What people type for speed, spelled out in any language: "xq" → "porque", "jsp" → "je sais pas".</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Shorthand { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>By language, shorthand read so there before any other: in English "k" is "ok", in French "pk" is "pourquoi".</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> ShorthandIn { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    /// <summary>By language, its words that another language's shorthand spells the same: French "dont".</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> NotShorthandIn { get; init; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>Verbs after which a French "sa" is "ça" typed by its sound: "sa va", "sa dépend".</summary>
    public IReadOnlySet<string> CaVerbs { get; init; } = new HashSet<string>();

    /// <summary>By language, words whose ending is no ending (<see cref="LightStemmer"/>): French "violation" is not "viol".</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Unstemmed { get; init; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>Words after which "no se" is a reflexive "se", not "no sé": "que no se lo pasen a nadie".</summary>
    public IReadOnlySet<string> ReflexiveFollowers { get; init; } = new HashSet<string>();

    /// <summary>The reader of plain yes and no with these words (<see cref="ConfirmWords"/>), built on first use.</summary>
    internal Understanding Plain => _plain ??= Understanding.Build([], [], ["es", "fr", "en"], lexicon: this);
}
