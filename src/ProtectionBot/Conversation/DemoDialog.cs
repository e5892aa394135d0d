using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Schema;
using System.Text.Json.Nodes;
using ProtectionBot.Content;

namespace ProtectionBot.Conversation;

/// <summary>What the demo conversation has learnt so far.</summary>
public sealed record DemoState
{
    /// <summary>Set when the language question can be skipped (the person just switched language).</summary>
    public bool LanguageSettled { get; init; }

    public bool? InDanger { get; init; }

    public IReadOnlyList<string> Needs { get; init; } = [];
}

/// <summary>
/// The short demo conversation the bot runs until the full interview lands: language, immediate danger
/// (straight to emergency contacts when yes), the kinds of support wanted, and a summary card.
/// Steps are listed in the order the person experiences them.
/// </summary>
internal sealed class DemoDialog(TextCatalog texts, CardTemplates cards)
{
    public const string Id = "demo";
    public const string LanguagePrompt = "demo.language";
    private const string DangerPrompt = "demo.danger";
    private const string NeedsPrompt = "demo.needs";

    private static readonly string[] NeedKeys = ["protection", "training", "person"];

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<DemoState>(Id, ConversationJsonContext.Default.DemoState,
            AskLanguageAsync,
            AskDangerAsync,
            AskNeedsOrGiveEmergencyContactsAsync,
            SummariseAsync);
        yield return new ChoicePrompt(LanguagePrompt);
        yield return new ConfirmPrompt(DangerPrompt);
        yield return new MultiChoicePrompt(NeedsPrompt);
    }

    private async Task<DialogTurnResult> AskLanguageAsync(WaterfallStepContext<DemoState> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? new DemoState();
        if (step.State.LanguageSettled)
            return await step.NextAsync(cancellationToken: cancellationToken);

        var language = ConversationLanguage.Of(step.Context);
        step.Context.SendText(texts.Get(language, "welcome"));
        return await step.PromptAsync(LanguagePrompt, new PromptOptions
        {
            Prompt = Message(texts.Get(language, "language.ask")),
            RetryPrompt = Message(texts.Get(language, "prompt.retry")),
            Choices = [.. Language.All.Select(l => new Choice(l)
            {
                Title = texts.Get(l, "language.name"),
                Synonyms = texts.GetList(l, "language.words"),
            })],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskDangerAsync(WaterfallStepContext<DemoState> step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice chosen)
            ConversationLanguage.Choose(step.Context, chosen.Value);
        var language = ConversationLanguage.Of(step.Context);
        step.Context.SendText(texts.Get(language, "safety.tip"));
        return await step.PromptAsync(DangerPrompt, new PromptOptions
        {
            Prompt = Message(texts.Get(language, "demo.danger.ask")),
            RetryPrompt = Message(texts.Get(language, "prompt.retry")),
            Choices = [new Choice("yes") { Title = texts.Get(language, "demo.answer.yes") }, new Choice("no") { Title = texts.Get(language, "demo.answer.no") }],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskNeedsOrGiveEmergencyContactsAsync(WaterfallStepContext<DemoState> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        var inDanger = step.Result is true;
        step.State = step.State with { InDanger = inDanger };
        if (inDanger)
        {
            // Someone in danger gets the emergency contacts at once, before any further question.
            step.Context.SendText(texts.Get(language, "demo.danger.yes"));
            return await step.EndDialogAsync(step.State, cancellationToken);
        }
        return await step.PromptAsync(NeedsPrompt, new PromptOptions
        {
            Prompt = Message(texts.Get(language, "demo.needs.ask")),
            RetryPrompt = Message(texts.Get(language, "prompt.retry")),
            SubmitTitle = texts.Get(language, "prompt.submit"),
            Choices = [.. NeedKeys.Select(key => new Choice(key) { Title = texts.Get(language, $"demo.needs.{key}") })],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> SummariseAsync(WaterfallStepContext<DemoState> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        var needs = step.Result is IReadOnlyList<FoundChoice> found ? found.Select(c => c.Value).ToList() : [];
        step.State = step.State with { Needs = needs };

        var facts = new JsonArray(
            Fact(texts.Get(language, "demo.summary.danger"), texts.Get(language, step.State.InDanger == true ? "demo.answer.yes" : "demo.answer.no")),
            Fact(texts.Get(language, "demo.summary.needs"), string.Join(", ", needs.Select(n => texts.Get(language, $"demo.needs.{n}")))));
        step.Context.Send(new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [cards.Render("demo-summary", new JsonObject
            {
                ["title"] = texts.Get(language, "demo.summary.title"),
                ["facts"] = facts,
                ["next"] = texts.Get(language, "demo.summary.next"),
            })],
        });
        return await step.EndDialogAsync(step.State, cancellationToken);
    }

    private static JsonObject Fact(string label, string value) => new() { ["label"] = label, ["value"] = value };

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, InputHint = InputHints.ExpectingInput };
}
