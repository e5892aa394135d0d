using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Schema;
using BotProtocol.State;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Content;
using ProtectionBot.Interview;
using ProtectionBot.Recommendations;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Interview;

/// <summary>
/// A defender going through the whole interview over HTTP, answering each question the way a person would: tapping
/// the offered button, typing the country, ticking a card's boxes. It recognises the question by its text in the
/// catalogue, so a persona only says what it would answer, never in which order the bot asks.
/// </summary>
internal sealed class Defender
{
    private readonly BotApplication? _app;
    private readonly BotClient _bot;
    private readonly TextCatalog _texts;
    private readonly string _language;

    public Defender(BotApplication app, Persona persona)
        : this(app.CreateClient(), app.Services.GetRequiredService<TextCatalog>(), persona) => _app = app;

    /// <summary>A defender talking to a bot elsewhere (another process, several instances behind one client).</summary>
    public Defender(HttpClient http, TextCatalog texts, Persona persona)
    {
        Persona = persona;
        _language = Language.FromLocale(persona.Locale) ?? Language.Default;
        _bot = new BotClient(http, persona.Locale, persona.ChannelId);
        _texts = texts;
    }

    public Persona Persona { get; }

    /// <summary>The key the bot keeps this conversation's state under.</summary>
    public string StateKey => $"conversation/{Persona.ChannelId}/{_bot.ConversationId}";

    /// <summary>The questions the bot asked, by text key, in the order it asked them.</summary>
    public List<string> Asked { get; } = [];

    /// <summary>Answers the defender gave, the first "hola" included.</summary>
    public int Turns { get; private set; }

    /// <summary>Every reply, in order.</summary>
    public List<Activity> Heard { get; } = [];

    public JsonNode? ResultCard { get; private set; }

    /// <summary>The recommendations as plain text, where the channel shows no cards.</summary>
    public string? ResultText { get; private set; }

    private bool Finished => ResultCard is not null || ResultText is not null;

    public async Task RunAsync()
    {
        var replies = await SayAsync(_language switch { Language.French => "bonjour", Language.English => "hello", _ => "hola" });
        for (var guard = 0; guard < 20 && !Finished; guard++)
        {
            var question = replies.LastOrDefault(r => r.InputHint == InputHints.ExpectingInput || r.Attachments is { Count: > 0 } && IsQuestionCard(r))
                ?? throw new InvalidOperationException($"The bot stopped asking before the result. Last replies: {Describe(replies)}");
            replies = await AnswerAsync(question);
            if (Persona.DeclinesConsent && replies.Any(r => r.Text == _texts.Get(_language, "interview.consent.declined")))
                return;
        }
        if (!Finished)
            throw new InvalidOperationException("The interview did not end with recommendations within 20 answers.");
    }

    /// <summary>The case the bot kept for a handoff, read back from its store.</summary>
    public async Task<CaseAnswers?> StoredCaseAsync()
    {
        var store = (_app ?? throw new InvalidOperationException("Only a defender talking to an in-memory app can read its store.")).Services.GetRequiredService<IConversationStore>();
        var item = await store.ReadAsync(StateKey, TestContext.Current.CancellationToken);
        var state = JsonSerializer.Deserialize(item!.Data.Span, ProtocolJsonContext.Default.ConversationState)!;
        return state.Properties.TryGetValue(InterviewDialog.CaseKey, out var stored)
            ? stored.Deserialize(InterviewTestJsonContext.Default.CaseAnswers)
            : null;
    }

    /// <summary>The results' cards: what to do now, then one card a route.</summary>
    public List<JsonNode> ResultCards { get; } = [];

    /// <summary>Mechanism names in the order the route cards list them, after the card of what to do now.</summary>
    public IReadOnlyList<string> RecommendedNames() =>
        [.. ResultCards.Skip(1).SelectMany(card => Texts(card).Where(t => t.Bold).Select(t => t.Text))];

    private async Task<IReadOnlyList<Activity>> AnswerAsync(Activity question)
    {
        var asked = question.Text ?? CardQuestion(question) ?? "";
        var key = QuestionKey(asked) ?? throw new InvalidOperationException($"Unknown question: \"{asked}\"");
        Asked.Add(key);
        return key switch
        {
            "language.ask" or "interview.language.confirm" => await SayAsync(_texts.Get(_language, "language.name")),
            "interview.danger.ask" => await SayAsync(_texts.Get(_language, Persona.InDanger ? "answer.yes" : "answer.no")),
            "interview.emergency.partner_ask" => await SayAsync(_texts.Get(_language, Persona.WantsPartnerNow ? "interview.emergency.partner_yes" : "interview.emergency.partner_no")),
            "interview.consent.notice" => await SayAsync(_texts.Get(_language, Persona.DeclinesConsent ? "interview.consent.no" : "interview.consent.yes")),
            "interview.country.ask" or "interview.country.unknown" => await SayAsync(Persona.Country),
            "interview.country.which" or "interview.country.pick" => await SayAsync(Persona.CountryChoice ?? throw new InvalidOperationException($"{Persona.Name}: asked to pick a country")),
            "interview.situation.ask" or "interview.situation.more" => await SubmitAsync(InterviewPrompts.Situations, Persona.Situations),
            "interview.at_risk.ask" => await SayAsync(_texts.Get(_language, $"interview.at_risk.{Persona.AtRisk}")),
            "interview.gender.ask" => await SayAsync(_texts.Get(_language, Persona.Gender is { } gender ? $"interview.gender.{gender}" : "answer.prefer_not")),
            "interview.perpetrator.ask" => await SayAsync(_texts.Get(_language, Persona.Perpetrator is { } who ? $"interview.perpetrator.{who}" : "answer.prefer_not")),
            "interview.relocation.ask" => await SayAsync(_texts.Get(_language, $"interview.relocation.{Persona.Relocation}")),
            "interview.publicity.ask" => await SayAsync(_texts.Get(_language, Persona.Publicity is { } publicity ? $"interview.publicity.{publicity}" : "answer.prefer_not")),
            "interview.decision_date.ask" => await SayAsync(_texts.Get(_language, "interview.decision_date.unknown")),
            "interview.profile.ask" or "interview.profile.more" => await SubmitAsync(InterviewPrompts.Profile, Persona.Profiles.Count == 0 ? [InterviewChoices.NoProfile] : Persona.Profiles),
            "interview.urgency.ask" => await SayAsync(_texts.Get(_language, $"interview.urgency.{Persona.Urgency}")),
            "interview.remedies.ask" => await SayAsync(_texts.Get(_language, $"interview.remedies.{Persona.Remedies ?? "not-approached"}")),
            "interview.started.ask" => await SayAsync(_texts.Get(_language, $"interview.started.{Persona.Started ?? "weeks"}")),
            "interview.description.ask" => await SayAsync(Persona.Description ?? _texts.Get(_language, "interview.description.skip")),
            "handoff.summary.ask" => await SayAsync(_texts.Get(_language, "handoff.summary.share")),
            "handoff.contact.ask_number" => await SayAsync(_texts.Get(_language, "handoff.contact.no")),
            "prompt.retry_numbered" => throw new InvalidOperationException($"{Persona.Name}: the bot did not understand an answer. Heard: {Describe(Heard)}"),
            _ => throw new InvalidOperationException($"{Persona.Name}: no answer for {key}"),
        };
    }

    public async Task<IReadOnlyList<Activity>> SayAsync(string text) => Listen(await _bot.SayAsync(text));

    private async Task<IReadOnlyList<Activity>> SubmitAsync(string promptId, IReadOnlyList<string> codes) =>
        Listen(await _bot.SubmitAsync(JsonSerializer.SerializeToElement(
            new Dictionary<string, string> { [promptId] = string.Join(",", codes) }, TestJsonContext.Default.DictionaryStringString)));

    private IReadOnlyList<Activity> Listen(IReadOnlyList<Activity> replies)
    {
        Turns++;
        Heard.AddRange(replies);
        foreach (var reply in replies)
        {
            if (reply.Text?.StartsWith($"*{_texts.Get(_language, "interview.result.title")}*", StringComparison.Ordinal) == true)
                ResultText = reply.Text;
            if (reply.Attachments?.FirstOrDefault(a => a.ContentType == AttachmentContentTypes.AdaptiveCard)?.Content is not { } card)
                continue;
            var node = JsonNode.Parse(card.GetRawText())!;
            if (ResultCard is null && Texts(node).Any(t => t.Text == _texts.Get(_language, "interview.result.title")))
                ResultCard = node;
            // The route cards follow the first one in the same turn, each with its details to open.
            if (ResultCard is not null && (node == ResultCard || node.ToJsonString().Contains("Action.ShowCard", StringComparison.Ordinal)))
                ResultCards.Add(node);
        }
        return replies;
    }

    private string? QuestionKey(string asked)
    {
        foreach (var key in _texts.Keys)
        {
            if (_texts.GetList(_language, key) is [var text] && text == asked)
                return key;
        }
        return null;
    }

    private static bool IsQuestionCard(Activity activity) => CardQuestion(activity) is not null;

    /// <summary>The first text of a card that asks for input (a choice set): the question.</summary>
    private static string? CardQuestion(Activity activity)
    {
        var content = activity.Attachments?.FirstOrDefault(a => a.ContentType == AttachmentContentTypes.AdaptiveCard)?.Content;
        if (content is null)
            return null;
        var card = JsonNode.Parse(content.Value.GetRawText())!;
        return card.ToJsonString().Contains("Input.ChoiceSet", StringComparison.Ordinal) ? Texts(card).FirstOrDefault().Text : null;
    }

    private static IEnumerable<(string Text, bool Bold)> Texts(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if ((string?)obj["type"] == "TextBlock" && (string?)obj["text"] is { } text)
                yield return (text, (string?)obj["weight"] == "Bolder");
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    foreach (var t in Texts(child))
                        yield return t;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    foreach (var t in Texts(item))
                        yield return t;
                }
            }
        }
    }

    private static string Describe(IEnumerable<Activity> replies) =>
        string.Join(" / ", replies.Select(ChatExpectation.Describe));
}
