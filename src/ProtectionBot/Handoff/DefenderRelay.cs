using System.Text.Json;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;
using ProtectionBot.Content;
using ProtectionBot.Privacy;

namespace ProtectionBot.Handoff;

/// <summary>
/// The defender's side once a case is out: the handoff's events arrive as turns of their conversation (taken,
/// passed on, a caseworker's message, closed); while a caseworker has the case, what they write goes to the
/// caseworker's thread, except the bot's own commands (help, restart, a language, sharing who they are), which the bot
/// answers; an end word brings them back to the bot; erasing the conversation withdraws the case.
/// </summary>
internal sealed class DefenderRelay(
    TextCatalog texts, CaseStore cases, CaseCard card, OwnCase ownCase, CommandWords commands, IWorkQueue queue, Lexicon lexicon, TimeProvider time,
    Pseudonyms pseudonyms, ILogger<DefenderRelay> logger) : IPersonalDataHolder
{
    private readonly HashSet<string> _endWords = [.. texts.GetListInAllLanguages("handoff.end_words").Select(TextNormalizer.Normalize)];

    /// <summary>An event the handoff itself ran in this conversation (never one a client sent: those have another callerId).</summary>
    public static bool IsHandoffEvent(TurnContext turn) =>
        ProactiveTurns.IsProactive(turn) && turn.Activity.IsType(ActivityTypes.Event)
        && turn.Activity.Name is DefenderEvents.Status or DefenderEvents.Message or DefenderEvents.File;

    /// <summary>A message while a person has the conversation: a partner's caseworker, or an agent of the channel's own hub.</summary>
    public static bool IsWithCaseworker(TurnContext turn) =>
        turn.Activity.IsType(ActivityTypes.Message) && DefenderHandoff.Of(turn)?.Phase is DefenderHandoff.Connected or DefenderHandoff.WithAgentHub;

    /// <summary>
    /// A <c>handoff.status</c> sent from the channel's side: an agent hub there saw the bot's <c>handoff.initiate</c> and
    /// reports on its own handoff (Bot Framework handoff convention). The bot's own events are proactive and go elsewhere.
    /// </summary>
    public static bool IsHubStatus(TurnContext turn) =>
        !ProactiveTurns.IsProactive(turn) && turn.Activity.IsType(ActivityTypes.Event) && turn.Activity.Name == DefenderEvents.Status;

    public async Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Value is not { } value || value.Deserialize(HandoffJsonContext.Default.DefenderNotice) is not { } notice)
            return;
        // Erased, ended or replaced since the event was queued: it no longer concerns this conversation.
        if (DefenderHandoff.Of(turn) is not { } handoff || handoff.CaseId != notice.CaseId)
            return;
        var language = ConversationLanguage.Of(turn);
        switch (notice.Event, notice.State)
        {
            case (DefenderEvents.Message, _) when handoff.Phase == DefenderHandoff.Connected:
                turn.SendText(texts.Get(language, "handoff.message", notice.From, notice.Text));
                break;
            case (DefenderEvents.File, _) when handoff.Phase == DefenderHandoff.Connected:
                // A file the defender agreed to pass on that the desk's channel could not take after all.
                turn.SendText(NotForwarded(language, notice.From ?? "document", notice.Text, notice.Reason ?? FileForwarding.Reasons.Refused));
                break;
            case (DefenderEvents.Status, DefenderEvents.Accepted):
                DefenderHandoff.Set(turn, handoff with { Phase = DefenderHandoff.Connected });
                // Who they are can still be shared with this caseworker, by a button, while nothing of it is.
                var reveal = ownCase.RevealButton(turn, await cases.ReadAsync(notice.CaseId, cancellationToken));
                turn.Send(new Activity
                {
                    Type = ActivityTypes.Message,
                    Text = texts.Get(language, "handoff.accepted", notice.From, handoff.PartnerName),
                    SuggestedActions = reveal is null ? null : new SuggestedActions { Actions = [reveal] },
                });
                turn.Send(HandoffStatus.Event(DefenderEvents.Accepted));
                break;
            case (DefenderEvents.Status, DefenderEvents.Rerouted):
                DefenderHandoff.Set(turn, handoff with { PartnerName = notice.From ?? handoff.PartnerName });
                turn.SendText(texts.Get(language, notice.Reason switch
                {
                    OfferOutcomes.Declined => "handoff.passed_on.declined",
                    OfferOutcomes.Unreachable => "handoff.passed_on.unreachable",
                    _ => "handoff.passed_on.timeout",
                }));
                if (notice.Text is { Length: > 0 } expectation)
                    turn.SendText(expectation);
                break;
            case (DefenderEvents.Status, DefenderEvents.Failed):
                DefenderHandoff.Clear(turn);
                turn.SendText(texts.Get(language, handoff.Urgent ? "handoff.unrouted_urgent" : "handoff.unrouted"));
                turn.Send(HandoffStatus.Event(DefenderEvents.Failed));
                break;
            case (DefenderEvents.Status, DefenderEvents.Completed):
                DefenderHandoff.Clear(turn);
                turn.SendText(texts.Get(language, "handoff.closed_by_caseworker", notice.From));
                turn.Send(HandoffStatus.Event(DefenderEvents.Completed));
                break;
        }
    }

    /// <summary>
    /// Honours a hub's <c>handoff.status</c>: <c>accepted</c> means one of its agents has the conversation, so a case still
    /// waiting for a partner is withdrawn (nobody should answer twice) and the bot stays quiet; <c>completed</c> or
    /// <c>failed</c> gives the conversation back to the bot. A status that would take the conversation from a partner's
    /// caseworker who has it, or that is not one of the three, is acknowledged and changes nothing.
    /// </summary>
    public async Task OnHubStatusAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = HandoffStatus.StateOf(turn.Activity.Value);
        var handoff = DefenderHandoff.Of(turn);
        var language = ConversationLanguage.Of(turn);
        switch (state)
        {
            case DefenderEvents.Accepted when handoff?.Phase is not DefenderHandoff.Connected:
                if (handoff is { Phase: DefenderHandoff.Waiting } && await cases.ReadAsync(handoff.CaseId, cancellationToken) is { } waiting)
                    await ownCase.WithdrawAsync(turn, waiting, "taken_elsewhere", cancellationToken);
                DefenderHandoff.Set(turn, new DefenderHandoff(handoff?.CaseId ?? "", DefenderHandoff.WithAgentHub, handoff?.PartnerName ?? "", handoff?.Urgent ?? false));
                HandoffLog.HubStatus(logger, pseudonyms.LogId(turn.Activity.Conversation?.Id), state, "honoured");
                break;
            case DefenderEvents.Completed or DefenderEvents.Failed when handoff?.Phase == DefenderHandoff.WithAgentHub:
                DefenderHandoff.Clear(turn);
                turn.SendText(texts.Get(language, "handoff.hub.back"));
                HandoffLog.HubStatus(logger, pseudonyms.LogId(turn.Activity.Conversation?.Id), state, "honoured");
                break;
            default:
                HandoffLog.HubStatus(logger, pseudonyms.LogId(turn.Activity.Conversation?.Id), state ?? "unreadable", "nothing to change");
                break;
        }
    }

    /// <summary>Passes what the defender writes to the caseworker's thread, or ends the conversation with them.</summary>
    public async Task RelayAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var handoff = DefenderHandoff.Of(turn)!;
        var language = ConversationLanguage.Of(turn);
        if (handoff.Phase == DefenderHandoff.WithAgentHub)
        {
            // The hub's agent answers; only the end word brings the defender back to the bot before the hub says so.
            if (IsEndWord(turn))
            {
                DefenderHandoff.Clear(turn);
                turn.SendText(texts.Get(language, "handoff.hub.back"));
                turn.Send(HandoffStatus.Event(DefenderEvents.Completed));
            }
            return;
        }
        var handoffCase = await cases.ReadAsync(handoff.CaseId, cancellationToken);
        if (handoffCase?.Owner is not { } owner)
        {
            DefenderHandoff.Clear(turn);
            turn.SendText(texts.Get(language, "handoff.closed_by_caseworker", handoff.PartnerName));
            return;
        }
        var now = time.GetUtcNow();
        var caseLanguage = handoffCase.Answers.Language;
        if (IsEndWord(turn))
        {
            await cases.DeleteAsync(handoffCase.Id, cancellationToken);
            turn.Enqueue(HandoffMessages.ToCaseworker(handoffCase.Id, "ended", HandoffMessages.NoticeOwner(handoffCase.Id), owner, caseLanguage,
                texts.Get(caseLanguage, "handoff.desk.person_ended"), now));
            if (handoffCase.Posted is { } posted)
                turn.Enqueue(HandoffMessages.Card(handoffCase.Id, posted, "closed", card.Render(handoffCase, "closed"), now));
            DefenderHandoff.Clear(turn);
            HandoffLog.Closed(logger, handoffCase.Id, "defender");
            turn.SendText(texts.Get(language, "handoff.ended"));
            turn.Send(HandoffStatus.Event(DefenderEvents.Completed));
            return;
        }

        if (handoff.Asking is not null)
        {
            if (await AnswerPendingAsync(turn, handoff, handoffCase, owner, cancellationToken))
                return;
            handoff = DefenderHandoff.Of(turn)!;
        }
        if (ownCase.CommandIn(turn) == OwnCase.Reveal)
        {
            if (ownCase.RevealQuestion(turn, handoffCase, handoff.PartnerName) is { } question)
            {
                DefenderHandoff.Set(turn, handoff with { Asking = OwnCase.Reveal });
                turn.Send(Questions.Question(question) with
                {
                    SuggestedActions = new SuggestedActions
                    {
                        Actions = [Button(language, "handoff.contact.yes"), Button(language, "handoff.contact.no")],
                    },
                });
            }
            return;
        }
        // The bot's own commands act here as anywhere; the caseworker does not receive them.
        if (commands.IsHelp(turn))
        {
            turn.SendText(texts.Get(language, "handoff.connected.help", handoff.PartnerName));
            return;
        }
        if (commands.IsRestart(turn))
        {
            turn.SendText(texts.Get(language, "handoff.connected.restart", handoff.PartnerName));
            return;
        }
        if (commands.LanguageAskedFor(turn) is { } switchTo)
        {
            ConversationLanguage.Choose(turn, switchTo);
            turn.SendText(texts.Get(switchTo, "language.switched"));
            turn.SendText(texts.Get(switchTo, "handoff.connected.language"));
            return;
        }

        var step = turn.Activity.Id ?? Guid.NewGuid().ToString("N");
        if (turn.Activity.Text is { Length: > 0 } text)
        {
            turn.Enqueue(HandoffMessages.ToCaseworker(handoffCase.Id, step, handoffCase.DefenderKey, owner, caseLanguage,
                texts.Get(caseLanguage, "handoff.desk.person_said", text), now));
        }
        OfferFiles(turn, handoff, owner, step, now);
    }

    /// <summary>
    /// The answer to the question the bot just asked (share who they are, pass a file on). True when the message
    /// answered it; otherwise the question is dropped (a file is then not passed on, and the defender is told) and the
    /// message is the caseworker's.
    /// </summary>
    private async Task<bool> AnswerPendingAsync(TurnContext turn, DefenderHandoff handoff, HandoffCase handoffCase, Caseworker owner, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(turn);
        var answer = turn.Activity.Attachments is { Count: > 0 } ? null : ConfirmWords.Recognize(turn.Activity.Text, lexicon);
        if (handoff.Asking == OwnCase.Reveal)
        {
            DefenderHandoff.Set(turn, handoff with { Asking = null });
            if (answer is true)
                await ownCase.RevealAsync(turn, handoffCase.Id, handoff.PartnerName, cancellationToken);
            else if (answer is false)
                turn.SendText(texts.Get(language, "handoff.own_case.not_shared"));
            return answer is not null;
        }

        var files = handoff.Files ?? [];
        if (answer is null || files.Count == 0)
        {
            DefenderHandoff.Set(turn, handoff with { Asking = null, Files = null });
            if (files.Count > 0)
                turn.SendText(texts.Get(language, "handoff.file.dropped"));
            return false;
        }
        if (answer is true)
        {
            Forward(turn, handoffCase, owner, files[0]);
            turn.SendText(texts.Get(language, "handoff.file.sent", handoff.PartnerName));
        }
        else
        {
            turn.SendText(texts.Get(language, "handoff.file.kept"));
        }
        var rest = files.Skip(1).ToList();
        DefenderHandoff.Set(turn, handoff with { Asking = rest.Count > 0 ? DefenderHandoff.File : null, Files = rest.Count > 0 ? rest : null });
        if (rest.Count > 0)
            AskAboutFile(turn, handoff.PartnerName, rest[0]);
        return true;
    }

    /// <summary>
    /// The files of a message: those the caseworker's desk cannot receive are named with the reason at once; for the
    /// others the defender is asked, one file at a time, before anything is passed on.
    /// </summary>
    private void OfferFiles(TurnContext turn, DefenderHandoff handoff, Caseworker owner, string step, DateTimeOffset now)
    {
        var language = ConversationLanguage.Of(turn);
        var forwardable = new List<DefenderFile>();
        foreach (var (attachment, index) in (turn.Activity.Attachments ?? []).Select((a, i) => (a, i)))
        {
            var (file, reason) = FileForwarding.Assess(attachment, $"{step}/{index}", owner, now);
            if (reason is null)
                forwardable.Add(file);
            else
                turn.SendText(NotForwarded(language, file.Kind, file.Name, reason));
        }
        if (forwardable.Count == 0)
            return;
        DefenderHandoff.Set(turn, handoff with { Asking = DefenderHandoff.File, Files = forwardable });
        AskAboutFile(turn, handoff.PartnerName, forwardable[0]);
    }

    private void AskAboutFile(TurnContext turn, string partnerName, DefenderFile file)
    {
        var language = ConversationLanguage.Of(turn);
        turn.Send(Questions.Question(texts.Get(language, "handoff.file.ask", FileLabel(language, file.Kind, file.Name), partnerName)) with
        {
            SuggestedActions = new SuggestedActions { Actions = [Button(language, "handoff.file.yes"), Button(language, "handoff.file.no")] },
        });
    }

    /// <summary>
    /// Queues the file for the caseworker. On WhatsApp the note saying what it is goes first, as a message of its own, so
    /// a retried note never sends the media (with the defender's caption, in their words) twice; on Teams one message
    /// carries both.
    /// </summary>
    private void Forward(TurnContext turn, HandoffCase handoffCase, Caseworker owner, DefenderFile file)
    {
        var now = time.GetUtcNow();
        var language = handoffCase.Answers.Language;
        var note = texts.Get(language, "handoff.desk.person_sent", FileLabel(language, file.Kind, file.Name));
        var forwarded = file with { Caption = file.Caption is { Length: > 0 } caption ? texts.Get(language, "handoff.desk.person_said", caption) : null };
        var due = now;
        if (owner.IsOnWhatsApp)
        {
            turn.Enqueue(HandoffMessages.ToCaseworker(handoffCase.Id, $"{file.Step}/note", handoffCase.DefenderKey, owner, language, note, now));
            note = "";
            // The work queue goes by due time: a second later, the media always follows its note.
            due = now + TimeSpan.FromSeconds(1);
        }
        turn.Enqueue(HandoffMessages.ToCaseworker(handoffCase.Id, $"{file.Step}/file", handoffCase.DefenderKey, owner, language, note, due, forwarded));
        HandoffLog.FileForwarded(logger, handoffCase.Id, file.Kind);
    }

    /// <summary>"I did not pass this photo on to the caseworker: …", in <paramref name="language"/>.</summary>
    private string NotForwarded(string language, string kind, string? name, string reason) =>
        texts.Get(language, "handoff.file.not_forwarded", FileLabel(language, kind, name), texts.Get(language, $"handoff.file.reasons.{reason}"));

    /// <summary>"this photo", "this voice note", "the document “denuncia.pdf”".</summary>
    private string FileLabel(string language, string kind, string? name) =>
        kind == "document" && name is { Length: > 0 }
            ? texts.Get(language, "handoff.file.kinds.document_named", name)
            : texts.Get(language, texts.Has($"handoff.file.kinds.{kind}") ? $"handoff.file.kinds.{kind}" : "handoff.file.kinds.document");

    private CardAction Button(string language, string key) => CardAction.ImBack(texts.Get(language, key), texts.Get(language, key));

    private bool IsEndWord(TurnContext turn) =>
        turn.Activity.Text is { } typed && _endWords.Contains(TextNormalizer.Normalize(typed));

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
            await queue.EnqueueAsync(HandoffMessages.Card(handoffCase.Id, posted, "withdrawn", card.Render(handoffCase, "withdrawn"), now), cancellationToken);
        if (handoffCase.Owner is { } owner)
        {
            await queue.EnqueueAsync(HandoffMessages.ToCaseworker(handoffCase.Id, "erased", HandoffMessages.NoticeOwner(handoffCase.Id), owner, handoffCase.Answers.Language,
                texts.Get(handoffCase.Answers.Language, "handoff.desk.person_erased"), now), cancellationToken);
        }
        await cases.DeleteAsync(handoffCase.Id, cancellationToken);
        HandoffLog.Closed(logger, handoffCase.Id, "defender's erasure");
    }
}

/// <summary>
/// The <c>value</c> of a <c>handoff.status</c> event (Bot Framework handoff convention): <c>state</c> is accepted, failed
/// or completed; <c>message</c> is optional and never carries the person's words.
/// </summary>
internal sealed record HandoffStatus(string State, string? Message = null)
{
    /// <summary>The event the bot sends on the defender's channel when their handoff changes, so an agent hub there can follow it.</summary>
    public static Activity Event(string state) => new()
    {
        Type = ActivityTypes.Event,
        Name = DefenderEvents.Status,
        Value = JsonSerializer.SerializeToElement(new HandoffStatus(state), HandoffJsonContext.Default.HandoffStatus),
    };

    /// <summary>The state a received status names, or null when its value is not the convention's object.</summary>
    public static string? StateOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String
            ? state.GetString() switch
            {
                DefenderEvents.Accepted => DefenderEvents.Accepted,
                DefenderEvents.Completed => DefenderEvents.Completed,
                DefenderEvents.Failed => DefenderEvents.Failed,
                _ => null,
            }
            : null;
}
