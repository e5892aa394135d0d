using System.Text.Json;
using System.Text.Json.Serialization;
using BotProtocol.Schema;

namespace BotProtocol.Prompts;

/// <summary>
/// What a prompt asks and how. Saved in the prompt's frame until it is answered, so everything here must
/// serialise: texts are passed already localised by the application.
/// </summary>
public sealed record PromptOptions
{
    /// <summary>The question. Its <c>inputHint</c> defaults to <c>expectingInput</c>.</summary>
    public Activity? Prompt { get; init; }

    /// <summary>Sent instead of <see cref="Prompt"/> after an answer that was not understood or not valid.</summary>
    public Activity? RetryPrompt { get; init; }

    /// <summary>The choices of a choice prompt; for a confirm prompt, the yes and the no button, in that order.</summary>
    public IReadOnlyList<Choice>? Choices { get; init; }

    public ListStyle Style { get; init; }

    /// <summary>Free data for the prompt's validator (for example a maximum length).</summary>
    public JsonElement? Validations { get; init; }

    /// <summary>
    /// Answers the user may give before the prompt gives up and ends with <see cref="TooManyAttempts"/>;
    /// the retry prompt is not sent after the last one. At least 1; default no limit, as Bot Framework prompts: a prompt
    /// that gives up leaves its caller to pick an answer the person never gave.
    /// </summary>
    public int MaxAttempts { get; init; } = int.MaxValue;

    /// <summary>
    /// Added to the retry of a prompt with choices from the second answer not understood on: the other ways out
    /// ("prefer not to say", "talk to a person"). The first retry shows the choices numbered.
    /// </summary>
    public string? LastResort { get; init; }

    /// <summary>The button of an Adaptive Card choice prompt ("Enviar"). Default: a plain word in the turn's language.</summary>
    public string? SubmitTitle { get; init; }

    /// <summary>How an <see cref="OptionPrompt"/> reads typed answers; required there, ignored by the other prompts.</summary>
    public UnderstandingOptions? Understanding { get; init; }
}

/// <summary>
/// What an <see cref="OptionPrompt"/> needs to read a typed answer: the question's vocabulary and the language to read
/// it in, how the options are chosen, and the words it says when it did not understand.
/// </summary>
public sealed record UnderstandingOptions
{
    /// <summary>The question's id in the <see cref="Recognizers.Understanding"/>'s vocabularies.</summary>
    public required string Question { get; init; }

    /// <summary>es, fr or en: the language answers are read in first.</summary>
    public required string Language { get; init; }

    public Recognizers.AnswerKind Kind { get; init; }

    /// <summary>The option a plain "yes" chooses, if any.</summary>
    public string? Yes { get; init; }

    /// <summary>The option a plain "no" (or denying every option) chooses; for several options, the "none of these".</summary>
    public string? No { get; init; }

    /// <summary>The value of the "prefer not to say" choice, when offered; it must be the last of the choices.</summary>
    public string? PreferNot { get; init; }

    /// <summary>
    /// The option that wins when named with another one in a single choice: "the police, or people posing as police, we
    /// don't know" is "unknown". Default none: two options named are asked about.
    /// </summary>
    public string? Dominant { get; init; }

    /// <summary>
    /// A marker of the vocabulary, no choice, for an answer given without proof ("I think it's the army but I can't prove
    /// it"): beside one option named, that option is the answer; alone, or beside several, <see cref="Dominant"/> is ("could
    /// be the mayor or the mine, I can't prove it"). Default none.
    /// </summary>
    public string? Unproven { get; init; }

    /// <summary>
    /// Whether a single choice tells where something stands, so the option said last wins over those said before it:
    /// "archived, I appealed, no answer yet" is still pending. The no option (nothing done) never wins over a step named
    /// beside it: "we reported it, what's the use" is pending. Default false: two options named are asked about.
    /// </summary>
    public bool LatestWins { get; init; }

    /// <summary>
    /// Whether a yes said in doubt ("not sure, maybe yes, a car has been parked outside for hours") is a yes: for a question
    /// where a wrong no costs more than a wrong yes, such as immediate danger. Default false: doubt is asked again.
    /// </summary>
    public bool DoubtLeansYes { get; init; }

    /// <summary>Asked when a single choice was answered with two options: "{0}" and "{1}" are their titles.</summary>
    public string? Which { get; init; }
}

/// <summary>How choices are shown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListStyle>))]
public enum ListStyle
{
    /// <summary>
    /// Suggested actions for a single choice with up to <see cref="ChoicePrompt.MaxSuggestedActions"/> options,
    /// otherwise (and always for several choices) an Adaptive Card.
    /// </summary>
    Auto,

    /// <summary>Only the prompt; the user types an answer.</summary>
    None,

    /// <summary>A numbered list in the text, for channels without buttons.</summary>
    List,

    /// <summary>Buttons that send the choice's value as the user's message (imBack).</summary>
    SuggestedAction,

    /// <summary>An Adaptive Card 1.5 with an <c>Input.ChoiceSet</c> and a submit button.</summary>
    AdaptiveCard,
}

/// <summary>A choice offered by a prompt. <see cref="Value"/> is what an imBack button sends and what the app receives.</summary>
public sealed record Choice(string Value)
{
    /// <summary>The text shown; defaults to <see cref="Value"/>.</summary>
    public string? Title { get; init; }

    /// <summary>Other words that name this choice ("Mexico" for "México" needs none: accents and case never matter).</summary>
    public IReadOnlyList<string>? Synonyms { get; init; }

    [JsonIgnore]
    public string DisplayTitle => Title ?? Value;
}

/// <summary>The choice an answer named: its value and index in the offered list, how well it matched and by which word.</summary>
public sealed record FoundChoice(string Value, int Index, double Score, string? Synonym);

/// <summary>The result a prompt ends with when the user's answers were not understood <see cref="PromptOptions.MaxAttempts"/> times.</summary>
public sealed record TooManyAttempts(string DialogId, int Attempts);

/// <param name="Which">When not understood because two options were named: the two, to ask which.</param>
public sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default, IReadOnlyList<string>? Which = null);

/// <summary>What an <see cref="OptionPrompt"/> ends with: the options chosen, or that the person preferred not to say.</summary>
public sealed record OptionAnswer(IReadOnlyList<string> Values, bool PreferNot)
{
    /// <summary>The option chosen in a single choice; null when the person preferred not to say.</summary>
    public string? Value => Values.Count > 0 ? Values[0] : null;
}

/// <summary>What a validator sees; it returns true to accept, and may send its own explanation instead of the retry prompt.</summary>
public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(Turns.TurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
    {
        Context = context;
        Recognized = recognized;
        Options = options;
        AttemptCount = attemptCount;
    }

    public Turns.TurnContext Context { get; }

    /// <summary>The recogniser's reading, which may have failed: validators are called either way.</summary>
    public PromptRecognizerResult<T> Recognized { get; }

    public PromptOptions Options { get; }

    /// <summary>Answers given so far, this one included.</summary>
    public int AttemptCount { get; }
}
