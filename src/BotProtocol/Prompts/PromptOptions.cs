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
    /// the retry prompt is not sent after the last one. At least 1; default 3.
    /// </summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The button of an Adaptive Card choice prompt ("Enviar"). Default: a plain word in the turn's language.</summary>
    public string? SubmitTitle { get; init; }
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

public sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default);

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
