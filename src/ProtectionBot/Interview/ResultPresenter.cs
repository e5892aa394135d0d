using System.Text;
using System.Text.Json.Nodes;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Conversation;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>
/// Turns emergency options and recommendations into what the channel shows best: an Adaptive Card where cards
/// render, and plain text with numbered items where they do not (WhatsApp, SMS).
/// </summary>
internal sealed class ResultPresenter(TextCatalog texts, CardTemplates cards, KnowledgeBase knowledge)
{
    public Activity Emergency(TurnContext turn)
    {
        var language = ConversationLanguage.Of(turn);
        var lines = new[] { texts.Get(language, "interview.emergency.go_safe"), texts.Get(language, "interview.emergency.tell_someone") };
        var contacts = new List<(string Name, string Contact, string Hours)>();
        if (knowledge.Mechanisms.GetValueOrDefault(MechanismIds.EmergencyLine) is { } line)
            contacts.Add((line.Name.In(language), line.Phone ?? line.Email ?? line.Links[0].AbsoluteUri, texts.Get(language, "interview.emergency.line_hours")));
        if (knowledge.Mechanisms.GetValueOrDefault(MechanismIds.AccessNow) is { } helpline)
            contacts.Add((helpline.Name.In(language), helpline.Email ?? helpline.Links[0].AbsoluteUri, texts.Get(language, "interview.emergency.digital_hours")));

        var title = texts.Get(language, "interview.emergency.title");
        if (!ChannelCapabilities.RendersAdaptiveCards(turn.Activity.ChannelId))
        {
            var text = new StringBuilder(title).Append("\n\n");
            foreach (var l in lines)
                text.Append("• ").Append(l).Append('\n');
            foreach (var c in contacts)
                text.Append("• ").Append(c.Name).Append(": ").Append(c.Contact).Append(" (").Append(c.Hours).Append(")\n");
            return Message(text.ToString().TrimEnd());
        }
        return Card("emergency", new JsonObject
        {
            ["title"] = title,
            ["lines"] = new JsonArray([.. lines.Select(l => JsonValue.Create(l))]),
            ["contacts"] = new JsonArray([.. contacts.Select(c => new JsonObject { ["name"] = c.Name, ["phone"] = c.Contact, ["hours"] = c.Hours })]),
        });
    }

    public Activity Recommendations(TurnContext turn, RecommendationResult result)
    {
        var language = ConversationLanguage.Of(turn);
        var tiers = result.Mechanisms
            .GroupBy(r => r.Tier)
            .OrderBy(g => g.Key)
            .Select(g => new JsonObject
            {
                ["title"] = texts.Get(language, $"interview.result.tier.{TierCode(g.Key)}"),
                ["items"] = new JsonArray([.. g.Select(r => Item(r, language))]),
            })
            .ToList();
        var trainings = result.Trainings
            .Select(t => (Suggestion: t, Training: knowledge.Trainings.FirstOrDefault(x => x.Id == t.TrainingId)))
            .Where(t => t.Training is not null)
            .Select(t => new JsonObject
            {
                ["name"] = t.Training!.Name.In(language),
                ["status"] = Status(t.Suggestion, language),
                ["why"] = Join([.. t.Suggestion.Reasons.Where(r => !ReasonKeys.TrainingStatuses.Contains(r.Key))], language),
                ["link"] = t.Training.Links[0].AbsoluteUri,
                ["linkTitle"] = texts.Get(language, "interview.result.open_link"),
            })
            .ToList();

        var data = new JsonObject
        {
            ["title"] = texts.Get(language, "interview.result.title"),
            ["intro"] = texts.Get(language, tiers.Count == 0 ? "interview.result.none" : "interview.result.intro"),
            ["tiers"] = new JsonArray([.. tiers]),
            ["trainings"] = trainings.Count == 0 ? null : new JsonObject
            {
                ["title"] = texts.Get(language, "interview.result.trainings"),
                ["items"] = new JsonArray([.. trainings]),
            },
            // $when keeps an element only for the boolean true, in our binder and in adaptivecards-templating alike.
            ["hasTrainings"] = trainings.Count > 0,
            ["labels"] = new JsonObject
            {
                ["prepare"] = texts.Get(language, "interview.result.prepare"),
                ["submit"] = texts.Get(language, "interview.result.submit"),
                ["deadline"] = texts.Get(language, "interview.result.deadline"),
                ["note"] = texts.Get(language, "interview.result.note"),
            },
            ["next"] = texts.Get(language, "interview.result.next"),
        };
        return ChannelCapabilities.RendersAdaptiveCards(turn.Activity.ChannelId)
            ? Card("recommendations", data)
            : Message(PlainText(data));
    }

    private JsonObject Item(Recommendation recommendation, string language)
    {
        var mechanism = knowledge.Mechanisms[recommendation.MechanismId];
        var deadline = mechanism.TimeLimit?.In(language);
        var note = recommendation.Notes.Count == 0 ? null : Join(recommendation.Notes, language);
        return new JsonObject
        {
            ["name"] = mechanism.Name.In(language),
            ["why"] = Join(recommendation.Reasons, language),
            ["prepare"] = mechanism.Prepare.In(language),
            ["submit"] = mechanism.Submit.In(language),
            ["deadline"] = deadline,
            ["hasDeadline"] = deadline is not null,
            ["note"] = note,
            ["hasNote"] = note is not null,
            ["link"] = mechanism.Links[0].AbsoluteUri,
            ["linkTitle"] = texts.Get(language, "interview.result.open_link"),
        };
    }

    /// <summary>
    /// The registration state as the advisor worded it (with the date in the organiser's time zone), or, for
    /// trainings without registration windows, how to get in.
    /// </summary>
    private string Status(TrainingSuggestion suggestion, string language) =>
        suggestion.Reasons.FirstOrDefault(r => ReasonKeys.TrainingStatuses.Contains(r.Key)) is { } status
            ? texts.Get(language, status.Key, [.. status.Arguments])
            : texts.Get(language, suggestion.Status == RegistrationStatus.OnRequest ? "interview.result.status.on_request" : "interview.result.status.always");

    private string Join(IReadOnlyList<ReasonText> reasons, string language) =>
        string.Join(" ", reasons.Select(r => texts.Get(language, r.Key, [.. r.Arguments])));

    private static string TierCode(RouteTier tier) => tier switch
    {
        RouteTier.Immediate => "immediate",
        RouteTier.Urgent => "urgent",
        _ => "long-term",
    };

    /// <summary>The card's content as text: numbered items, each with why, what to prepare, how to send it and the link.</summary>
    private static string PlainText(JsonObject data)
    {
        var labels = data["labels"]!.AsObject().ToDictionary(l => l.Key, l => (string?)l.Value);
        var text = new StringBuilder().Append('*').Append((string?)data["title"]).Append("*\n").Append((string?)data["intro"]).Append('\n');
        var number = 0;
        foreach (var tier in data["tiers"]!.AsArray())
        {
            text.Append("\n*").Append((string?)tier!["title"]).Append("*\n");
            foreach (var item in tier["items"]!.AsArray())
            {
                text.Append(++number).Append(". *").Append((string?)item!["name"]).Append("*\n").Append((string?)item["why"]).Append('\n');
                text.Append(labels["prepare"]).Append(": ").Append((string?)item["prepare"]).Append('\n');
                text.Append(labels["submit"]).Append(": ").Append((string?)item["submit"]).Append('\n');
                if ((string?)item["deadline"] is { } deadline)
                    text.Append(labels["deadline"]).Append(": ").Append(deadline).Append('\n');
                if ((string?)item["note"] is { } note)
                    text.Append(labels["note"]).Append(": ").Append(note).Append('\n');
                text.Append((string?)item["link"]).Append('\n');
            }
        }
        if (data["trainings"] is JsonObject trainings)
        {
            text.Append("\n*").Append((string?)trainings["title"]).Append("*\n");
            foreach (var item in trainings["items"]!.AsArray())
                text.Append(++number).Append(". *").Append((string?)item!["name"]).Append("* — ").Append((string?)item["status"]).Append('\n').Append((string?)item["link"]).Append('\n');
        }
        return text.Append('\n').Append((string?)data["next"]).ToString();
    }

    private Activity Card(string template, JsonObject data) =>
        new() { Type = ActivityTypes.Message, Attachments = [cards.Render(template, data)] };

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };
}
