using System.Security.Cryptography;
using System.Text.Json;
using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Handoff;

/// <summary>What the handoff dialog carries between turns: the case as it would be shared.</summary>
internal sealed record HandoffDialogState
{
    public CaseAnswers Answers { get; init; } = new() { Language = Language.Default };

    public IReadOnlyList<string> Mechanisms { get; init; } = [];

    /// <summary>The person already said yes to being contacted (the offer in the emergency options, or an edit).</summary>
    public bool Asked { get; init; }

    /// <summary>The last choice on the summary, so the step after it knows whether a new description was typed.</summary>
    public string? Choice { get; init; }
}

/// <summary>
/// The defender's side of a handoff, in the order they live it: the offer, exactly what would be shared (which they
/// can edit or withdraw), whether to share their name or number as well, then the sending — only after that yes.
/// </summary>
internal sealed class HandoffDialog(
    TextCatalog texts, Questions questions, CaseSummary summary, PartnerRouter router, CountryCatalog countries, Lexicon lexicon, TimeProvider time)
{
    public const string Id = "handoff";
    private const string OfferPrompt = "handoff.offer";
    private const string SummaryPrompt = "handoff.summary";
    private const string DescriptionPrompt = "handoff.description";
    private const string ContactPrompt = "handoff.contact";
    private static readonly string[] SummaryChoices = ["share", "edit", "remove", "withdraw"];

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<HandoffDialogState>(Id, HandoffJsonContext.Default.HandoffDialogState,
            OfferAsync,
            ShowWhatWouldBeSharedAsync,
            ApplyChoiceAsync,
            AskContactAsync,
            SendAsync);
        yield return new ConfirmPrompt(OfferPrompt, lexicon);
        yield return new ChoicePrompt(SummaryPrompt);
        yield return new TextPrompt(DescriptionPrompt);
        yield return new ConfirmPrompt(ContactPrompt, lexicon);
    }

    private async Task<DialogTurnResult> OfferAsync(WaterfallStepContext<HandoffDialogState> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? throw new InvalidOperationException("The handoff dialog starts from a case.");
        var language = ConversationLanguage.Of(step.Context);
        if (Route(step.State.Answers).Count == 0)
        {
            step.Context.SendText(texts.Get(language, step.State.Answers.InImmediateDanger ? "handoff.offer.none_urgent" : "handoff.offer.none"));
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }
        if (step.State.Asked)
            return await step.NextAsync(true, cancellationToken);
        return await questions.AskYesNoAsync(step, OfferPrompt, "handoff.offer.ask", "handoff.offer.yes", "handoff.offer.no", cancellationToken);
    }

    private async Task<DialogTurnResult> ShowWhatWouldBeSharedAsync(WaterfallStepContext<HandoffDialogState> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        if (step.Result is not true)
        {
            step.Context.SendText(texts.Get(language, "handoff.offer.declined"));
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }
        var lines = summary.Lines(step.State.Answers, step.State.Mechanisms, language);
        var notShared = SharedContact.Of(step.Context.Activity) switch
        {
            { Number: not null } => "handoff.summary.not_shared_number",
            { Name: not null } => "handoff.summary.not_shared_name",
            _ => "handoff.summary.not_shared_none",
        };
        step.Context.SendText(string.Join("\n\n", [texts.Get(language, "handoff.summary.intro"), .. lines.Select(l => "• " + l), texts.Get(language, notShared)]));
        var choices = step.State.Answers.Description is null ? SummaryChoices.Where(c => c != "remove").ToList() : [.. SummaryChoices];
        return await questions.AskOneAsync(step, SummaryPrompt, "handoff.summary", choices, cancellationToken);
    }

    private async Task<DialogTurnResult> ApplyChoiceAsync(WaterfallStepContext<HandoffDialogState> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        var choice = (step.Result as FoundChoice)?.Value;
        step.State = step.State with { Choice = choice };
        switch (choice)
        {
            case "edit":
                return await step.PromptAsync(DescriptionPrompt, new PromptOptions { Prompt = Questions.Question(texts.Get(language, "handoff.summary.edit_ask")) }, cancellationToken);
            case "remove":
                return await step.ReplaceDialogAsync(Id, step.State with { Answers = step.State.Answers with { Description = null }, Asked = true, Choice = null }, cancellationToken);
            case "withdraw":
                step.Context.SendText(texts.Get(language, "handoff.summary.withdrawn"));
                return await step.EndDialogAsync(cancellationToken: cancellationToken);
            default:
                return await step.NextAsync(cancellationToken: cancellationToken);
        }
    }

    private async Task<DialogTurnResult> AskContactAsync(WaterfallStepContext<HandoffDialogState> step, CancellationToken cancellationToken)
    {
        if (step.State.Choice == "edit" && step.Result is string description)
        {
            var edited = string.IsNullOrWhiteSpace(description) || questions.IsSkip(description) ? null : description.Trim();
            return await step.ReplaceDialogAsync(Id, step.State with { Answers = step.State.Answers with { Description = edited }, Asked = true, Choice = null }, cancellationToken);
        }
        var language = ConversationLanguage.Of(step.Context);
        if (SharedContact.Of(step.Context.Activity) is not { } shareable)
            return await step.NextAsync(false, cancellationToken);
        // The question shows the very lines the caseworker would receive.
        var question = texts.Get(language, shareable.Number is not null ? "handoff.contact.ask_number" : "handoff.contact.ask_name",
            string.Join("\n", summary.ContactLines(shareable, language)));
        return await step.PromptAsync(ContactPrompt, new PromptOptions
        {
            Prompt = Questions.Question(question),
            RetryPrompt = Questions.Question(texts.Get(language, "prompt.retry_numbered")),
            LastResort = texts.Get(language, "prompt.last_resort_help"),
            Choices = [new Choice(texts.Get(language, "handoff.contact.yes")), new Choice(texts.Get(language, "handoff.contact.no"))],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> SendAsync(WaterfallStepContext<HandoffDialogState> step, CancellationToken cancellationToken)
    {
        var turn = step.Context;
        var language = ConversationLanguage.Of(turn);
        var now = time.GetUtcNow();
        var route = Route(step.State.Answers);
        var contact = step.Result is true ? SharedContact.Of(turn.Activity) : null;
        var handoffCase = new HandoffCase
        {
            Id = NewCaseId(),
            Status = CaseStatuses.Offered,
            CreatedAt = now,
            Urgent = step.State.Answers.InImmediateDanger,
            Defender = turn.Activity.GetConversationReference() with { ActivityId = null },
            DefenderKey = TurnProcessor.StateKey(turn.Activity),
            Answers = step.State.Answers,
            Mechanisms = step.State.Mechanisms,
            Contact = contact,
            Route = [.. route.Select(p => p.Id)],
        };
        // The case travels inside the work item, saved with this turn's state: it exists exactly if the turn did.
        turn.Enqueue(HandoffMessages.Offer(handoffCase, 0, handoffCase, now));
        DefenderHandoff.Set(turn, new DefenderHandoff(handoffCase.Id, DefenderHandoff.Waiting, route[0].Name, handoffCase.Urgent));
        turn.SendText(Expectation(language, route[0], now));
        // The Bot Framework's handoff convention, so an agent hub on the channel can see that a handoff began.
        turn.Send(new Activity
        {
            Type = ActivityTypes.Event,
            Name = "handoff.initiate",
            Value = JsonSerializer.SerializeToElement(new HandoffInitiation(handoffCase.Urgent ? "protection-urgent" : "protection", step.State.Answers.Language, step.State.Answers.Country), HandoffJsonContext.Default.HandoffInitiation),
        });
        return await step.EndDialogAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Starts the handoff at any step for a person who asked for someone ("I want to talk to a person"): no offer
    /// question, since they asked; the summary shows what they have answered so far and nothing else (leave what was not
    /// asked empty, and <see cref="CaseAnswers.Urgency"/> a value with no label, such as <c>unanswered</c>); then the
    /// usual edit, contact and send steps. With no country yet, no partner can be chosen and the person is told so.
    /// Returns false, starting nothing, when a case of theirs is already out (one case per conversation).
    /// </summary>
    public static async Task<bool> BeginOnRequestAsync(DialogContext dc, CaseAnswers answers, IReadOnlyList<string> mechanisms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (DefenderHandoff.Of(dc.Context) is not null)
            return false;
        await dc.BeginDialogAsync(Id, new HandoffDialogState { Answers = answers, Mechanisms = mechanisms, Asked = true }, cancellationToken);
        return true;
    }

    /// <summary>What the defender is told about who will write and roughly when.</summary>
    public string Expectation(string language, Partner partner, DateTimeOffset now)
    {
        var within = Hours(language, partner.ResponseTime);
        if (PartnerRouter.IsAnswering(partner, now) || partner.Hours is null)
            return texts.Get(language, "handoff.sent", partner.Name, within);
        var opening = TimeZoneInfo.ConvertTime(partner.Hours.NextOpening(now), partner.Hours.TimeZone);
        var when = opening.ToString(texts.Get(language, "handoff.opening_format"), System.Globalization.CultureInfo.GetCultureInfo(language));
        return texts.Get(language, "handoff.sent_later", partner.Name, within, when, partner.Hours.TimeZone.Id);
    }

    public string Hours(string language, TimeSpan span) =>
        span <= TimeSpan.FromHours(1) ? texts.Get(language, "handoff.hours.one") : texts.Get(language, "handoff.hours.many", (int)Math.Ceiling(span.TotalHours));

    private IReadOnlyList<Partner> Route(CaseAnswers answers) =>
        router.Route(answers, answers.Country is { } code ? countries.Find(code) : null, time.GetUtcNow());

    private static string NewCaseId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}

/// <summary>The <c>value</c> of the <c>handoff.initiate</c> event: routing context only, never the person's words.</summary>
internal sealed record HandoffInitiation(string Skill, string Language, string? Country);

/// <summary>Where the defender's side of a handoff stands, kept in their conversation's state.</summary>
internal sealed record DefenderHandoff(string CaseId, string Phase, string PartnerName, bool Urgent)
{
    /// <summary>
    /// A question the bot just asked while a caseworker has the case (<see cref="OwnCase.Reveal"/>, <see cref="File"/>): the next message
    /// answers it, or, when it is not a yes or a no, goes to the caseworker and the question is dropped.
    /// </summary>
    public string? Asking { get; init; }

    /// <summary>Files the defender sent that wait for their yes, the one asked about first (<see cref="Asking"/> is <see cref="File"/>).</summary>
    public IReadOnlyList<DefenderFile>? Files { get; init; }

    /// <summary><see cref="Asking"/> whether to pass a file on to the caseworker.</summary>
    public const string File = "file";

    public const string Key = "handoff";
    public const string Waiting = "waiting";
    public const string Connected = "connected";

    /// <summary>An agent of the channel's own hub has the conversation (it sent <c>handoff.status</c> accepted): the bot stays quiet.</summary>
    public const string WithAgentHub = "agent-hub";

    public static DefenderHandoff? Of(TurnContext turn) => turn.State.Get(Key, HandoffJsonContext.Default.DefenderHandoff);

    public static void Set(TurnContext turn, DefenderHandoff handoff) => turn.State.Set(Key, handoff, HandoffJsonContext.Default.DefenderHandoff);

    public static void Clear(TurnContext turn) => turn.State.Remove(Key);
}
