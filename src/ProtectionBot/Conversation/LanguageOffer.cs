using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;

namespace ProtectionBot.Conversation;

/// <summary>
/// A message written in another of the three languages than the conversation's: the answer is still read (every
/// question understands the three), and the person is told, in their own language, how to go on in it — once a language,
/// so nobody is asked twice. The language is told by its common small words (<c>language.markers</c> in
/// <c>dialogs/texts</c>), which a few words of a story in any of the three languages carry.
/// </summary>
internal sealed class LanguageOffer
{
    private const string OfferedKey = "language-offered";

    /// <summary>Small words of the other language a message needs, and none of the conversation's, before it is offered.</summary>
    private const int MinMarkers = 2;

    private readonly TextCatalog _texts;
    private readonly Dictionary<string, HashSet<string>> _markers = new(StringComparer.Ordinal);

    public LanguageOffer(TextCatalog texts)
    {
        _texts = texts;
        foreach (var language in Language.All)
            _markers[language] = [.. texts.GetList(language, "language.markers").Select(TextNormalizer.Normalize)];
    }

    /// <summary>The language <paramref name="text"/> is written in, when it clearly is one of the three; else null.</summary>
    public string? WrittenIn(string? text)
    {
        var words = TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var counts = Language.All.Select(l => (Language: l, Hits: words.Count(_markers[l].Contains))).OrderByDescending(c => c.Hits).ToList();
        return counts[0].Hits >= MinMarkers && counts[1].Hits == 0 ? counts[0].Language : null;
    }

    /// <summary>Tells how to go on in the message's language when it is not the conversation's and was not offered before.</summary>
    public void OfferIfWrittenInAnother(TurnContext turn)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message) || WrittenIn(turn.Activity.Text) is not { } written || written == ConversationLanguage.Of(turn))
            return;
        var offered = turn.State.Get(OfferedKey, ConversationJsonContext.Default.ListString) ?? [];
        if (offered.Contains(written))
            return;
        turn.State.Set(OfferedKey, [.. offered, written], ConversationJsonContext.Default.ListString);
        turn.SendText(_texts.Get(written, "language.offer"));
    }
}
