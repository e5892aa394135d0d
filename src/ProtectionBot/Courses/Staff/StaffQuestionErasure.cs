using System.Text.Json;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;
using ProtectionBot.Content;
using ProtectionBot.Privacy;

namespace ProtectionBot.Courses.Staff;

/// <summary>
/// What the course staff hold about a person: the questions passed to them, each in a thread of their channel with the
/// person's reply address. When the person's conversation is erased, each posted question is replaced by a marker that
/// keeps only the thread's language, the staff are told in the thread that the person has left, and a staff answer
/// written afterwards is refused there instead of being posted into the erased conversation. A question not posted yet
/// waits in the work queue under the conversation's key and goes with it.
/// </summary>
internal sealed partial class StaffQuestionErasure(
    IConversationStore store, IWorkQueue queue, CourseQuestionsFile file, TextCatalog texts, TimeProvider time, ILogger<StaffQuestionErasure> logger) : IPersonalDataHolder
{
    public async Task EraseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        foreach (var referral in StaffReferrals.Of(turn.State) ?? [])
        {
            var link = await store.ReadAsync(StaffThreadLink.Key(referral), cancellationToken);
            if (link is null || link.IsUnreadable || JsonSerializer.Deserialize(link.Data.Span, CourseJsonContext.Default.StaffThreadLink) is not { } thread)
                continue;
            await LeaveThreadAsync(thread, cancellationToken);
            await store.DeleteAsync(StaffThreadLink.Key(referral), cancellationToken);
        }
    }

    /// <summary>
    /// Whether the conversation that made <paramref name="referralId"/> still wants it answered: it exists and lists it
    /// (or lists no referrals at all: a conversation from before they were kept).
    /// </summary>
    public async Task<bool> IsStillAskedAsync(string owner, string referralId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(owner, cancellationToken);
        if (stored is null)
            return false;
        if (stored.IsUnreadable)
            return true;
        try
        {
            return StaffReferrals.Of(ConversationState.Parse(stored.Data)) is not { } referrals || referrals.Contains(referralId, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>The question leaves the thread; the staff are told there, in the question's language.</summary>
    public async Task LeaveThreadAsync(StaffThreadLink thread, CancellationToken cancellationToken)
    {
        await store.WriteAsync(StaffThreadLeft.Key(thread.ThreadId),
            JsonSerializer.SerializeToUtf8Bytes(new StaffThreadLeft(thread.Language), CourseJsonContext.Default.StaffThreadLeft), StoreItem.AnyETag, cancellationToken);
        await store.DeleteAsync(PostedStaffQuestion.Key(thread.ThreadId), cancellationToken);
        if (file.StaffDesk is { } desk)
        {
            // Owned by the thread, not the person: it must outlive the erasure that sends it.
            var notice = new StaffNotice(desk.ServiceUrl, thread.ThreadId, texts.Get(thread.Language, "courses.desk.person_left"));
            await queue.EnqueueAsync(new WorkItem($"{CourseStaffDesk.NoticeKind}/{thread.ThreadId}/left", CourseStaffDesk.NoticeKind, $"courses/notices/{thread.ThreadId}",
                JsonSerializer.SerializeToUtf8Bytes(notice, CourseJsonContext.Default.StaffNotice), time.GetUtcNow()), cancellationToken);
        }
        LogLeft();
    }

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information,
        Message = "A question with the course staff was withdrawn: the person erased their conversation; the staff are told in its thread")]
    private partial void LogLeft();
}
