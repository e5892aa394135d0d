using BotProtocol.Turns;

namespace ProtectionBot.Privacy;

/// <summary>
/// Something kept about a person outside their conversation's own document: a case with a partner, a question with
/// the course staff, a case a caseworker's number holds. Each holder is registered with
/// <see cref="PersonalDataServiceCollectionExtensions.AddPersonalDataHolder{THolder}"/>, and
/// the conversation's erasure asks every one of them whenever a conversation is erased.
/// </summary>
internal interface IPersonalDataHolder
{
    /// <summary>
    /// Erases what this holder keeps about the person whose conversation <paramref name="turn"/> is, and tells whoever
    /// was waiting on it (a caseworker, the course staff) that the person has left. Runs before the conversation's
    /// state is erased, so what the state says (which case, which questions) can still be read. Anything sent from here
    /// is enqueued on its own: the erased turn keeps nothing it queued.
    /// </summary>
    Task EraseAsync(TurnContext turn, CancellationToken cancellationToken);
}
