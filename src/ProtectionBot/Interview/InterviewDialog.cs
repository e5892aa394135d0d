using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Schema;
using ProtectionBot.Content;
using ProtectionBot.Handoff;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>
/// The interview, in the order the defender lives it: language, immediate danger (emergency options at once),
/// consent, then the situation, and the recommendations. A question is skipped when its answer cannot change the
/// recommendations, or when an earlier answer already gave it ("me amenazaron de muerte" answers what is happening),
/// so a typical case takes at most 12 answers. Every answer is kept under the question it answers (<see cref="InterviewState.Pending"/>).
/// </summary>
internal sealed class InterviewDialog(
    TextCatalog texts, InterviewPrompts prompts, Questions questions, InterviewFacts facts, ResultPresenter results, Recommender recommender,
    CountryCatalog countries)
{
    public const string Id = "interview";

    /// <summary>Key in the conversation's properties under which the finished case is kept for a handoff.</summary>
    public const string CaseKey = "case";

    /// <summary>
    /// Harms that can make someone leave home (R18); not a detention or a disappearance, where the person at risk cannot
    /// choose to leave.
    /// </summary>
    private static readonly string[] DrivesFromHome = ["threats", "physical-attack", "killing-of-colleague", "torture", "sgbv", "forced-displacement"];

    /// <summary>
    /// What a person reports only while it goes on, so there is no need to ask whether it is over: threats, surveillance,
    /// a smear campaign, a disappearance (which lasts until the person is found).
    /// </summary>
    private static readonly string[] OngoingByNature = ["threats", "digital-attack", "smear-campaign", "enforced-disappearance"];

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
            AskGenderAsync,
            AskProfileAsync,
            AskUrgencyAsync,
            AskPerpetratorAsync,
            AskRelocationAsync,
            AskPublicityAsync,
            AskDomesticRemediesAsync,
            AskDecisionDateAsync,
            AskWhenItStartedAsync,
            AskDescriptionAsync,
            RecommendAsync,
            InviteCourseQuestionsAsync);
        foreach (var dialog in prompts.Dialogs())
            yield return dialog;
    }

    /// <summary>The interview's answers so far in this turn's conversation, read from its frame on the dialog stack.</summary>
    public static InterviewState? Current(BotProtocol.Turns.TurnContext turn)
    {
        var frame = turn.State.DialogStack.FirstOrDefault(d => d.Id == Id)?.State;
        return frame is { } json && json.TryGetProperty("state", out var state) ? System.Text.Json.JsonSerializer.Deserialize(state, InterviewJsonContext.Default.InterviewState) : null;
    }

    private async Task<DialogTurnResult> ConfirmLanguageAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? new InterviewState();
        var language = ConversationLanguage.Of(step.Context);
        // The first message may already say what happens ("hola, me confirmaron que tengo pegasus"), and so may a story
        // told at the language question, which settles the language it is written in.
        if (!step.State.ChooseLanguage && step.State.Answered.Count == 0)
            step.State = Absorb(step.State, step.Context.Activity.Text, language, answered: null);
        if (step.State.LanguageSettled)
            return await step.NextAsync(cancellationToken: cancellationToken);
        if (!step.State.ChooseLanguage)
            step.Context.SendText(texts.Get(language, "welcome"));
        step.State = step.State with { Pending = "language" };
        var confirm = !step.State.ChooseLanguage && Language.FromLocale(step.Context.Activity.Locale) is not null;
        return await prompts.AskLanguageAsync(step, confirm, cancellationToken);
    }

    private async Task<DialogTurnResult> AskDangerAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        var answer = Receive(step);
        if (answer is { Value: "no" })
            return await step.ReplaceDialogAsync(Id, step.State with { ChooseLanguage = true }, cancellationToken);
        if (answer?.Value is { } chosen && Language.All.Contains(chosen))
            ConversationLanguage.Choose(step.Context, chosen);
        var language = ConversationLanguage.Of(step.Context);
        step.Context.SendText(texts.Get(language, "safety.tip"));
        // Told already ("they are outside my house now"): confirmed in so many words, never taken for granted.
        step.State = step.State with { Pending = "danger" };
        return await prompts.AskAsync(step, "danger", cancellationToken, step.State.DangerTold ? "interview.danger.confirm" : null);
    }

    private async Task<DialogTurnResult> GiveEmergencyOptionsAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (Receive(step) is not { Value: "yes" })
            return await step.NextAsync(cancellationToken: cancellationToken);

        // Someone in danger gets the emergency lines in this very turn, before any other question.
        step.State = step.State with { InDanger = true };
        step.Context.Send(results.Emergency(step.Context));
        return await AskAsync(step, "partner_now", cancellationToken);
    }

    private async Task<DialogTurnResult> AskConsentAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        var partner = Receive(step);
        var language = ConversationLanguage.Of(step.Context);
        if (step.State.InDanger)
        {
            var wantsPartner = partner is { Value: "yes" };
            step.State = step.State with { WantsPartnerNow = wantsPartner };
            step.Context.SendText(texts.Get(language, wantsPartner ? "interview.emergency.partner_noted" : "interview.emergency.continue"));
        }
        return await AskAsync(step, "consent", cancellationToken);
    }

    private async Task<DialogTurnResult> AskCountryOrGiveGeneralInformationAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (Receive(step) is not { Value: "yes" })
        {
            // No consent, no questions about the situation: general information that fits anyone, anywhere.
            var language = ConversationLanguage.Of(step.Context);
            step.Context.SendText(texts.Get(language, "interview.consent.declined"));
            step.Context.SendText(texts.Get(language, "interview.consent.general"));
            step.Context.SendText(texts.Get(language, "interview.result.next"));
            return await step.EndDialogAsync(step.State, cancellationToken);
        }
        TellNoted(step);
        // "soy líder social en el Cauca": the country was told in passing, and was just read back.
        if (step.State.Country is { } told)
            return await step.NextAsync(told, cancellationToken);
        return await step.BeginDialogAsync(CountryDialog.Id, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Someone in danger who asked for a partner now is handed off as soon as the partner can be chosen (the country
    /// is known); the questions go on afterwards, while they wait.
    /// </summary>
    private async Task<DialogTurnResult> HandOffNowIfAskedAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Country = step.Result as string ?? step.State.Country };
        // "en Guerrero; a mi hermano le dijeron que se largue o lo matan": a story told as the country is kept too.
        if (step.Context.Activity.IsType(ActivityTypes.Message))
            step.State = Absorb(step.State, step.Context.Activity.Text, ConversationLanguage.Of(step.Context), "country");
        if (!step.State.WantsPartnerNow || DefenderHandoff.Of(step.Context) is not null)
            return await step.NextAsync(cancellationToken: cancellationToken);
        var answers = step.State.ToAnswers(ConversationLanguage.Of(step.Context));
        return await step.BeginDialogAsync(HandoffDialog.Id, new HandoffDialogState { Answers = answers, Asked = true }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskSituationsAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (step.State.Knows("situations") && !step.State.SituationsOnlyNoted)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "situations", cancellationToken, more: step.State.SituationsOnlyNoted);
    }

    private async Task<DialogTurnResult> AskWhoIsAtRiskAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        if (step.State.Knows("at_risk") || step.State.LearningOnly)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "at_risk", cancellationToken);
    }

    /// <summary>Women's, trans and non-binary defenders' routes depend on it; an organisation has none.</summary>
    private async Task<DialogTurnResult> AskGenderAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        if (step.State.Knows("gender") || !step.State.ReportsHarm || step.State.AtRisk == "organisation")
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "gender", cancellationToken);
    }

    private async Task<DialogTurnResult> AskProfileAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        if (step.State.Knows("profile") && !step.State.ProfileOnlyNoted)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "profile", cancellationToken, more: step.State.ProfileOnlyNoted);
    }

    private async Task<DialogTurnResult> AskUrgencyAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        // Danger now was already answered, someone who only wants to learn has nothing urgent, and threats or
        // surveillance are reported while they go on.
        var state = step.State;
        if (state.Knows("urgency") || state.InDanger || !state.ReportsHarm || state.Situations.All(OngoingByNature.Contains))
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "urgency", cancellationToken);
    }

    /// <summary>Who is behind it decides how a State's own protection programme is offered (R25) and a digital attack's routes (R10).</summary>
    private async Task<DialogTurnResult> AskPerpetratorAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        var state = step.State;
        var matters = state.ReportsHarm && ((state.IsOngoing && recommender.HasNationalProgramme(state.Country)) || state.Situations.Contains("digital-attack"));
        if (state.Knows("perpetrator") || !matters)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "perpetrator", cancellationToken);
    }

    /// <summary>Relocation programmes and grants (R18) are for harm going on now, or for someone forced from home.</summary>
    private async Task<DialogTurnResult> AskRelocationAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        var state = step.State;
        var matters = state.InDanger || (state.Situations.Any(DrivesFromHome.Contains) && (state.IsOngoing || state.Situations.Contains("forced-displacement")));
        if (state.Knows("relocation") || !matters || state.LearningOnly)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "relocation", cancellationToken);
    }

    /// <summary>
    /// Public alerts come only with an explicit yes (R24): asked only where one could be offered — a killing, torture,
    /// threats in danger now, an organisation attacked, an ongoing detention or disappearance (R7, R8, R19, R24).
    /// </summary>
    private async Task<DialogTurnResult> AskPublicityAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        var state = step.State;
        var reports = state.Situations;
        var matters = state.ReportsHarm && (state.AtRisk == "organisation" || reports.Contains("killing-of-colleague") || reports.Contains("torture")
            || (state.InDanger && reports.Contains("threats"))
            || state.StillDetained || (state.IsOngoing && reports.Contains("enforced-disappearance")));
        if (state.Knows("publicity") || !matters)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "publicity", cancellationToken);
    }

    /// <summary>Domestic remedies only decide long-term routes (petitions, treaty bodies, the European Court).</summary>
    private async Task<DialogTurnResult> AskDomesticRemediesAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        var state = step.State;
        var matters = state.ReportsHarm && !state.InDanger && (state.Urgency == "long-term" || state.Situations.Contains("torture"));
        if (state.Knows("remedies") || !matters)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "remedies", cancellationToken);
    }

    /// <summary>A time limit runs from the final decision: its date, when the person knows it.</summary>
    private async Task<DialogTurnResult> AskDecisionDateAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        if (step.State.Knows("decision_date") || step.State.DomesticRemedies != "exhausted")
            return await step.NextAsync(cancellationToken: cancellationToken);
        TellNoted(step);
        step.State = step.State with { Pending = "decision_date" };
        return await prompts.AskDecisionDateAsync(step, cancellationToken);
    }

    /// <summary>When it started only matters where a mechanism has a time limit on the facts themselves.</summary>
    private async Task<DialogTurnResult> AskWhenItStartedAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        if (step.State.Pending == "decision_date" && step.Result is string typed)
            step.State = step.State.Answering("decision_date") with { Pending = null, FinalDecisionDate = prompts.DecisionDateIn(typed, ConversationLanguage.Of(step.Context)) };
        Receive(step);
        var state = step.State;
        if (state.Knows("started") || !(state.Situations.Contains("enforced-disappearance") || state.Situations.Contains("torture")))
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await AskAsync(step, "started", cancellationToken);
    }

    private async Task<DialogTurnResult> AskDescriptionAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        Receive(step);
        TellNoted(step);
        // The description is written for the partner organisation: a case already with one is not sent again.
        if (DefenderHandoff.Of(step.Context) is not null)
            return await step.NextAsync(cancellationToken: cancellationToken);
        return await prompts.AskDescriptionAsync(step, cancellationToken);
    }

    private async Task<DialogTurnResult> RecommendAsync(WaterfallStepContext<InterviewState> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        var description = step.Result as string;
        if (description is not null && questions.IsSkip(description))
            description = null;
        step.State = facts.Release(step.State with { Description = description }, description, language);

        var answers = step.State.ToAnswers(language);
        step.Context.State.Set(CaseKey, answers, InterviewJsonContext.Default.CaseAnswers);
        var recommended = recommender.Recommend(answers);
        foreach (var reply in results.Recommendations(step.Context, recommended))
            step.Context.Send(reply);
        // One case per conversation: someone handed off already is not asked again.
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

    /// <summary>
    /// Keeps the answer this step received under the question that was asked, and what the answer also says about other
    /// questions; returns the answer.
    /// </summary>
    private OptionAnswer? Receive(WaterfallStepContext<InterviewState> step)
    {
        if (step.State.Pending is not { } question)
            return null;
        var answer = step.Result as OptionAnswer;
        var state = answer is null ? step.State : InterviewFacts.Apply(step.State, question, answer);
        if (step.Context.Activity.IsType(ActivityTypes.Message))
            state = Absorb(state, step.Context.Activity.Text, ConversationLanguage.Of(step.Context), question);
        step.State = state with { Pending = null };
        return answer;
    }

    /// <summary>What <paramref name="text"/> also answers, remembered to be told back (<see cref="InterviewState.Noted"/>).</summary>
    private InterviewState Absorb(InterviewState state, string? text, string language, string? answered)
    {
        var absorbed = facts.Absorb(state, text, language, answered);
        var filled = absorbed.Answered.Except(state.Answered).ToList();
        return filled.Count == 0 ? absorbed : absorbed with { Noted = [.. absorbed.Noted, .. filled] };
    }

    /// <summary>
    /// Says what was kept from answers to other questions, once, before the next question about the situation: the
    /// person hears what will count instead of being asked it again, and can start again if it is wrong.
    /// </summary>
    private void TellNoted(WaterfallStepContext<InterviewState> step)
    {
        var state = step.State;
        if (state.Noted.Count == 0)
            return;
        var language = ConversationLanguage.Of(step.Context);
        var labels = state.Noted.SelectMany(question => question == "decision_date"
            ? new[] { state.FinalDecisionDate?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo(language)) }.OfType<string>()
            : (question switch
            {
                "situations" => state.Situations,
                "profile" => state.Profiles,
                _ => new[] { question switch
                {
                    "at_risk" => state.AtRisk,
                    "gender" => state.Gender,
                    "urgency" => state.Urgency,
                    "perpetrator" => state.Perpetrator,
                    "relocation" => state.Relocation,
                    "country" => state.Country,
                    "started" => state.Started,
                    _ => null,
                } }.OfType<string>().ToList(),
            }).Select(code => question == "country" ? countries.Find(code)?.Name.In(language) ?? code : prompts.Label(question, code, language))).ToList();
        if (labels.Count == 0)
        {
            step.State = state with { Noted = [] };
            return;
        }
        step.Context.SendText(texts.Get(language, "interview.noted", string.Join("; ", labels)));
        step.State = state with { Noted = [] };
    }

    /// <summary>
    /// The safety questions come first and untouched; any question after them is preceded by what was noted. With
    /// <paramref name="more"/>, a question of several answers, some told along the way, asks for any others.
    /// </summary>
    private Task<DialogTurnResult> AskAsync(WaterfallStepContext<InterviewState> step, string question, CancellationToken cancellationToken, bool more = false)
    {
        if (question is not ("danger" or "partner_now" or "consent"))
            TellNoted(step);
        step.State = step.State with { Pending = question };
        return prompts.AskAsync(step, question, cancellationToken, more: more);
    }
}
