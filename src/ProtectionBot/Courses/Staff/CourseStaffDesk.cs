using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Connector;
using BotProtocol.Schema;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;
using ProtectionBot.Content;
using ProtectionBot.Handoff;
using ProtectionBot.Handoff.Teams;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Courses.Staff;

/// <summary>A question posted in the staff channel: what was asked, and where the answer goes. Kept under the thread's id.</summary>
internal sealed record PostedStaffQuestion(CourseStaffQuestion Question, string ThreadId, IReadOnlyDictionary<string, string> Answers)
{
    public static string Key(string threadId) => $"courses/question/{threadId}";

    /// <summary>The referral it came from (<see cref="StaffReferrals"/>); null for a question posted before referrals were kept.</summary>
    public string? ReferralId { get; init; }
}

/// <summary>Where a referral was posted: how erasing the person's conversation finds the thread. Kept under the referral id.</summary>
internal sealed record StaffThreadLink(string ThreadId, string Language)
{
    public static string Key(string referralId) => $"courses/referral/{referralId}";
}

/// <summary>The person behind a thread's question erased their conversation: all that is left is the thread's language.</summary>
internal sealed record StaffThreadLeft(string Language)
{
    public static string Key(string threadId) => $"courses/left/{threadId}";
}

/// <summary>A note from the bot into a staff thread.</summary>
internal sealed record StaffNotice(string ServiceUrl, string ThreadId, string Text);

/// <summary>A staff answer on its way to the person's conversation.</summary>
internal sealed record StaffAnswer(StaffReplyAddress ReplyTo, string Text)
{
    /// <summary>The referral it answers: the person's conversation must still list it for the answer to be shown.</summary>
    public string? ReferralId { get; init; }
}

/// <summary>
/// The course staff's side: questions the bot could not answer are posted in their Teams channel (one thread each);
/// what a staff member writes in the thread, mentioning the bot, reaches the person's chat; and an answer can be saved
/// as an FAQ the bot uses from then on. Only the staff channel registered in <c>course-questions.yaml</c> can do this.
/// </summary>
internal sealed class CourseStaffDesk(
    CourseQuestionsFile file, TextCatalog texts, IConversationStore store, FaqStore faq, CardTemplates cards, KnowledgeBase knowledge,
    CountryCatalog countries, CourseAnswers answers, TimeProvider time, Pseudonyms pseudonyms, ILogger<CourseStaffDesk> logger)
{
    public const string AnswerKind = "course.staff-answer";
    public const string NoticeKind = "course.staff-notice";
    public const string AnswerEvent = "course.answer";

    /// <summary>How long staff can keep an answer as an FAQ, in days: the default first, since staff answers are time-bound.</summary>
    private static readonly int[] LifetimeChoices = [(int)FaqStore.DefaultLifetime.TotalDays, 30, 365];

    /// <summary>Anything in the staff's channel.</summary>
    public bool IsStaffChannel(TurnContext turn) => file.StaffDesk is { } desk && TeamsChannel.IsFrom(turn, desk);

    /// <summary>A "save as FAQ" submit from anywhere but the staff channel: refused.</summary>
    public bool IsForgedStaffAction(TurnContext turn) =>
        turn.Activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("staff", out _) && !IsStaffChannel(turn);

    /// <summary>A staff answer arriving in the person's own conversation (an event the bot itself ran there).</summary>
    public static bool IsAnswerForPerson(TurnContext turn) =>
        ProactiveTurns.IsProactive(turn) && turn.Activity.IsType(ActivityTypes.Event) && turn.Activity.Name == AnswerEvent;

    public Task RefuseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        HandoffLog.Refused(logger, "course FAQ", pseudonyms.LogId(turn.Activity.Conversation?.Id), turn.Activity.ChannelId, "not the course staff's channel");
        turn.SendText(texts.Get(ConversationLanguage.Of(turn), "courses.desk.refused"));
        return Task.CompletedTask;
    }

    public Task TellPersonAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Value?.Deserialize(CourseJsonContext.Default.StaffAnswer) is not { } answer)
            return Task.CompletedTask;
        // Erased since the answer was queued (and maybe started anew): this conversation never asked it.
        if (answer.ReferralId is { } referral && StaffReferrals.Of(turn.State)?.Contains(referral, StringComparer.Ordinal) != true)
            return Task.CompletedTask;
        turn.SendText(texts.Get(ConversationLanguage.Of(turn), "courses.desk.answer", answer.Text));
        return Task.CompletedTask;
    }

    public async Task OnStaffActivityAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message))
            return;
        var threadId = turn.Activity.Conversation!.Id!;
        var stored = await store.ReadAsync(PostedStaffQuestion.Key(threadId), cancellationToken);
        if (stored is null || stored.IsUnreadable || JsonSerializer.Deserialize(stored.Data.Span, CourseJsonContext.Default.PostedStaffQuestion) is not { } posted)
        {
            if (await LeftAsync(threadId, cancellationToken) is { } left)
                turn.SendText(texts.Get(left.Language, "courses.desk.answer_not_sent"));
            else
                turn.SendText(texts.Get(Language.Default, threadId.Contains(";messageid=", StringComparison.Ordinal) ? "courses.desk.gone" : "courses.desk.help"));
            return;
        }
        var question = posted.Question;
        var language = question.Language;
        if (turn.Activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("staff", out _))
        {
            await SaveAsFaqAsync(turn, posted, value, cancellationToken);
            return;
        }

        var text = TeamsChannel.WithoutMentions(turn.Activity.Text);
        if (text.Length == 0)
            return;
        var step = turn.Activity.Id ?? Guid.NewGuid().ToString("N");
        var answers = new Dictionary<string, string>(posted.Answers, StringComparer.Ordinal) { [step] = text };
        await store.WriteAsync(PostedStaffQuestion.Key(threadId),
            JsonSerializer.SerializeToUtf8Bytes(posted with { Answers = answers }, CourseJsonContext.Default.PostedStaffQuestion), stored.ETag, cancellationToken);
        turn.Enqueue(new WorkItem($"{AnswerKind}/{threadId}/{step}", AnswerKind, OwnerOf(question.ReplyTo),
            JsonSerializer.SerializeToUtf8Bytes(new StaffAnswer(question.ReplyTo, text) { ReferralId = posted.ReferralId }, CourseJsonContext.Default.StaffAnswer), time.GetUtcNow()));
        var actions = question.CourseId is null
            ? new JsonArray()
            : new JsonArray([.. LifetimeChoices.Select(days => (JsonNode)new JsonObject
            {
                ["title"] = texts.Get(language, "courses.desk.save", days),
                ["answer"] = step,
                ["days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })]);
        turn.Send(new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [cards.Render("course-answer-sent", new JsonObject { ["sent"] = texts.Get(language, "courses.desk.sent"), ["actions"] = actions })],
        });
    }

    private async Task<StaffThreadLeft?> LeftAsync(string threadId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(StaffThreadLeft.Key(threadId), cancellationToken);
        return stored is null || stored.IsUnreadable ? null : JsonSerializer.Deserialize(stored.Data.Span, CourseJsonContext.Default.StaffThreadLeft);
    }

    private async Task SaveAsFaqAsync(TurnContext turn, PostedStaffQuestion posted, JsonElement value, CancellationToken cancellationToken)
    {
        var language = posted.Question.Language;
        var step = value.TryGetProperty("answer", out var id) ? id.GetString() : null;
        if (posted.Question.CourseId is not { } course || step is null || !posted.Answers.TryGetValue(step, out var answer))
        {
            turn.SendText(texts.Get(language, "courses.desk.no_faq"));
            return;
        }
        // Cards posted before staff could choose carry no "days": they keep the default.
        var days = value.TryGetProperty("days", out var chosen) && int.TryParse(chosen.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var d)
            && LifetimeChoices.Contains(d) ? d : (int)FaqStore.DefaultLifetime.TotalDays;
        var saved = await faq.AddAsync(course, language, posted.Question.Question, answer, cancellationToken, TimeSpan.FromDays(days));
        turn.SendText(texts.Get(language, "courses.desk.saved", answers.Date(DateOnly.FromDateTime(saved.Expiry.UtcDateTime), language)));
    }

    /// <summary>
    /// The card the staff see: the question, the course, the language, and what the person said that helps answer it
    /// (an edition, a country, a profile), never who they are; and how to answer.
    /// </summary>
    public Attachment Card(CourseStaffQuestion question)
    {
        var language = question.Language;
        var lines = new JsonArray(
            question.CourseId is { } id && knowledge.Trainings.FirstOrDefault(t => t.Id == id) is { } training
                ? texts.Get(language, "courses.desk.course", training.Name.In(language))
                : texts.Get(language, "courses.desk.no_course"),
            texts.Get(language, "courses.desk.language", texts.Get(language, "language.name")));
        if (question.Edition is { } edition)
            lines.Add(texts.Get(language, "courses.desk.edition", edition));
        if (question.Country is { } code)
            lines.Add(texts.Get(language, "courses.desk.country", countries.Find(code)?.Name.In(language) ?? code));
        if (question.Profiles is { Count: > 0 } profiles)
            lines.Add(texts.Get(language, "courses.desk.profile", string.Join(", ", profiles.Select(p => texts.Get(language, $"interview.profile.{p}")))));
        return cards.Render("course-question", new JsonObject
        {
            ["title"] = texts.Get(language, "courses.desk.card_title"),
            ["question"] = question.Question,
            ["lines"] = lines,
            ["hint"] = texts.Get(language, "courses.desk.hint"),
        });
    }

    public static ConversationReference ReferenceOf(StaffReplyAddress address) => new()
    {
        ChannelId = address.ChannelId,
        ServiceUrl = address.ServiceUrl,
        Conversation = new ConversationAccount { Id = address.ConversationId },
        User = new ChannelAccount { Id = address.UserId },
        Bot = new ChannelAccount { Id = address.BotId },
        Locale = address.Locale,
    };

    /// <summary>The person's state key: erasing their chat takes an answer not yet delivered with it.</summary>
    public static string OwnerOf(StaffReplyAddress address) =>
        TurnProcessor.StateKey(new Activity { ChannelId = address.ChannelId, Conversation = new ConversationAccount { Id = address.ConversationId } });
}

/// <summary>
/// Posts a question the bot passed on into the staff's channel, one thread per question, unless the person erased
/// their conversation meanwhile; if they erase it while the question is being posted, the thread is left at once.
/// </summary>
internal sealed partial class StaffQuestionDelivery(
    CourseQuestionsFile file, CourseStaffDesk desk, StaffQuestionErasure erasure, IConversationStore store, ConnectorClient connector,
    ILogger<StaffQuestionDelivery> logger) : IWorkHandler
{
    public string Kind => CourseStaffReferral.Kind;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        // Until a staff channel is registered the questions wait, rather than being lost.
        if (file.StaffDesk is not { } staff)
            return WorkOutcome.Retry(TimeSpan.FromHours(1));
        var question = JsonSerializer.Deserialize(lease.Item.Payload.Span, CourseJsonContext.Default.CourseStaffQuestion)
            ?? throw new JsonException("Empty staff question.");
        var referral = lease.Item.Id;
        if (!await erasure.IsStillAskedAsync(lease.Item.Owner, referral, cancellationToken))
            return WorkOutcome.Done;
        var channelData = new JsonObject { ["channel"] = new JsonObject { ["id"] = staff.ChannelId }, ["tenant"] = new JsonObject { ["id"] = staff.TenantId } };
        ConversationResourceResponse posted;
        try
        {
            posted = await connector.CreateConversationAsync(staff.ServiceUrl, new ConversationParameters
            {
                IsGroup = true,
                TenantId = staff.TenantId,
                ChannelData = JsonSerializer.SerializeToElement(channelData, ContentJsonContext.Default.JsonNode),
                Activity = new Activity { Type = ActivityTypes.Message, Attachments = [desk.Card(question)] },
            }, cancellationToken);
        }
        catch (ConnectorOutcomeUnknownException e)
        {
            // Posting again could show the staff the question twice, in two threads. Better once, or for an operator to
            // see here that it may not have arrived.
            LogPostUncertain(e.Reason);
            return WorkOutcome.Done;
        }
        var threadId = posted.Id ?? throw new InvalidOperationException("Teams did not say which thread the question opened.");
        var thread = new StaffThreadLink(threadId, question.Language);
        try
        {
            await store.WriteAsync(PostedStaffQuestion.Key(threadId),
                JsonSerializer.SerializeToUtf8Bytes(new PostedStaffQuestion(question, threadId, new Dictionary<string, string>()) { ReferralId = referral }, CourseJsonContext.Default.PostedStaffQuestion),
                expectedETag: null, cancellationToken);
        }
        catch (ETagConflictException)
        {
            // Already recorded by an earlier attempt.
        }
        await store.WriteAsync(StaffThreadLink.Key(referral), JsonSerializer.SerializeToUtf8Bytes(thread, CourseJsonContext.Default.StaffThreadLink), StoreItem.AnyETag, cancellationToken);
        // Erased while the question was on its way: the erasure found no thread to leave, so it is left here.
        if (!await erasure.IsStillAskedAsync(lease.Item.Owner, referral, cancellationToken))
        {
            await erasure.LeaveThreadAsync(thread, cancellationToken);
            await store.DeleteAsync(StaffThreadLink.Key(referral), cancellationToken);
        }
        return WorkOutcome.Done;
    }

    [LoggerMessage(EventId = LogEvents.Courses.PostUncertain, Level = LogLevel.Warning,
        Message = "A question for the course staff may or may not have reached their channel ({Reason}); it is not posted again: look in the channel")]
    private partial void LogPostUncertain(string reason);
}

/// <summary>Runs a staff answer as a turn of the person's conversation, which sends it to their channel.</summary>
internal sealed class StaffAnswerDelivery(ProactiveTurns turns) : IWorkHandler
{
    public string Kind => CourseStaffDesk.AnswerKind;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var answer = JsonSerializer.Deserialize(lease.Item.Payload.Span, CourseJsonContext.Default.StaffAnswer)
            ?? throw new JsonException("Empty staff answer.");
        await turns.RunEventAsync(CourseStaffDesk.ReferenceOf(answer.ReplyTo), lease.Item.Id, CourseStaffDesk.AnswerEvent,
            JsonSerializer.SerializeToElement(answer, CourseJsonContext.Default.StaffAnswer), cancellationToken);
        return WorkOutcome.Done;
    }
}

/// <summary>Posts the bot's note into a staff thread (the person has left); a thread that is gone needs no note.</summary>
internal sealed class StaffNoticeDelivery(ConnectorClient connector) : IWorkHandler
{
    public string Kind => CourseStaffDesk.NoticeKind;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var notice = JsonSerializer.Deserialize(lease.Item.Payload.Span, CourseJsonContext.Default.StaffNotice)
            ?? throw new JsonException("Empty staff notice.");
        try
        {
            await connector.SendToConversationAsync(notice.ServiceUrl, notice.ThreadId, new Activity { Type = ActivityTypes.Message, Text = notice.Text }, cancellationToken);
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            // The thread was deleted or the app removed from the team; retrying cannot help.
        }
        return WorkOutcome.Done;
    }
}
