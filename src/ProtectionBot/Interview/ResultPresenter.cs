using System.Text;
using System.Text.Json.Nodes;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>
/// Emergency options and recommendations, shaped for a phone on a bad connection:
/// <list type="number">
/// <item>first, on one screen, the one to three things to do now, each with what it is, why in one sentence and one
/// action (call, write, open the official page);</item>
/// <item>then each of the first <see cref="FirstRoutes"/> routes on its own (a card whose details open on request; on
/// WhatsApp, a message of at most one screen, never split, each address written once);</item>
/// <item>then, only when asked ("More options"), the other routes and, last, the trainings.</item>
/// </list>
/// Cards where the channel renders them; plain text where it does not (WhatsApp, SMS).
/// </summary>
internal sealed class ResultPresenter(TextCatalog texts, CardTemplates cards, KnowledgeBase knowledge)
{
    /// <summary>Routes shown before "More options": the most urgent ones, as ranked.</summary>
    public const int FirstRoutes = 5;

    /// <summary>What the first screen offers to do now, at most.</summary>
    public const int DoNowAtMost = 3;

    /// <summary>What a card's "More options" button sends back, whatever the language.</summary>
    public const string MoreOptionsAction = "results.more";

    public Activity Emergency(TurnContext turn)
    {
        var language = ConversationLanguage.Of(turn);
        var lines = new[] { texts.Get(language, "interview.emergency.go_safe"), texts.Get(language, "interview.emergency.tell_someone") };
        var contacts = new List<(string Name, RouteAction Action, string Hours)>();
        if (knowledge.Mechanisms.GetValueOrDefault(MechanismIds.EmergencyLine) is { } line)
            contacts.Add((line.Name.In(language), ContactOf(line, language), texts.Get(language, "interview.emergency.line_hours")));
        if (knowledge.Mechanisms.GetValueOrDefault(MechanismIds.AccessNow) is { } helpline)
            contacts.Add((helpline.Name.In(language), ContactOf(helpline, language), texts.Get(language, "interview.emergency.digital_hours")));

        var title = texts.Get(language, "interview.emergency.title");
        if (!ChannelCapabilities.RendersAdaptiveCards(turn.Activity.ChannelId))
        {
            var text = new StringBuilder(title).Append("\n\n");
            foreach (var l in lines)
                text.Append("• ").Append(l).Append('\n');
            foreach (var c in contacts)
                text.Append("• ").Append(c.Name).Append(": ").Append(c.Action.Shown).Append(" (").Append(c.Hours).Append(")\n");
            return Message(text.ToString().TrimEnd());
        }
        return Card("emergency", new JsonObject
        {
            ["title"] = title,
            ["lines"] = new JsonArray([.. lines.Select(l => JsonValue.Create(l))]),
            ["contacts"] = new JsonArray([.. contacts.Select(c => new JsonObject
            {
                ["name"] = c.Name,
                ["hours"] = c.Hours,
                ["action"] = new JsonObject { ["title"] = c.Action.Title, ["url"] = c.Action.Target.AbsoluteUri },
            })]),
        });
    }

    /// <summary>The results as they first arrive: what to do now, the first routes, and the offer of more.</summary>
    public IReadOnlyList<Activity> Recommendations(TurnContext turn, RecommendationResult result)
    {
        var language = ConversationLanguage.Of(turn);
        var routes = Views(result, language);
        var first = routes.Take(FirstRoutes).ToList();
        var doNow = first.TakeWhile(r => r.DoNow).Take(DoNowAtMost).ToList();
        if (doNow.Count == 0 && first.Count > 0)
            doNow = [first[0]];
        var hasMoreRoutes = routes.Count > FirstRoutes;
        var hasTrainings = Trainings(result, language).Count > 0;

        var replies = new List<Activity>();
        if (ChannelCapabilities.RendersAdaptiveCards(turn.Activity.ChannelId))
        {
            replies.Add(Card("results-first", new JsonObject
            {
                ["title"] = texts.Get(language, "interview.result.title"),
                ["intro"] = texts.Get(language, first.Count == 0 ? "interview.result.none" : "interview.result.intro"),
                ["hasItems"] = doNow.Count > 0,
                ["doNow"] = texts.Get(language, "interview.result.do_now"),
                ["items"] = new JsonArray([.. doNow.Select(CardItem)]),
                ["labels"] = Labels(language),
            }));
            // Every first route has its own card, the things to do now included: their details open there, so the
            // first card stays one screen of what, why and one action each.
            foreach (var route in first)
            {
                var data = CardItem(route);
                data["labels"] = Labels(language);
                replies.Add(Card("results-route", data));
            }
        }
        else
        {
            var shown = new HashSet<string>(StringComparer.Ordinal);
            replies.Add(Message(FirstScreen(doNow, first.Count == 0, language, shown)));
            replies.AddRange(first.Select(route => Message(RouteText(route, language, shown))));
        }
        replies.Add(Closing(turn, language, hasMoreRoutes, hasTrainings));
        return replies;
    }

    /// <summary>The routes after the first ones, each on its own, then the trainings; or that there is nothing more.</summary>
    public IReadOnlyList<Activity> MoreOptions(TurnContext turn, RecommendationResult result)
    {
        var language = ConversationLanguage.Of(turn);
        var later = Views(result, language).Skip(FirstRoutes).ToList();
        var trainings = Trainings(result, language);
        if (later.Count == 0 && trainings.Count == 0)
            return [Message(texts.Get(language, "interview.result.more.none"))];

        var replies = new List<Activity>();
        if (ChannelCapabilities.RendersAdaptiveCards(turn.Activity.ChannelId))
        {
            foreach (var route in later)
            {
                var data = CardItem(route);
                data["labels"] = Labels(language);
                replies.Add(Card("results-route", data));
            }
            if (trainings.Count > 0)
            {
                replies.Add(Card("results-trainings", new JsonObject
                {
                    ["title"] = texts.Get(language, "interview.result.trainings"),
                    ["items"] = new JsonArray([.. trainings.Select(t => new JsonObject
                    {
                        ["name"] = t.Name, ["status"] = t.Status, ["why"] = t.Why, ["link"] = t.Link,
                        ["linkTitle"] = texts.Get(language, "interview.result.open_link"),
                    })]),
                }));
            }
            return replies;
        }

        var shown = new HashSet<string>(StringComparer.Ordinal);
        replies.AddRange(later.Select(route => Message(RouteText(route, language, shown))));
        replies.AddRange(TrainingMessages(trainings, language).Select(Message));
        return replies;
    }

    private List<RouteView> Views(RecommendationResult result, string language) =>
        [.. result.Mechanisms.Select((r, i) => RouteViews.From(r, i + 1, knowledge.Mechanisms[r.MechanismId], texts, language))];

    private RouteAction ContactOf(Mechanism mechanism, string language) => RouteViews.ActionOf(mechanism, texts, language);

    /// <summary>"More options" when there is more, with the reminder of restart and exit; else the reminder alone.</summary>
    private Activity Closing(TurnContext turn, string language, bool hasMoreRoutes, bool hasTrainings)
    {
        var next = texts.Get(language, "interview.result.next");
        if (!hasMoreRoutes && !hasTrainings)
            return Message(next);
        var button = texts.Get(language, "interview.result.more.button");
        var offer = texts.Get(language, (hasMoreRoutes, hasTrainings) switch
        {
            (true, true) => "interview.result.more.both",
            (true, false) => "interview.result.more.routes",
            _ => "interview.result.more.trainings",
        }, button);
        if (ChannelCapabilities.RendersAdaptiveCards(turn.Activity.ChannelId))
        {
            // A card button, because a suggested action would vanish under the next question. Teams turns the
            // msteams value into a typed message; Web Chat posts the object back.
            return Card("results-more", new JsonObject
            {
                ["text"] = offer,
                ["button"] = button,
                ["next"] = next,
                ["data"] = new JsonObject
                {
                    ["action"] = MoreOptionsAction,
                    ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = button },
                },
            });
        }
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = offer + "\n\n" + next,
            SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(button, button)] },
        };
    }

    private static JsonObject CardItem(RouteView route) => new()
    {
        // No "2." before the name: Markdown would read it as a list, and Web Chat renumber it from 1.
        ["heading"] = route.Name,
        ["why"] = route.Why,
        ["action"] = new JsonObject { ["title"] = route.Action.Title, ["url"] = route.Action.Target.AbsoluteUri },
        ["moreWhy"] = route.MoreWhy,
        ["hasMoreWhy"] = route.MoreWhy is not null,
        ["prepare"] = RouteViews.WithCallLinks(route.Prepare),
        ["submit"] = RouteViews.WithCallLinks(route.Submit),
        ["deadline"] = route.Deadline,
        // $when keeps an element only for the boolean true, in our binder and in adaptivecards-templating alike.
        ["hasDeadline"] = route.Deadline is not null,
        ["note"] = route.Note,
        ["hasNote"] = route.Note is not null,
        ["link"] = route.Link,
        ["hasLink"] = route.HasOwnLink,
    };

    private JsonObject Labels(string language) => new()
    {
        ["details"] = texts.Get(language, "interview.result.details"),
        ["prepare"] = texts.Get(language, "interview.result.prepare"),
        ["submit"] = texts.Get(language, "interview.result.submit"),
        ["deadline"] = texts.Get(language, "interview.result.deadline"),
        ["note"] = texts.Get(language, "interview.result.note"),
        ["openLink"] = texts.Get(language, "interview.result.open_link"),
    };

    /// <summary>
    /// The first message on a text channel: title, and as many of the things to do now as fit one screen (at least
    /// one), each its name, why in a sentence and its action.
    /// </summary>
    private string FirstScreen(List<RouteView> doNow, bool nothingFound, string language, HashSet<string> shown)
    {
        var head = $"*{texts.Get(language, "interview.result.title")}*\n{texts.Get(language, nothingFound ? "interview.result.none" : "interview.result.intro")}";
        if (doNow.Count == 0)
            return head;
        var count = doNow.Count;
        string Compose(int n) => head + $"\n\n*{texts.Get(language, "interview.result.do_now")}*\n\n"
            + string.Join("\n\n", doNow.Take(n).Select(r => $"*{r.Number}. {r.Name}*\n{r.Why}\n{r.Action.Shown}"));
        while (count > 1 && !PhoneScreen.Fits(Compose(count)))
            count--;
        foreach (var route in doNow.Take(count))
            shown.Add(route.Action.Target.AbsoluteUri);
        return Compose(count);
    }

    /// <summary>
    /// One route as one message of at most one screen: name, why, what to prepare, how to send it, deadline, warning,
    /// the official page unless already written. When it would not fit, the further reasons go first, then what to
    /// prepare, then why (the first screen said it for the things to do now): the official page has them all. How to
    /// send it, the deadline and the warnings always stay, and the route is never split in two messages.
    /// </summary>
    private string RouteText(RouteView route, string language, HashSet<string> shown)
    {
        string Field(string key, string value) => texts.Get(language, "interview.result.labelled", $"*{texts.Get(language, key)}*", value);
        var linkShown = !shown.Add(route.Link);
        string Compose(bool why, bool moreWhy, bool prepare)
        {
            var text = new StringBuilder().Append('*').Append(route.Number).Append(". ").Append(route.Name).Append('*');
            if (why)
                text.Append('\n').Append(route.Why);
            if (why && moreWhy && route.MoreWhy is { } more)
                text.Append(' ').Append(more);
            if (prepare)
                text.Append('\n').Append(Field("interview.result.prepare", route.Prepare));
            text.Append('\n').Append(Field("interview.result.submit", route.Submit));
            if (route.Deadline is { } deadline)
                text.Append('\n').Append(Field("interview.result.deadline", deadline));
            if (route.Note is { } note)
                text.Append('\n').Append(Field("interview.result.note", note));
            var written = text.ToString();
            if (!linkShown && !written.Contains(route.Link.TrimEnd('/'), StringComparison.Ordinal))
                text.Append('\n').Append(route.Link);
            return text.ToString();
        }
        string[] shorter =
        [
            Compose(why: true, moreWhy: true, prepare: true),
            Compose(why: true, moreWhy: false, prepare: true),
            Compose(why: true, moreWhy: false, prepare: false),
            Compose(why: false, moreWhy: false, prepare: false),
        ];
        return shorter.FirstOrDefault(PhoneScreen.Fits) ?? shorter[^1];
    }

    /// <summary>Trainings as few messages as fit a screen each, never splitting one.</summary>
    private List<string> TrainingMessages(List<TrainingView> trainings, string language)
    {
        var messages = new List<string>();
        var current = new StringBuilder().Append('*').Append(texts.Get(language, "interview.result.trainings")).Append('*');
        foreach (var training in trainings)
        {
            var entry = $"*{training.Name}*\n{training.Status}" + (training.Why.Length > 0 ? $"\n{training.Why}" : "") + $"\n{training.Link}";
            var candidate = current.Length == 0 ? entry : current + "\n\n" + entry;
            if (current.Length > 0 && !PhoneScreen.Fits(candidate))
            {
                messages.Add(current.ToString());
                current.Clear().Append(entry);
            }
            else
            {
                current.Clear().Append(candidate);
            }
        }
        messages.Add(current.ToString());
        return messages;
    }

    private sealed record TrainingView(string Name, string Status, string Why, string Link);

    private List<TrainingView> Trainings(RecommendationResult result, string language) =>
    [
        .. result.Trainings
            .Select(t => (Suggestion: t, Training: knowledge.Trainings.FirstOrDefault(x => x.Id == t.TrainingId)))
            .Where(t => t.Training is not null)
            .Select(t => new TrainingView(
                t.Training!.Name.In(language),
                Status(t.Suggestion, language),
                string.Join(" ", t.Suggestion.Reasons.Where(r => !ReasonKeys.TrainingStatuses.Contains(r.Key)).Select(r => texts.Get(language, r.Key, [.. r.Arguments]))),
                t.Training.Links[0].AbsoluteUri)),
    ];

    /// <summary>
    /// The registration state as the advisor worded it (with the date in the organiser's time zone), or, for
    /// trainings without registration windows, how to get in.
    /// </summary>
    private string Status(TrainingSuggestion suggestion, string language) =>
        suggestion.Reasons.FirstOrDefault(r => ReasonKeys.TrainingStatuses.Contains(r.Key)) is { } status
            ? texts.Get(language, status.Key, [.. status.Arguments])
            : texts.Get(language, suggestion.Status == RegistrationStatus.OnRequest ? "interview.result.status.on_request" : "interview.result.status.always");

    private Activity Card(string template, JsonObject data) =>
        new() { Type = ActivityTypes.Message, Attachments = [cards.Render(template, data)] };

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };
}
