using BotProtocol.Dialogs;
using ProtectionBot.Content;
using ProtectionBot.Handoff;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>What a request for a person carries: the case as answered so far.</summary>
internal sealed record PersonRequest
{
    public CaseAnswers Answers { get; init; } = new() { Language = Language.Default };
}

/// <summary>
/// "Quiero hablar con una persona", at any step: the handoff's consent and summary with what was answered so far, the
/// questions not answered yet left out. A partner is chosen by country, so the country is asked first when unknown.
/// Someone in danger gets the emergency lines first and the partner on call. When it ends, the interrupted question is
/// asked again.
/// </summary>
internal sealed class PersonRequestDialog(TextCatalog texts, ResultPresenter results)
{
    public const string Id = "person-request";

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<PersonRequest>(Id, InterviewJsonContext.Default.PersonRequest,
            AskCountryIfUnknownAsync,
            HandOffAsync);
    }

    /// <summary>The case to hand off from what this conversation knows: the interview's answers, else the finished case.</summary>
    public static CaseAnswers CaseOf(BotProtocol.Turns.TurnContext turn)
    {
        var language = ConversationLanguage.Of(turn);
        if (InterviewDialog.Current(turn) is { } state)
            return state.ToAnswers(language);
        return turn.State.Get(InterviewDialog.CaseKey, InterviewJsonContext.Default.CaseAnswers) ?? new CaseAnswers { Language = language };
    }

    private async Task<DialogTurnResult> AskCountryIfUnknownAsync(WaterfallStepContext<PersonRequest> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? new PersonRequest();
        var language = ConversationLanguage.Of(step.Context);
        if (step.State.Answers.InImmediateDanger)
        {
            step.Context.Send(results.Emergency(step.Context));
            step.Context.SendText(texts.Get(language, "interview.person.danger"));
        }
        if (step.State.Answers.Country is not null)
            return await step.NextAsync(step.State.Answers.Country, cancellationToken);
        return await step.BeginDialogAsync(CountryDialog.Id, new CountryQuestion { AskKey = "interview.person.country" }, cancellationToken);
    }

    private async Task<DialogTurnResult> HandOffAsync(WaterfallStepContext<PersonRequest> step, CancellationToken cancellationToken)
    {
        var answers = step.State.Answers with { Country = step.Result as string ?? step.State.Answers.Country };
        if (!answers.InImmediateDanger)
            step.Context.SendText(texts.Get(ConversationLanguage.Of(step.Context), "interview.person.noted"));
        return await step.ReplaceDialogAsync(HandoffDialog.Id, new HandoffDialogState { Answers = answers, Asked = true }, cancellationToken);
    }
}
