using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Schema;
using ProtectionBot.Content;
using ProtectionBot.Conversation;
using ProtectionBot.Handoff;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>
/// The interview, in the order the defender lives it: language, immediate danger (emergency options at once),
/// consent, then the situation, and the recommendations. Questions whose answer cannot change the
/// recommendations are skipped, so a typical case takes at most 12 answers.
/// </summary>
internal sealed class InterviewDialog(TextCatalog texts, InterviewPrompts prompts, ResultPresenter results, Recommender recommender)
{
    public const string Id = "interview";

    /// <summary>Key in the conversation's properties under which the finished case is kept for a handoff.</summary>
    public const string CaseKey = "case";

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<InterviewState>(Id, InterviewJsonContext.Default.InterviewState,
            ConfirmLanguageAsync,
            AskDangerAsync,
            GiveEmergencyOptionsAsync,
            AskConsentAsync,
            AskCountryOrGiveGeneralInformationAsync,
            HandOffNowIfAskedAsync,
            AskSituationsAsync,
            AskWhoIsAtRiskAsync,
            AskProfileAsync,
            AskUrgencyAsync,
            AskDomesticRemediesAsync,
            AskWhenItStartedAsync,
            AskDescriptionAsync,
            RecommendAsync,
            InviteCourseQuestionsAsync);
        foreach (var dialog in InterviewPrompts.Dialogs())
            yield return dialog;
    }

    private async Task<DialogTurnResult> ConfirmLanguageAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? new InterviewState();
        if (step.State.LanguageSettled)
            return await step.NextAsync(cancellationToken: cancellationToken);

        var language = ConversationLanguage.Of(step.Context);
        step.Context.SendText(texts.Get(language, "welcome"));
        return await prompts.AskLanguageAsync(step, Language.FromLocale(step.Context.Activity.Locale) is not null, cancellationToken);
    }

    private async Task<DialogTurnResult> AskDangerAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice chosen)
            ConversationLanguage.Choose(step.Context, chosen.Value);
        var language = ConversationLanguage.Of(step.Context);
        step.Context.SendText(texts.Get(language, "safety.tip"));
        return await prompts.AskYesNoAsync(step, InterviewPrompts.Danger, "interview.danger.ask", "answer.yes", "answer.no", cancellationToken);
    }

    private async Task<DialogTurnResult> GiveEmergencyOptionsAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
            return await step.NextAsync(cancellationToken: cancellationToken);

        // Someone in danger gets the emergency lines in this very turn, before any other question.
        step.State = step.State with { InDanger = true };
        step.Context.Send(results.Emergency(step.Context));
        return await prompts.AskYesNoAsync(step, InterviewPrompts.PartnerNow, "interview.emergency.partner_ask", "interview.emergency.partner_yes", "interview.emergency.partner_no", cancellationToken);
    }

    private async Task<DialogTurnResult> AskConsentAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        if (step.State.InDanger)
        {
            var wantsPartner = step.Result is true;
            step.State = step.State with { WantsPartnerNow = wantsPartner };
            step.Context.SendText(texts.Get(language, wantsPartner ? "interview.emergency.partner_noted" : "interview.emergency.continue"));
        }
        return await prompts.AskYesNoAsync(step, InterviewPrompts.Consent, "interview.consent.notice", "interview.consent.yes", "interview.consent.no", cancellationToken);
    }

    private async Task<DialogTurnResult> AskCountryOrGiveGeneralInformationAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
        {
            // No consent, no questions about the situation: general information that fits anyone, anywhere.
            var language = ConversationLanguage.Of(step.Context);
            step.Context.SendText(texts.Get(language, "interview.consent.declined"));
            step.Context.SendText(texts.Get(language, "interview.consent.general"));
            step.Context.SendText(texts.Get(language, "interview.result.next"));
            return await step.EndDialogAsync(step.State, cancellationToken);
        }
        return await step.BeginDialogAsync(CountryDialog.Id, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Someone in danger who asked for a partner now is handed off as soon as the partner can be chosen (the country
    /// is known); the questions go on afterwards, while they wait.
    /// </summary>
    private async Task<DialogTurnResult> HandOffNowIfAskedAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Country = step.Result as string };
        if (!step.State.WantsPartnerNow)
            return await step.NextAsync(cancellationToken: cancellationToken);
        var answers = step.State.ToAnswers(ConversationLanguage.Of(step.Context));
        return await step.BeginDialogAsync(HandoffDialog.Id, new HandoffDialogState { Answers = answers, Asked = true }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskSituationsAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        return await prompts.AskManyAsync(step, InterviewPrompts.Situations, "interview.situation", InterviewChoices.Situations, cancellationToken);
    }

    private async Task<DialogTurnResult> AskWhoIsAtRiskAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Situations = Values(step.Result) };
        return await prompts.AskOneAsync(step, InterviewPrompts.AtRisk, "interview.at_risk", InterviewChoices.AtRisk, cancellationToken);
    }

    private async Task<DialogTurnResult> AskProfileAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { AtRisk = (step.Result as FoundChoice)?.Value };
        return await prompts.AskManyAsync(step, InterviewPrompts.Profile, "interview.profile", InterviewChoices.Profiles, cancellationToken);
    }

    private async Task<DialogTurnResult> AskUrgencyAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Profiles = [.. Values(step.Result).Where(p => p != InterviewChoices.NoProfile)] };
        // Danger now was already answered: the urgency is known.
        if (step.State.InDanger)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await prompts.AskOneAsync(step, InterviewPrompts.Urgency, "interview.urgency", InterviewChoices.Urgencies, cancellationToken);
    }

    private async Task<DialogTurnResult> AskDomesticRemediesAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice urgency)
            step.State = step.State with { Urgency = urgency.Value };
        // Domestic remedies only decide long-term routes (petitions, treaty bodies, the European Court).
        if (step.State.Urgency != "long-term" && !step.State.Situations.Contains("torture"))
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await prompts.AskOneAsync(step, InterviewPrompts.Remedies, "interview.remedies", InterviewChoices.Remedies, cancellationToken);
    }

    private async Task<DialogTurnResult> AskWhenItStartedAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice remedies)
            step.State = step.State with { DomesticRemedies = remedies.Value };
        // When it started only matters where a mechanism has a time limit on the facts themselves.
        if (!step.State.Situations.Contains("enforced-disappearance") && !step.State.Situations.Contains("torture"))
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await prompts.AskOneAsync(step, InterviewPrompts.Started, "interview.started", InterviewChoices.Started, cancellationToken);
    }

    private async Task<DialogTurnResult> AskDescriptionAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice started)
            step.State = step.State with { Started = started.Value };
        return await prompts.AskDescriptionAsync(step, cancellationToken);
    }

    private async Task<DialogTurnResult> RecommendAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        var description = step.Result as string;
        if (description is not null && prompts.IsSkip(description))
            description = null;
        step.State = step.State with { Description = description };

        var answers = step.State.ToAnswers(language);
        step.Context.State.Set(CaseKey, answers, InterviewJsonContext.Default.CaseAnswers);
        var recommended = recommender.Recommend(answers);
        foreach (var reply in results.Recommendations(step.Context, recommended))
            step.Context.Send(reply);
        // One case per conversation: someone handed off at the start is not asked again.
        if (DefenderHandoff.Of(step.Context) is not null)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await step.BeginDialogAsync(HandoffDialog.Id, new HandoffDialogState
        {
            Answers = answers,
            Mechanisms = [.. recommended.Mechanisms.Select(m => m.MechanismId)],
        }, cancellationToken);
    }

    /// <summary>Last, a way into the course questions (dates, cost, "can I apply?") for the trainings listed.</summary>
    private async Task<DialogTurnResult> InviteCourseQuestionsAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        var courses = texts.Get(language, "courses.button.menu");
        step.Context.Send(new Activity
        {
            Type = ActivityTypes.Message,
            Text = texts.Get(language, "interview.result.courses", courses),
            SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(courses, courses)] },
        });
        return await step.EndDialogAsync(step.State, cancellationToken);
    }

    private static List<string> Values(object? result) =>
        result is IReadOnlyList<FoundChoice> found ? [.. found.Select(f => f.Value)] : [];
}
