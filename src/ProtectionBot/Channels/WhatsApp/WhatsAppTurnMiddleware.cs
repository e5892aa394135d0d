using System.Globalization;
using BotProtocol.Turns;
using ProtectionBot.Content;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// What a WhatsApp turn learns from the conversation it belongs to rather than from the message: the language the
/// person chose wins over the guess from their number's country, and the moment they wrote opens the 24-hour window
/// (<see cref="CustomerServiceWindow"/>). Both come from the state the turn loads anyway, so it is still read once.
/// </summary>
internal sealed class WhatsAppTurnMiddleware : ITurnMiddleware
{
    public Task OnTurnAsync(TurnContext turn, Func<Task> continueTurn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(continueTurn);
        if (turn.Activity.ChannelId != WhatsAppIdentity.ChannelId)
            return continueTurn();

        if (ConversationLanguage.ChosenIn(turn.State) is { } chosen)
            turn.Locale = Language.ToLocale(chosen);
        if (DateTimeOffset.TryParse(turn.Activity.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
            CustomerServiceWindow.Record(turn.State, sent);
        return continueTurn();
    }
}
