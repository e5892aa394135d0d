using BotProtocol.Dialogs;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;

namespace BotProtocol.Prompts;

/// <summary>
/// Asks a question answered by options — yes or no, one of several, or several — and reads what people type with an
/// <see cref="Understanding"/>: full sentences, typos, denials and doubt, "prefer not to say", numbers. It never
/// guesses: an answer naming two options of a single choice asks which of the two; an answer not understood is asked
/// again with the options numbered, and from the second time on with the other ways out
/// (<see cref="PromptOptions.LastResort"/>). Keep <see cref="PromptOptions.MaxAttempts"/> unlimited: giving up would
/// leave the question unanswered, never answered for the person.
/// </summary>
public sealed class OptionPrompt(string dialogId, Understanding understanding) : Prompt<OptionAnswer>(dialogId, validator: null)
{
    /// <summary>Language of the card's default submit button when the activity has no locale. Default English.</summary>
    public string? DefaultLocale { get; init; }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        if (options is PromptOptions { Understanding: null } or PromptOptions { Choices: null or { Count: 0 } })
            throw new ArgumentException($"Option prompt '{Id}' needs choices and understanding options.", nameof(options));
        return base.BeginDialogAsync(dc, options, cancellationToken);
    }

    private protected override Activity Render(TurnContext turn, PromptFrame frame, bool isRetry)
    {
        var options = frame.Options;
        var reading = options.Understanding!;
        var choices = options.Choices!;
        var multi = reading.Kind == AnswerKind.SeveralOf;
        var layout = ChoiceRecognition.Layout(turn, frame, Id, multi, multi ? int.MaxValue : 10, DefaultLocale);
        // Buttons send their title, which is what the person sees as their message; cards send values.
        if (!multi)
            choices = [.. choices.Select(c => new Choice(c.DisplayTitle))];
        if (!isRetry)
            return ChoiceRendering.Render(options.Prompt, choices, options.Style, layout);

        if (frame.Which is [var first, var second] && reading.Which is { } which)
        {
            var all = options.Choices!;
            var pair = all.Where(c => c.Value == first || c.Value == second).Select(c => new Choice(c.DisplayTitle)).ToList();
            var question = new Activity { Type = ActivityTypes.Message, Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, which, Title(all, first), Title(all, second)), InputHint = InputHints.ExpectingInput };
            return ChoiceRendering.Render(question, pair, ListStyle.Auto, layout with { MultiSelect = false });
        }

        return ChoiceRendering.Retry(options, choices, frame.Attempts, layout);
    }

    private protected override PromptRecognizerResult<OptionAnswer> Recognize(TurnContext turn, PromptFrame frame)
    {
        var options = frame.Options;
        var reading = options.Understanding!;
        var choices = options.Choices!;
        var activity = turn.Activity;

        if (ChoiceRendering.TryReadSubmit(activity, frame.PromptId, Id, out var submitted))
        {
            var values = submitted.Select(v => Exact(choices, v)).ToList();
            if (values.Count == 0 || values.Exists(v => v is null))
                return new(false);
            return Answer(reading, values!.Distinct().ToList()!);
        }
        if (string.IsNullOrWhiteSpace(activity.Text))
            return new(false);
        if (frame.Which is [var first, var second] && Exact(choices, activity.Text) is null)
        {
            // The answer to "which of the two?": a number counts in that list of two.
            var read = understanding.Read(reading.Question, reading.Language, activity.Text);
            if (read.Numbers is [var n and (1 or 2)] && read.Affirmed.Count == 0)
                return Answer(reading, [n == 1 ? first : second]);
            var named = read.Options.Where(o => o == first || o == second).ToList();
            if (named.Count == 1)
                return Answer(reading, named);
        }
        var decision = Interpret(understanding, options, activity.Text);
        return decision.Kind switch
        {
            DecisionKind.Chosen => new(true, new OptionAnswer(decision.Values, false)),
            DecisionKind.PreferNot => new(true, new OptionAnswer([], true)),
            DecisionKind.AskWhich => new(false, Which: decision.Values),
            _ => new(false),
        };
    }

    /// <summary>
    /// What <paramref name="text"/> answers to the question <paramref name="options"/> ask: a button's title or value, or
    /// the reading of the words (<see cref="Decision.Decide"/>), "prefer not to say" included.
    /// </summary>
    public static Decision Interpret(Understanding understanding, PromptOptions options, string? text)
    {
        ArgumentNullException.ThrowIfNull(understanding);
        ArgumentNullException.ThrowIfNull(options);
        var reading = options.Understanding ?? throw new ArgumentException("The options say nothing of how answers are read.", nameof(options));
        var choices = options.Choices ?? [];
        if (string.IsNullOrWhiteSpace(text))
            return Decision.Unclear;
        if (Exact(choices, text) is { } tapped)
            return tapped == reading.PreferNot ? Decision.Declined : Decision.Of(tapped);
        var read = understanding.Read(reading.Question, reading.Language, text);
        var decision = Decision.Decide(read, Shape(reading, choices));
        if (reading.Unproven is { } unproven && reading.Dominant is { } fallback && read.Options.Contains(unproven) && decision.Kind != DecisionKind.PreferNot)
        {
            var suspected = read.Options.Where(Shape(reading, choices).Values.Contains).ToList();
            return Decision.Of(suspected is [var one] ? one : fallback);
        }
        if (decision.Kind == DecisionKind.AskWhich && reading.Dominant is { } dominant && read.Options.Contains(dominant))
            return Decision.Of(dominant);
        // A step taken is not undone by saying it was no use, even after a "but": "we reported it, what's the use",
        // "denunciamos pero de qué sirve" still stand where they are.
        var nothingDone = decision.Kind == DecisionKind.Chosen && decision.Values.Count == 1 && decision.Values[0] == reading.No;
        if ((decision.Kind == DecisionKind.AskWhich || nothingDone) && reading.LatestWins && !read.Unsure)
        {
            var values = Shape(reading, choices).Values;
            var named = read.Affirmed.Where(m => m.Option is { } option && values.Contains(option)).ToList();
            if (reading.No is { } none && named.Any(m => m.Option != none))
                named.RemoveAll(m => m.Option == none);
            if (named.Count > 0)
                return Decision.Of(named.MaxBy(m => m.Position).Option!);
        }
        return decision;
    }

    private static PromptRecognizerResult<OptionAnswer> Answer(UnderstandingOptions reading, List<string> values)
    {
        if (reading.PreferNot is { } preferNot && values.Contains(preferNot))
            return values.Count == 1 ? new(true, new OptionAnswer([], true)) : new(true, new OptionAnswer([.. values.Where(v => v != preferNot)], false));
        if (reading.Kind != AnswerKind.SeveralOf && values.Count > 1)
            return new(false, Which: values.Take(2).ToList());
        if (reading.Kind == AnswerKind.SeveralOf && reading.No is { } none && values.Count > 1)
            values.Remove(none);
        return new(true, new OptionAnswer(values, false));
    }

    /// <summary>The options a decision chooses among: every choice but "prefer not to say", which is a decision of its own.</summary>
    private static AnswerShape Shape(UnderstandingOptions reading, IReadOnlyList<Choice> choices) =>
        new(reading.Kind, [.. choices.Select(c => c.Value).Where(v => v != reading.PreferNot)], reading.Yes, reading.No, reading.PreferNot, reading.DoubtLeansYes);

    /// <summary>A choice's value when <paramref name="text"/> is exactly its value or title (as a button or a card sends it).</summary>
    private static string? Exact(IReadOnlyList<Choice> choices, string text)
    {
        var said = TextNormalizer.Normalize(text);
        foreach (var choice in choices)
        {
            if (TextNormalizer.Normalize(choice.Value) == said || TextNormalizer.Normalize(choice.DisplayTitle) == said)
                return choice.Value;
        }
        return null;
    }

    private static string Title(IReadOnlyList<Choice> choices, string value) => choices.FirstOrDefault(c => c.Value == value)?.DisplayTitle ?? value;
}
