using BotProtocol.Recognizers;

namespace ProtectionBot.Content;

/// <summary>
/// The word lists of <c>dialogs/understanding/{es,fr,en}.yaml</c> (<c>words:</c>, <c>shorthand:</c>,
/// <c>own_shorthand:</c>, <c>not_shorthand:</c>), normalised, each joined over the languages that have it: those the
/// reading of any answer uses (<see cref="Lexicon"/>) and those the interview and the country catalogue use.
/// </summary>
internal sealed class UnderstandingWords
{
    public required Lexicon Lexicon { get; init; }

    /// <summary>Groups a possessive may lead, which are not the person at risk: "the commander and his men".</summary>
    public required IReadOnlySet<string> Followers { get; init; }

    /// <summary>Killing said just before someone: "killed my colleague", "mataron a mi compañero".</summary>
    public required IReadOnlySet<string> Killing { get; init; }

    /// <summary>Words that tell a screen watched as past: "was looking", "estaba viendo", "regardait".</summary>
    public required IReadOnlySet<string> PastWatching { get; init; }

    /// <summary>Words of something happening: the place named just after them is where it happens.</summary>
    public required IReadOnlySet<string> Happening { get; init; }

    /// <summary>A border ("frontera") and the words that join the neighbour to it ("con", "avec", "with").</summary>
    public required IReadOnlySet<string> Border { get; init; }

    public required IReadOnlySet<string> BorderJoints { get; init; }

    /// <summary>
    /// Words a request may open with while the person writes freely: "i want to talk to someone", "je veux effacer mes
    /// données" ask; "they told me to talk to someone" tells.
    /// </summary>
    public required IReadOnlySet<string> WishLeadIns { get; init; }
}
