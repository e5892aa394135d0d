using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Schema;
using BotProtocol.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProtectionBot.Content;
using ProtectionBot.Interview;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;
using ProtectionBot.Tests.Infrastructure;
using CaseworkerPersona = ProtectionBot.Tests.Recommendations.Persona;
using ProtectionBot.Tests.Recommendations;

namespace ProtectionBot.Tests.Interview;

/// <summary>
/// The caseworkers' personas (<c>Recommendations/Personas/{es,fr,en}.yaml</c>) TYPE their story through the real
/// interview over HTTP, without one tap: whatever the bot asks, the persona answers in the words it wrote for that
/// question. The case the bot keeps must hold the facts the caseworker read, and lead to the routes they would give.
/// </summary>
/// <remarks>
/// <see cref="Required"/> is the share of personas read right end to end today, per language; it only goes up. A persona fails on the
/// first answer the bot does not understand, on a fact read differently, or on routes the corpus's rule refuses.
/// </remarks>
public sealed class TypedPersonaTests
{
    /// <summary>The share of each language's personas read right end to end today; the goal is all of them.</summary>
    private static readonly Dictionary<string, double> Required = new(StringComparer.Ordinal) { ["es"] = 0.5, ["fr"] = 0.38, ["en"] = 0.6 };

    private static readonly DateTimeOffset CorpusDay = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The sheet's question each text asks, by its key in <c>dialogs/texts</c>.</summary>
    private static readonly Dictionary<string, string> QuestionOf = new(StringComparer.Ordinal)
    {
        ["language.ask"] = "language", ["interview.language.confirm"] = "language", ["interview.danger.ask"] = "danger",
        ["interview.emergency.partner_ask"] = "partner_now", ["interview.consent.notice"] = "consent",
        ["interview.country.ask"] = "country", ["interview.country.unknown"] = "country", ["interview.situation.ask"] = "situations", ["interview.situation.more"] = "situations",
        ["interview.at_risk.ask"] = "at_risk", ["interview.gender.ask"] = "gender", ["interview.profile.ask"] = "profile", ["interview.profile.more"] = "profile",
        ["interview.urgency.ask"] = "urgency", ["interview.perpetrator.ask"] = "perpetrator", ["interview.relocation.ask"] = "relocation",
        ["interview.publicity.ask"] = "publicity", ["interview.remedies.ask"] = "remedies", ["interview.decision_date.ask"] = "decision_date",
        ["interview.started.ask"] = "started", ["interview.description.ask"] = "description",
    };

    [Theory]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Personas_who_type_their_story_reach_the_facts_and_routes_a_caseworker_gives(string language)
    {
        var personas = PersonaCorpus.All.Where(p => p.Language == language && p.Answers.Count > 0).ToList();
        Assert.NotEmpty(personas);
        var countries = CountryCatalog.Load(AppContext.BaseDirectory, UnderstandingContent.Words);
        var knowledge = KnowledgeBase.Load(AppContext.BaseDirectory, DateOnly.FromDateTime(CorpusDay.UtcDateTime), countries.Contains);
        var recommender = new Recommender(knowledge.Mechanisms, knowledge.Trainings, countries.Find, new FakeTimeProvider(CorpusDay));
        var failures = new List<string>();
        foreach (var persona in personas)
        {
            await using var app = new BotApplication();
            var problem = await TypeAsync(app, persona, countries, recommender);
            if (problem is not null)
                failures.Add($"{persona.Id}: {problem}");
        }

        var passed = 1 - (double)failures.Count / personas.Count;
        // Printed in every run, passing or not (diagnostic messages are on in xunit.runner.json).
        TestContext.Current.SendDiagnosticMessage(
            $"Typed personas {language}: {passed:P0} of {personas.Count} read right ({Required[language]:P0} required). Not yet: {string.Join("; ", failures)}");
        Assert.True(passed >= Required[language], $"{language}: {passed:P0} of {personas.Count} typed personas read right, {Required[language]:P0} required.\n{string.Join("\n", failures)}");
    }

    /// <summary>Null when the persona got through with its facts and routes; otherwise what went wrong first.</summary>
    private static async Task<string?> TypeAsync(BotApplication app, CaseworkerPersona persona, CountryCatalog countries, Recommender recommender)
    {
        var texts = app.Services.GetRequiredService<TextCatalog>();
        var language = persona.Language;
        var bot = new BotClient(app.CreateClient(), language);
        var replies = await bot.SayAsync(persona.Opening ?? language switch { "fr" => "bonjour", "en" => "hello", _ => "hola" });
        var which = texts.Get(language, "prompt.which", "\u0001", "\u0002").Split('\u0001')[0];
        var asked = new HashSet<string>(StringComparer.Ordinal);
        string? last = null;
        for (var turn = 0; turn < 25; turn++)
        {
            if (replies.Any(r => IsResult(r, texts, language)))
                return await CheckAsync(app, bot, persona, recommender, asked);
            var question = replies.LastOrDefault(r => r.InputHint == InputHints.ExpectingInput || CardQuestion(r) is not null);
            if (question is null)
                return $"the bot stopped asking before the result; last said: {string.Join(" / ", replies.Select(ChatExpectation.Describe))}";
            var text = question.Text ?? CardQuestion(question) ?? "";
            var key = KeyOf(texts, language, text);
            string answer;
            // Asked which of two it meant, a person types the one they meant.
            if (key is null && text.StartsWith(which, StringComparison.Ordinal) && last is not null && One(persona, last) is { } meant
                && texts.Has($"interview.{last}.{meant}"))
                answer = texts.Get(language, $"interview.{last}.{meant}");
            else if (key is null || key.StartsWith("prompt.", StringComparison.Ordinal))
                return $"not understood after \"{bot.LastSent?.Text}\": the bot said \"{text}\"";
            else if (key is "interview.country.which" or "interview.country.pick")
                answer = countries.Find(One(persona, "country") ?? "")?.Name.In(language) ?? persona.Answers.GetValueOrDefault("country", "");
            else if (key == "handoff.summary.ask")
                answer = texts.Get(language, "handoff.summary.share");
            else if (key == "handoff.contact.ask_number")
                answer = texts.Get(language, "handoff.contact.no");
            else if (QuestionOf.TryGetValue(key, out var sheet) && persona.Answers.TryGetValue(sheet, out var typed))
            {
                answer = typed;
                asked.Add(sheet);
                last = sheet;
            }
            else
                return $"no typed answer for \"{text}\" ({key})";
            replies = await bot.SayAsync(answer);
        }
        return "no result within 25 answers";
    }

    /// <summary>The facts of the questions the bot asked, or kept from another answer, against the caseworker's reading.</summary>
    private static async Task<string?> CheckAsync(BotApplication app, BotClient bot, CaseworkerPersona persona, Recommender recommender, HashSet<string> asked)
    {
        var store = app.Services.GetRequiredService<IConversationStore>();
        var item = await store.ReadAsync($"conversation/test/{bot.ConversationId}", TestContext.Current.CancellationToken);
        var state = JsonSerializer.Deserialize(item!.Data.Span, ProtocolJsonContext.Default.ConversationState)!;
        if (!state.Properties.TryGetValue(InterviewDialog.CaseKey, out var stored))
            return "no case kept";
        var kept = stored.Deserialize(InterviewTestJsonContext.Default.CaseAnswers)!;
        var expected = persona.ToCaseAnswers();
        var wrong = new List<string>();
        void Compare(string question, object? said, object? meant)
        {
            if (persona.Facts.ContainsKey(question) && (asked.Contains(question) || said is not (null or false or "" or "(False, False)")) && !Equals(said, meant))
                wrong.Add($"{question} {said ?? "nothing"} instead of {meant ?? "nothing"}");
        }
        static string Set(IEnumerable<string> values) => string.Join(",", values.Order(StringComparer.Ordinal));
        Compare("danger", kept.InImmediateDanger, expected.InImmediateDanger);
        Compare("country", kept.Country, expected.Country);
        Compare("situations", Set(kept.Situations) + (kept.LearningOnly ? "+learning" : ""), Set(expected.Situations) + (expected.LearningOnly ? "+learning" : ""));
        Compare("at_risk", kept.AtRisk, expected.AtRisk);
        Compare("gender", kept.Gender, expected.Gender);
        // An organisation at risk is kept among the profiles too; the sheet asks it as who is at risk.
        Compare("profile", Set(kept.Profiles.Where(p => p != "organisation")), Set(expected.Profiles));
        Compare("perpetrator", kept.Perpetrator, expected.Perpetrator);
        Compare("relocation", (kept.NeedsRelocation, kept.AlreadyLeft).ToString(), (expected.NeedsRelocation, expected.AlreadyLeft).ToString());
        Compare("publicity", (kept.FearsExposure, kept.AgreesToPublicity).ToString(), (expected.FearsExposure, expected.AgreesToPublicity).ToString());
        Compare("remedies", kept.DomesticRemedies, expected.DomesticRemedies);
        if (wrong.Count > 0)
            return "facts read differently: " + string.Join("; ", wrong);
        var result = recommender.Recommend(kept);
        var verdict = PersonaVerdict.Judge(persona, [.. result.Mechanisms.Select(m => m.MechanismId), .. result.Trainings.Select(t => t.TrainingId)]);
        return verdict.Passed ? null : verdict.Explanation;
    }

    private static string? One(CaseworkerPersona persona, string question) =>
        persona.Facts.GetValueOrDefault(question) is { Values: [var value] } ? value : null;

    private static string? KeyOf(TextCatalog texts, string language, string text)
    {
        foreach (var key in texts.Keys)
        {
            if (texts.GetList(language, key) is [var known] && known == text)
                return key;
        }
        return null;
    }

    private static bool IsResult(Activity reply, TextCatalog texts, string language)
    {
        var title = texts.Get(language, "interview.result.title");
        if (reply.Text?.StartsWith($"*{title}*", StringComparison.Ordinal) == true)
            return true;
        var card = reply.Attachments?.FirstOrDefault(a => a.ContentType == AttachmentContentTypes.AdaptiveCard)?.Content;
        return card is not null && Texts(JsonNode.Parse(card.Value.GetRawText())).Contains(title);
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "TextBlock" && (string?)obj["text"] is { } text => [text],
        JsonObject obj => obj.SelectMany(p => Texts(p.Value)),
        JsonArray array => array.SelectMany(Texts),
        _ => [],
    };

    /// <summary>The first text of a card that asks for input (a choice set): the question.</summary>
    private static string? CardQuestion(Activity activity)
    {
        var content = activity.Attachments?.FirstOrDefault(a => a.ContentType == AttachmentContentTypes.AdaptiveCard)?.Content;
        if (content is null || !content.Value.GetRawText().Contains("Input.ChoiceSet", StringComparison.Ordinal))
            return null;
        return Texts(JsonNode.Parse(content.Value.GetRawText())).FirstOrDefault();
    }
}
