using System.Text.Json;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Conversation;

namespace ProtectionBot.Handoff;

/// <summary>
/// The defender's side once a case is out: the handoff's events arrive as turns of their conversation (taken,
/// passed on, a caseworker's message, closed); while a caseworker has the case, what they write goes to the
/// caseworker's thread; an end word brings them back to the bot; erasing the conversation withdraws the case.
/// </summary>
internal sealed class DefenderRelay(
    TextCatalog texts, CaseStore cases, CaseCard card, IConversationStore store, TimeProvider time, ILogger<DefenderRelay> logger) : IPersonalDataHolder
{
    private readonly HashSet<string> _endWords = [.. texts.GetListInAllLanguages("handoff.end_words").Select(TextNormalizer.Normalize)];

    /// <summary>An event the handoff itself ran in this conversation (never one a client sent: those have another callerId).</summary>
    public static bool IsHandoffEvent(TurnContext turn) =>
        ProactiveTurns.IsProactive(turn) && turn.Activity.IsType(ActivityTypes.Event)
        && turn.Activity.Name is DefenderEvents.Status or DefenderEvents.Message;

    public static bool IsWithCaseworker(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.Message) && DefenderHandoff.Of(turn)?.Phase == DefenderHandoff.Connected;

    public Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Value is not { } value || value.Deserialize(HandoffJsonContext.Default.DefenderNotice) is not { } notice)
            return Task.CompletedTask;
        // Erased, ended or replaced since the event was queued: it no longer concerns this conversation.
        if (DefenderHandoff.Of(turn) is not { } handoff || handoff.CaseId != notice.CaseId)
            return Task.CompletedTask;
        var language = ConversationLanguage.Of(turn);
        switch (notice.Event, notice.State)
        {
            case (DefenderEvents.Message, _) when handoff.Phase == DefenderHandoff.Connected:
                turn.SendText(texts.Get(language, "handoff.message", notice.From, notice.Text));
                break;
            case (DefenderEvents.Status, DefenderEvents.Accepted):
                DefenderHandoff.Set(turn, handoff with { Phase = DefenderHandoff.Connected });
                turn.SendText(texts.Get(language, "handoff.accepted", notice.From, handoff.PartnerName));
                break;
            case (DefenderEvents.Status, DefenderEvents.Rerouted):
                DefenderHandoff.Set(turn, handoff with { PartnerName = notice.From ?? handoff.PartnerName });
                turn.SendText(texts.Get(language, "handoff.passed_on"));
                if (notice.Text is { Length: > 0 } expectation)
                    turn.SendText(expectation);
                break;
            case (DefenderEvents.Status, DefenderEvents.Failed):
                DefenderHandoff.Clear(turn);
                turn.SendText(texts.Get(language, handoff.Urgent ? "handoff.unrouted_urgent" : "handoff.unrouted"));
                break;
            case (DefenderEvents.Status, DefenderEvents.Completed):
                DefenderHandoff.Clear(turn);
                turn.SendText(texts.Get(language, "handoff.closed_by_caseworker", notice.From));
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>Passes what the defender writes to the caseworker's thread, or ends the conversation with them.</summary>
    public async Task RelayAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var handoff = DefenderHandoff.Of(turn)!;
        var language = ConversationLanguage.Of(turn);
        var handoffCase = await cases.ReadAsync(handoff.CaseId, cancellationToken);
        if (handoffCase?.Owner is not { } owner)
        {
            DefenderHandoff.Clear(turn);
            turn.SendText(texts.Get(language, "handoff.closed_by_caseworker", handoff.PartnerName));
            return;
        }
        var now = time.GetUtcNow();
        var caseLanguage = handoffCase.Answers.Language;
        if (turn.Activity.Text is { } typed && _endWords.Contains(TextNormalizer.Normalize(typed)))
        {
            await cases.DeleteAsync(handoffCase.Id, cancellationToken);
            turn.Enqueue(HandoffMessages.ToCaseworker(handoffCase.Id, "ended", HandoffMessages.NoticeOwner(handoffCase.Id), owner, caseLanguage,
                texts.Get(caseLanguage, "handoff.desk.person_ended"), now));
            if (handoffCase.Posted is { } posted)
                turn.Enqueue(HandoffMessages.Card(handoffCase.Id, posted, "closed", card.Render(handoffCase, "closed"), now));
            DefenderHandoff.Clear(turn);
            HandoffLog.Closed(logger, handoffCase.Id, "defender");
            turn.SendText(texts.Get(language, "handoff.ended"));
            return;
        }

        var step = turn.Activity.Id ?? Guid.NewGuid().ToString("N");
        if (turn.Activity.Text is { Length: > 0 } text)
        {
            turn.Enqueue(HandoffMessages.ToCaseworker(handoffCase.Id, step, handoffCase.DefenderKey, owner, caseLanguage,
                texts.Get(caseLanguage, "handoff.desk.person_said", text), now));
        }
        // Photos, voice notes and documents stay where the channel keeps them; the caseworker learns one was sent.
        foreach (var (attachment, index) in (turn.Activity.Attachments ?? []).Select((a, i) => (a, i)))
        {
            turn.Enqueue(HandoffMessages.ToCaseworker(handoffCase.Id, $"{step}/{index}", handoffCase.DefenderKey, owner, caseLanguage,
                texts.Get(caseLanguage, "handoff.media_note", attachment.ContentType ?? "file"), now));
        }
    }

    /// <summary>
    /// Before the conversation is erased: the case is withdrawn (its card says so; a caseworker who had it is told) and
    /// erased. These notices are enqueued on their own, since the erased turn keeps nothing.
    /// </summary>
    public async Task EraseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (DefenderHandoff.Of(turn) is not { } handoff || await cases.ReadAsync(handoff.CaseId, cancellationToken) is not { } handoffCase)
            return;
        var now = time.GetUtcNow();
        if (handoffCase.Posted is { } posted)
            await store.EnqueueAsync(HandoffMessages.Card(handoffCase.Id, posted, "withdrawn", card.Render(handoffCase, "withdrawn"), now), cancellationToken);
        if (handoffCase.Owner is { } owner)
        {
            await store.EnqueueAsync(HandoffMessages.ToCaseworker(handoffCase.Id, "erased", HandoffMessages.NoticeOwner(handoffCase.Id), owner, handoffCase.Answers.Language,
                texts.Get(handoffCase.Answers.Language, "handoff.desk.person_erased"), now), cancellationToken);
        }
        await cases.DeleteAsync(handoffCase.Id, cancellationToken);
        HandoffLog.Closed(logger, handoffCase.Id, "defender's erasure");
    }
}
