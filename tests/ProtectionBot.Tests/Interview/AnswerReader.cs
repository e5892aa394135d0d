using System.Globalization;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Content;
using ProtectionBot.Conversation;
using ProtectionBot.Courses;
using ProtectionBot.Interview;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Tests.Interview;

/// <summary>
/// What the bot makes of one typed answer to one question, in the interview sheet's words: an option id (several for a
/// several-of question), <c>unclear</c>, <c>prefer-not</c>, <c>ask-which:a,b</c> or <c>intent:name</c> — read by the
/// app's own services in the order its route table tries them (commands and requests first, then the answer).
/// </summary>
internal sealed class AnswerReader(IServiceProvider services)
{
    private readonly Understanding _understanding = services.GetRequiredService<Understanding>();
    private readonly InterviewPrompts _prompts = services.GetRequiredService<InterviewPrompts>();
    private readonly Questions _questions = services.GetRequiredService<Questions>();
    private readonly InterviewFacts _facts = services.GetRequiredService<InterviewFacts>();
    private readonly CommandWords _commands = services.GetRequiredService<CommandWords>();
    private readonly Intents _intents = services.GetRequiredService<Intents>();
    private readonly CourseEntry _courses = services.GetRequiredService<CourseEntry>();
    private readonly CountryCatalog _countries = services.GetRequiredService<CountryCatalog>();
    private readonly CountryHints _places = services.GetRequiredService<CountryHints>();

    /// <summary>The prompt waiting for each question, so the requests see the conversation where it is.</summary>
    private static readonly Dictionary<string, string> PromptOf = new(StringComparer.Ordinal)
    {
        ["language"] = InterviewPrompts.LanguagePrompt, ["danger"] = InterviewPrompts.Danger, ["partner_now"] = InterviewPrompts.PartnerNow,
        ["consent"] = InterviewPrompts.Consent, ["country"] = CountryDialog.TypedPrompt, ["situations"] = InterviewPrompts.Situations,
        ["at_risk"] = InterviewPrompts.AtRisk, ["gender"] = InterviewPrompts.Gender, ["profile"] = InterviewPrompts.Profile,
        ["urgency"] = InterviewPrompts.Urgency, ["perpetrator"] = InterviewPrompts.Perpetrator, ["relocation"] = InterviewPrompts.Relocation,
        ["publicity"] = InterviewPrompts.Publicity, ["remedies"] = InterviewPrompts.Remedies, ["decision_date"] = InterviewPrompts.DecisionDate,
        ["started"] = InterviewPrompts.Started, ["description"] = InterviewPrompts.Description,
    };

    public string Read(string question, string language, string text)
    {
        var turn = new TurnContext(
            new Activity { Type = ActivityTypes.Message, Text = text, Locale = language, ChannelId = "test", Conversation = new ConversationAccount { Id = "corpus" } },
            new ConversationState { DialogStack = [new DialogInstance { Id = PromptOf[question] }, new DialogInstance { Id = InterviewDialog.Id }] });
        ConversationLanguage.Choose(turn, language);
        if (_commands.IsQuickExit(turn) || _intents.Is(turn, Intents.QuickExit))
            return "intent:quick-exit";
        if (_commands.IsDeleteData(turn) || _intents.Is(turn, Intents.Erase))
            return "intent:erase";
        if (_intents.Is(turn, Intents.TalkToPerson))
            return "intent:talk-to-person";
        // As the route table: "when will they send the course certificate?" asks about a course, not about the case.
        if (_intents.Is(turn, Intents.CaseStatus) && !_courses.IsQuestionAboutACourse(turn))
            return "intent:case-status";
        // The question is explained and asked again: no answer is taken, as for an answer not understood.
        if (_intents.Is(turn, Intents.NotUnderstood))
            return "unclear";
        // As the route table: "what is the fee of the course?" asks about a course, not about the question. A question
        // about the question is explained: the help for that question.
        if (_commands.IsHelp(turn) || ((_intents.Is(turn, Intents.Help) || _intents.Is(turn, Intents.AboutTheQuestion)) && !_courses.IsQuestionAboutACourse(turn)))
            return "intent:help";
        if (_commands.IsRestart(turn) || _intents.Is(turn, Intents.Restart))
            return "intent:restart";
        // At the language question, a language the bot does not write in ("can we do it in swahili?") is told the three it
        // writes in and asked again: no answer is taken, as for an answer not understood.
        if (question == "language" && _intents.Is(turn, Intents.OtherLanguage))
            return "unclear";
        if ((question != "language" && (_commands.LanguageAskedFor(turn) ?? _intents.LanguageAskedFor(turn)) is not null) || (_intents.Is(turn, Intents.OtherLanguage) && !_courses.IsQuestionAboutACourse(turn)))
            return "intent:language";
        if (_courses.IsOpening(turn) || _courses.IsQuestion(turn))
            return "intent:course-question";
        return question switch
        {
            "country" => Country(text, language),
            // A month without its day is kept as the month's first day; no date and no "I don't know" is asked again.
            "decision_date" => DecisionDates.Read(text, Today, language) is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : DecisionDates.IsAmbiguous(text, Today, language) || !_prompts.SaysDateUnknown(text, language) ? "unclear" : "unknown",
            "description" => _questions.IsSkip(text) || Said(OptionPrompt.Interpret(_understanding, _prompts.Options("publicity", language), text)) == "prefer-not" ? "skip" : "text",
            "language" => Language(text, language),
            _ => Said(OptionPrompt.Interpret(_understanding, _prompts.Options(question, language), text)),
        };
    }

    private static readonly DateOnly Today = new(2026, 12, 4);

    /// <summary>What the answer also says about other questions, as the interview keeps it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Also(string question, string language, string text)
    {
        var state = _facts.Absorb(new InterviewState(), text, language, question);
        var facts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (value is not null && state.Knows(key))
                facts[key] = [value];
        }
        if (state.Knows("situations"))
            facts["situations"] = state.LearningOnly ? ["none"] : state.Situations;
        if (state.Knows("profile"))
            facts["profile"] = state.Profiles;
        Add("at_risk", state.AtRisk);
        Add("gender", state.Gender);
        Add("perpetrator", state.Perpetrator);
        Add("relocation", state.Relocation);
        Add("urgency", state.Urgency);
        Add("started", state.Started);
        Add("remedies", state.DomesticRemedies);
        if (state.Knows("decision_date"))
            facts["decision_date"] = [state.FinalDecisionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown"];
        Add("country", state.Country);
        if (state.Released)
            facts["detention"] = ["released"];
        return facts;
    }

    private string Country(string text, string language)
    {
        var match = _countries.Match(text);
        if (match.Country is { } country)
            return country.Code;
        if (match.Candidates.Count > 1)
            return "ask-which:" + string.Join(",", match.Candidates.Take(2).Select(c => c.Code));
        if (CountryDialog.Place(_places, text, language, _understanding) is { } placed)
            return placed;
        return CountryDialog.PrefersNotToSay(_understanding, language, text) ? "prefer-not" : "unclear";
    }

    /// <summary>
    /// The language question as the sheet writes it: yes or no to going on in the language in use, or a language. The
    /// language in use, named alone ("español") or asked for in it ("claro que sí, en castellano nomás"), is written as
    /// that language; found fine with a yes ("yes, English is fine", "its good in english"), as yes.
    /// </summary>
    private string Language(string text, string language)
    {
        var decision = OptionPrompt.Interpret(_understanding, _prompts.LanguageOptions(language, confirm: true), text);
        return decision is { Kind: DecisionKind.Chosen, Values: [var chosen] } && chosen == language && (!NamesLanguage(text, language, out var saidYes) || saidYes)
            && !AsksInLanguage(text, language)
            ? "yes"
            : Said(decision);
    }

    private static readonly HashSet<string> InWords = new(StringComparer.Ordinal) { "in", "en" };
    private static readonly HashSet<string> FindingFine = new(StringComparer.Ordinal) { "good", "fine", "ok", "okay", "bien", "bon", "bueno", "buena" };

    /// <summary>"en castellano", "in English", not after "good" or "bien": the language asked for, not a yes.</summary>
    private bool AsksInLanguage(string text, string language)
    {
        var words = TextNormalizer.Normalize(text).Split(' ');
        return Enumerable.Range(0, words.Length - 1).Any(i => InWords.Contains(words[i]) && (i == 0 || !FindingFine.Contains(words[i - 1]))
            && _understanding.Read("language", language, words[i + 1]).Options.Contains(language));
    }

    private bool NamesLanguage(string text, string language, out bool saidYes)
    {
        var reading = _understanding.Read("language", language, text);
        // "oui" in a French conversation names French (a bare yes in French answers in French) and is a yes.
        saidYes = reading.Yes.Count > 0 || _understanding.Read(Questions.PlainYesNo, language, text).Yes.Count > 0;
        return reading.Options.Contains(language);
    }

    private static string Said(Decision decision) => decision.Kind switch
    {
        DecisionKind.Chosen => string.Join(",", decision.Values),
        DecisionKind.PreferNot => "prefer-not",
        DecisionKind.AskWhich => "ask-which:" + string.Join(",", decision.Values),
        _ => "unclear",
    };
}
