using System.Text.Json;
using BotProtocol.Dialogs;
using BotProtocol.Recognizers;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>
/// "More options", at any point after the results: the routes beyond the first ones and the trainings, worked out
/// again from the answers kept for the case, then the question that was pending (the offer of a partner, say), asked
/// again so that it can still be answered. Typed in any language or sent by the results' button.
/// </summary>
internal sealed class MoreOptions(TextCatalog texts, ResultPresenter results, Recommender recommender, DialogSet dialogs)
{
    private readonly HashSet<string> _words = texts.GetListInAllLanguages("interview.result.more.words")
        .Concat(Language.All.Select(l => texts.Get(l, "interview.result.more.button")))
        .Select(TextNormalizer.Normalize)
        .ToHashSet(StringComparer.Ordinal);

    public bool IsAsked(TurnContext turn) =>
        turn.State.Properties.ContainsKey(InterviewDialog.CaseKey)
        && (_words.Contains(TextNormalizer.Normalize(turn.Activity.Text)) || IsButton(turn.Activity.Value));

    public async Task ShowAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var answers = turn.State.Get(InterviewDialog.CaseKey, InterviewJsonContext.Default.CaseAnswers);
        if (answers is null)
            return;
        foreach (var reply in results.MoreOptions(turn, recommender.Recommend(answers)))
            turn.Send(reply);
        var dc = dialogs.CreateContext(turn);
        if (dc.ActiveDialog is not null)
            await dc.RepromptDialogAsync(cancellationToken);
    }

    private static bool IsButton(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } submitted
        && submitted.TryGetProperty("action", out var action)
        && action.ValueKind == JsonValueKind.String
        && action.GetString() == ResultPresenter.MoreOptionsAction;
}
