using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Interview;

/// <summary>What the country question remembers between its turns.</summary>
internal sealed record CountryQuestion
{
    /// <summary>The last answer was not a country: say so when asking again.</summary>
    public bool NotRecognised { get; init; }

    /// <summary>The text key of the question, when another dialog asks for a country in its own words.</summary>
    public string? AskKey { get; init; }
}

/// <summary>
/// "In which country?": a name typed in any of the three languages (typos forgiven), or a region and then a
/// country from its list; an ambiguous name ("Congo"), or two countries at once ("entre le Mali et le Burkina"), is
/// settled with a short choice. Ends with the ISO code, or with none when the person would rather not say: the
/// recommendations then leave out what depends on the country.
/// </summary>
internal sealed class CountryDialog(TextCatalog texts, CountryCatalog countries, CountryHints places, Understanding understanding)
{
    public const string Id = "interview.country";
    public const string TypedPrompt = "interview.country.typed";
    public const string PickPrompt = "interview.country.pick";

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<CountryQuestion>(Id, InterviewJsonContext.Default.CountryQuestion,
            AskAsync,
            InterpretAsync,
            ChosenAsync);
        yield return new TextPrompt(TypedPrompt) { TakesFreeText = true };
        yield return new ChoicePrompt(PickPrompt) { MaxSuggestedActions = 4, TakesFreeText = true };
    }

    private async Task<DialogTurnResult> AskAsync(WaterfallStepContext<CountryQuestion> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? new CountryQuestion();
        var language = ConversationLanguage.Of(step.Context);
        var question = Questions.Question(texts.Get(language, step.State.NotRecognised ? "interview.country.unknown" : step.State.AskKey ?? "interview.country.ask")) with
        {
            SuggestedActions = new SuggestedActions
            {
                Actions = [.. KnowledgeCodes.Regions.Select(r => texts.Get(language, $"interview.region.{r}")).Select(title => CardAction.ImBack(title, title))],
            },
        };
        return await step.PromptAsync(TypedPrompt, new PromptOptions { Prompt = question }, cancellationToken);
    }

    private async Task<DialogTurnResult> InterpretAsync(WaterfallStepContext<CountryQuestion> step, CancellationToken cancellationToken)
    {
        var language = ConversationLanguage.Of(step.Context);
        var typed = step.Result as string ?? "";
        if (Region(typed) is { } region)
            return await PickAsync(step, "interview.country.pick", countries.InRegion(region, language), language, cancellationToken);

        var match = countries.Match(typed);
        if (match.Country is { } country)
            return await step.EndDialogAsync(country.Code, cancellationToken);
        if (match.Candidates.Count > 1)
            return await PickAsync(step, "interview.country.which", match.Candidates, language, cancellationToken);
        if (Place(places, typed, language, understanding) is { } placed)
            return await step.EndDialogAsync(placed, cancellationToken);
        if (PrefersNotToSay(understanding, language, typed))
        {
            step.Context.SendText(texts.Get(language, "interview.country.prefer_not"));
            return await step.EndDialogAsync(null, cancellationToken);
        }
        return await step.ReplaceDialogAsync(Id, step.State with { NotRecognised = true }, cancellationToken);
    }

    private async Task<DialogTurnResult> ChosenAsync(WaterfallStepContext<CountryQuestion> step, CancellationToken cancellationToken) =>
        step.Result is FoundChoice chosen
            ? await step.EndDialogAsync(chosen.Value, cancellationToken)
            : await step.ReplaceDialogAsync(Id, step.State with { NotRecognised = true }, cancellationToken);

    private Task<DialogTurnResult> PickAsync(
        WaterfallStepContext<CountryQuestion> step, string questionKey, IReadOnlyList<Country> options, string language, CancellationToken cancellationToken) =>
        step.PromptAsync(PickPrompt, new PromptOptions
        {
            Prompt = Questions.Question(texts.Get(language, questionKey)),
            RetryPrompt = Questions.Question(texts.Get(language, "prompt.retry_numbered")),
            LastResort = texts.Get(language, "prompt.last_resort_help"),
            SubmitTitle = texts.Get(language, "prompt.submit"),
            Choices = [.. options.Select(c => new Choice(c.Code)
            {
                Title = c.Name.In(language),
                Synonyms = [c.Name.Es, c.Name.Fr, c.Name.En, .. c.Aliases],
            })],
        }, cancellationToken);

    /// <summary>
    /// "Kampala", "en el Catatumbo", "à Bamenda": a place, group or force of one country (<c>places.yaml</c>) answers the
    /// country question as it does in passing, when no country's name or other name was typed.
    /// </summary>
    public static string? Place(CountryHints places, string typed, string language, Understanding understanding) =>
        places.Of(understanding.Parse(typed, language), understanding.KnownWords);

    /// <summary>"Prefiero no decir", "je préfère ne pas dire", "i'd rather not say": said without naming a country.</summary>
    public static bool PrefersNotToSay(Understanding understanding, string language, string typed) =>
        understanding.Read(UnderstandingFiles.IntentQuestion, language, typed).PreferNot;

    /// <summary>A region's name in any language, as a button sends it or a person types it.</summary>
    private string? Region(string typed)
    {
        var said = TextNormalizer.Normalize(typed);
        return KnowledgeCodes.Regions.FirstOrDefault(region =>
            Language.All.Any(l => TextNormalizer.Normalize(texts.Get(l, $"interview.region.{region}")) == said));
    }
}
