using System.Globalization;
using System.Text;
using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace BotProtocol.Testing;

/// <summary>
/// A conversation script run through the real <see cref="TurnProcessor"/> (state loaded and saved through a
/// store, middleware, dedupe), read top to bottom like the chat it describes:
/// <code>
/// await new TestFlow(bot)
///     .Send("hola").AssertReply("¿Seguimos?").AssertSuggestedActions("Sí", "No")
///     .Send("sí").AssertReply(a => Assert.Null(a.SuggestedActions))
///     .StartTestAsync();
/// </code>
/// Steps are queued and run by <see cref="StartTestAsync"/>. Each user activity is one turn; the replies of the
/// turn (taken from its <see cref="TurnResult"/>) queue up and each assertion takes the next one. A failure shows
/// the conversation so far.
/// </summary>
public sealed class TestFlow
{
    private readonly List<Func<CancellationToken, Task>> _steps = [];
    private readonly Queue<Activity> _pending = new();
    private readonly StringBuilder _transcript = new();
    private readonly TurnProcessor _processor;
    private readonly TimeProvider _time;
    private int _lastId;
    private Activity? _lastSent;
    private readonly List<Activity> _sent = [];
    private Activity? _lastTaken;
    private Activity? _lastCard;
    private bool _failuresAnswered;

    /// <summary>A fresh in-memory conversation store unless <paramref name="store"/> is given.</summary>
    public TestFlow(
        IBot bot,
        IConversationStore? store = null,
        IEnumerable<ITurnMiddleware>? middleware = null,
        TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Store = store ?? new InMemoryConversationStore();
        _processor = new TurnProcessor(
            Store, middleware ?? [], bot, _time, Pseudonyms.WithRandomKey(), new WorkSignal(), NullLogger<TurnProcessor>.Instance);
    }

    /// <summary>Drives a processor built elsewhere, e.g. resolved from the application's own service provider.</summary>
    public TestFlow(TurnProcessor processor, IConversationStore store, TimeProvider? time = null)
    {
        _processor = processor;
        Store = store;
        _time = time ?? TimeProvider.System;
    }

    public IConversationStore Store { get; }

    public string ChannelId { get; private set; } = "test";

    public string? Locale { get; private set; } = "es-CO";

    public string ConversationId { get; private set; } = "conversation-1";

    public ChannelAccount User { get; } = new() { Id = "user-1", Name = "User", Role = RoleTypes.User };

    public ChannelAccount Bot { get; } = new() { Id = "bot-1", Name = "Bot", Role = RoleTypes.Bot };

    /// <summary>What the last turn produced (replies, invoke response, whether it was a redelivery).</summary>
    public TurnResult? LastTurn { get; private set; }

    /// <summary>The conversation so far, one line per activity (<c>User: hola</c> / <c>Bot: ¿Seguimos? [Sí | No]</c>).</summary>
    public string Transcript => _transcript.ToString();

    // ---- settings (they take effect from their place in the script on) ----

    public TestFlow WithLocale(string? locale) => Then(() => Locale = locale);

    /// <summary>From here on, a turn that throws is answered as in production (the bot's apology) instead of failing the test.</summary>
    public TestFlow AnswerFailures() => Then(() => _failuresAnswered = true);

    public TestFlow WithChannel(string channelId) => Then(() => ChannelId = channelId);

    public TestFlow WithConversation(string conversationId) => Then(() => ConversationId = conversationId);

    // ---- the user's side ----

    public TestFlow Send(string text) => Send(new Activity { Type = ActivityTypes.Message, Text = text });

    /// <summary>Sends an activity; type, ids, addressing, locale and timestamp are filled when left empty.</summary>
    public TestFlow Send(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _steps.Add(ct => RunTurnAsync(Complete(activity), ct));
        return this;
    }

    /// <summary>An Adaptive Card <c>Action.Submit</c>: a message with no text whose <c>value</c> is the merged data and inputs.</summary>
    public TestFlow SendCardSubmit(JsonElement value) => Send(new Activity { Type = ActivityTypes.Message, Value = value });

    /// <summary>As <see cref="SendCardSubmit(JsonElement)"/>, from an anonymous object or dictionary.</summary>
    public TestFlow SendCardSubmit(object value) => SendCardSubmit(JsonSerializer.SerializeToElement(value));

    /// <summary>
    /// Answers the last card received as a renderer would: the choice set's selected values (named by title or
    /// value) comma-joined under its input id, merged with the submit action's data.
    /// </summary>
    public TestFlow SubmitCard(params string[] selected)
    {
        _steps.Add(ct =>
        {
            var card = _lastCard?.Attachments?.FirstOrDefault(a => a.ContentType == AttachmentContentTypes.AdaptiveCard)?.Content
                ?? throw Fail("SubmitCard: no Adaptive Card was received yet.");
            var submit = CardSubmit(card, selected);
            return RunTurnAsync(Complete(new Activity { Type = ActivityTypes.Message, Value = submit }), ct);
        });
        return this;
    }

    /// <summary>The channel announcing members; by default the bot and the user, as most channels do at the start.</summary>
    public TestFlow SendConversationUpdate(params ChannelAccount[] membersAdded)
    {
        _steps.Add(ct => RunTurnAsync(Complete(new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            MembersAdded = membersAdded.Length > 0 ? [.. membersAdded] : [Bot, User],
        }), ct));
        return this;
    }

    /// <summary>Sends the last activity again with the same id, as Teams does when the bot answered too slowly.</summary>
    public TestFlow Redeliver()
    {
        _steps.Add(ct => RunTurnAsync(_lastSent ?? throw Fail("Redeliver: nothing was sent yet."), ct));
        return this;
    }

    /// <summary>The channel delivers again the last activity the user sent with <paramref name="text"/>, with its id.</summary>
    public TestFlow Redeliver(string text)
    {
        _steps.Add(ct => RunTurnAsync(_sent.LastOrDefault(a => a.Text == text) ?? throw Fail($"Redeliver: \"{text}\" was not sent."), ct));
        return this;
    }

    public TestFlow Test(string userSays, string expectedReply) => Send(userSays).AssertReply(expectedReply);

    /// <summary>Runs arbitrary code at this point of the script, e.g. advancing a fake clock.</summary>
    public TestFlow Do(Action action) => Then(action);

    public TestFlow Do(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _steps.Add(_ => action());
        return this;
    }

    // ---- the bot's side ----

    public TestFlow AssertReply(string expectedText) => AssertReply(reply =>
    {
        if (!string.Equals(reply.Text, expectedText, StringComparison.Ordinal))
            throw Fail($"Expected the reply \"{expectedText}\" but got \"{reply.Text}\".");
    });

    public TestFlow AssertReply(Action<Activity> inspect)
    {
        ArgumentNullException.ThrowIfNull(inspect);
        return Then(() => Inspect(Take(), inspect));
    }

    public TestFlow AssertReplyOneOf(params string[] expectedTexts) => AssertReply(reply =>
    {
        if (!expectedTexts.Contains(reply.Text, StringComparer.Ordinal))
            throw Fail($"Expected one of \"{string.Join("\", \"", expectedTexts)}\" but got \"{reply.Text}\".");
    });

    /// <summary>The buttons (titles, in order) of the reply just asserted, or of the next reply if none was asserted since the last send.</summary>
    public TestFlow AssertSuggestedActions(params string[] titles) => Then(() => Inspect(Latest(), reply =>
    {
        var actual = reply.SuggestedActions?.Actions.Select(a => a.Title ?? "").ToArray() ?? [];
        if (!actual.SequenceEqual(titles, StringComparer.Ordinal))
            throw Fail($"Expected suggested actions [{string.Join(" | ", titles)}] but got [{string.Join(" | ", actual)}].");
    }));

    /// <summary>The choice titles of the Adaptive Card in the reply just asserted (or the next reply).</summary>
    public TestFlow AssertCardChoices(params string[] titles) => Then(() => Inspect(Latest(), reply =>
    {
        var actual = CardChoices(reply).Select(c => c.Title).ToArray();
        if (!actual.SequenceEqual(titles, StringComparer.Ordinal))
            throw Fail($"Expected card choices [{string.Join(" | ", titles)}] but got [{string.Join(" | ", actual)}].");
    }));

    public TestFlow AssertNoReply() => Then(() =>
    {
        if (_pending.Count > 0)
            throw Fail($"Expected no reply but got \"{Describe(_pending.Peek())}\".");
    });

    public TestFlow AssertTurn(Action<TurnResult> inspect) => Then(() =>
        inspect(LastTurn ?? throw Fail("AssertTurn: no turn ran yet.")));

    /// <summary>Runs the script; cancelled with the test.</summary>
    public async Task StartTestAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        foreach (var step in _steps)
            await step(cancellationToken);
    }

    /// <summary>The choices (title, value) of the first <c>Input.ChoiceSet</c> of an activity's Adaptive Card.</summary>
    public static IReadOnlyList<(string Title, string Value)> CardChoices(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var card = activity.Attachments?.FirstOrDefault(a => a.ContentType == AttachmentContentTypes.AdaptiveCard)?.Content;
        if (card is null || FindChoiceSet(card.Value) is not { } set)
            return [];
        return [.. set.GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("title").GetString()!, c.GetProperty("value").GetString()!))];
    }

    private TestFlow Then(Action action)
    {
        _steps.Add(_ =>
        {
            action();
            return Task.CompletedTask;
        });
        return this;
    }

    private Activity Complete(Activity activity) => activity with
    {
        Type = activity.Type ?? ActivityTypes.Message,
        Id = activity.Id ?? (++_lastId).ToString(CultureInfo.InvariantCulture),
        ChannelId = activity.ChannelId ?? ChannelId,
        ServiceUrl = activity.ServiceUrl ?? "https://test.invalid/",
        From = activity.From ?? User,
        Recipient = activity.Recipient ?? Bot,
        Conversation = activity.Conversation ?? new ConversationAccount { Id = ConversationId },
        Locale = activity.Locale ?? Locale,
        Timestamp = activity.Timestamp ?? _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
    };

    private async Task RunTurnAsync(Activity activity, CancellationToken cancellationToken)
    {
        _lastSent = activity;
        _sent.Add(activity);
        _lastTaken = null;
        _transcript.Append("User: ").AppendLine(Describe(activity));
        LastTurn = await _processor.ProcessAsync(activity, deliver: null, cancellationToken);
        // A bug in the code under test should fail the test with its own exception, unless the test is about failures.
        if (LastTurn.Failure is { } failure && !_failuresAnswered)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        foreach (var reply in LastTurn.Replies)
        {
            _pending.Enqueue(reply);
            if (reply.Attachments?.Any(a => a.ContentType == AttachmentContentTypes.AdaptiveCard) == true)
                _lastCard = reply;
        }
    }

    private Activity Take()
    {
        if (!_pending.TryDequeue(out var reply))
            throw Fail("Expected a reply but the bot sent nothing more.");
        _transcript.Append("Bot: ").AppendLine(Describe(reply));
        return _lastTaken = reply;
    }

    private Activity Latest() => _lastTaken ?? Take();

    private void Inspect(Activity reply, Action<Activity> inspect)
    {
        try
        {
            inspect(reply);
        }
        catch (Exception e) when (e is not TestFlowException)
        {
            throw Fail(e.Message, e);
        }
    }

    private TestFlowException Fail(string message, Exception? inner = null)
    {
        var text = $"{message}\n\nConversation so far:\n{_transcript}"
            + string.Concat(_pending.Select(p => $"(not yet asserted) Bot: {Describe(p)}\n"));
        return inner is null ? new TestFlowException(text) : new TestFlowException(text, inner);
    }

    private static string Describe(Activity activity)
    {
        var text = new StringBuilder();
        if (!activity.IsType(ActivityTypes.Message))
            text.Append('(').Append(activity.Type).Append(") ");
        text.Append(activity.Text);
        if (activity.Value is { } value)
            text.Append("(submit) ").Append(value.GetRawText());
        if (activity.SuggestedActions is { Actions.Count: > 0 } actions)
            text.Append(" [").AppendJoin(" | ", actions.Actions.Select(a => a.Title)).Append(']');
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentType == AttachmentContentTypes.AdaptiveCard && attachment.Content is { } card)
            {
                var texts = card.TryGetProperty("body", out var body)
                    ? body.EnumerateArray().Where(e => e.GetProperty("type").ValueEquals("TextBlock")).Select(e => e.GetProperty("text").GetString())
                    : [];
                text.Append("(card) ").AppendJoin(" ", texts);
                var choices = CardChoices(activity);
                if (choices.Count > 0)
                    text.Append(" [").AppendJoin(" | ", choices.Select(c => c.Title)).Append(']');
            }
            else
            {
                text.Append(" (").Append(attachment.ContentType).Append(')');
            }
        }
        return text.ToString();
    }

    private JsonElement CardSubmit(JsonElement card, string[] selected)
    {
        var set = FindChoiceSet(card) ?? throw Fail("SubmitCard: the last card has no Input.ChoiceSet.");
        var choices = set.GetProperty("choices").EnumerateArray()
            .Select(c => (Title: c.GetProperty("title").GetString()!, Value: c.GetProperty("value").GetString()!))
            .ToList();
        var values = selected.Select(s => choices.Find(c => c.Title == s || c.Value == s).Value
            ?? throw Fail($"SubmitCard: the card offers no choice \"{s}\".")).ToList();

        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (card.TryGetProperty("actions", out var actions))
        {
            var submit = actions.EnumerateArray().FirstOrDefault(a => a.GetProperty("type").ValueEquals("Action.Submit"));
            if (submit.ValueKind == JsonValueKind.Object && submit.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in data.EnumerateObject())
                    merged[property.Name] = property.Value.Clone();
            }
        }
        merged[set.GetProperty("id").GetString()!] = JsonSerializer.SerializeToElement(string.Join(',', values));
        return JsonSerializer.SerializeToElement(merged);
    }

    private static JsonElement? FindChoiceSet(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("type", out var type) && type.ValueEquals("Input.ChoiceSet"))
                    return element;
                foreach (var property in element.EnumerateObject())
                {
                    if (FindChoiceSet(property.Value) is { } found)
                        return found;
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindChoiceSet(item) is { } found)
                        return found;
                }
                return null;
            default:
                return null;
        }
    }
}

/// <summary>A conversation script went differently than written.</summary>
public sealed class TestFlowException : Exception
{
    public TestFlowException() : base("The conversation went differently than the script.") { }

    public TestFlowException(string message) : base(message) { }

    public TestFlowException(string message, Exception innerException) : base(message, innerException) { }
}
