using BotProtocol.Recognizers;
using BotProtocol.Turns;

namespace ProtectionBot.Content;

/// <summary>
/// Words that act at any step of any conversation (quick exit, delete my data, help, restart, a language's name), in every
/// language at once: a frightened person may type the exit word of a language other than the one in use.
/// A command is the whole message, not a word inside a sentence, so "I want to exit the country" stays an answer.
/// </summary>
internal sealed class CommandWords
{
    private readonly HashSet<string> _quickExit;
    private readonly HashSet<string> _deleteData;
    private readonly HashSet<string> _help;
    private readonly HashSet<string> _restart;
    private readonly Dictionary<string, string> _languages = new(StringComparer.Ordinal);

    public CommandWords(TextCatalog texts)
    {
        _quickExit = Normalized(texts.GetListInAllLanguages("safety.quick_exit.words"));
        _deleteData = Normalized(texts.GetListInAllLanguages("safety.delete_data.words"));
        _help = Normalized(texts.GetListInAllLanguages("help.words"));
        _restart = Normalized(texts.GetListInAllLanguages("restart.words"));
        foreach (var language in Language.All)
        {
            foreach (var word in texts.GetList(language, "language.words"))
                _languages[TextNormalizer.Normalize(word)] = language;
        }
    }

    public bool IsQuickExit(TurnContext turn) => _quickExit.Contains(Said(turn));

    public bool IsDeleteData(TurnContext turn) => _deleteData.Contains(Said(turn));

    public bool IsHelp(TurnContext turn) => _help.Contains(Said(turn));

    public bool IsRestart(TurnContext turn) => _restart.Contains(Said(turn));

    public string? LanguageAskedFor(TurnContext turn) => _languages.GetValueOrDefault(Said(turn));

    private static string Said(TurnContext turn)
    {
        if (turn.TurnItems.TryGetValue(nameof(CommandWords), out var cached))
            return (string)cached;
        var said = turn.Activity.IsType(BotProtocol.Schema.ActivityTypes.Message) ? TextNormalizer.Normalize(turn.Activity.Text) : "";
        turn.TurnItems[nameof(CommandWords)] = said;
        return said;
    }

    private static HashSet<string> Normalized(IEnumerable<string> words) =>
        words.Select(TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);
}
