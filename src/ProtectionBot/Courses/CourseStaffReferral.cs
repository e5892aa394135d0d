using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BotProtocol.State;
using BotProtocol.Turns;
using BotProtocol.Work;

namespace ProtectionBot.Courses;

/// <summary>
/// A question for the course staff, as it waits in the work queue (<see cref="CourseStaffReferral.Kind"/>): what was
/// asked, about which course, in which language, what the person said about themselves that helps answer (never who
/// they are), and where the staff's answer must go back to.
/// </summary>
/// <param name="CourseId">Null when the person did not say which course.</param>
/// <param name="Language">es, fr or en: the language the person chats in.</param>
/// <param name="Edition">A year or edition the person named ("2027").</param>
/// <param name="Country">ISO code of the country the person gave.</param>
/// <param name="Profiles">Profile codes the person gave (women, indigenous…).</param>
internal sealed record CourseStaffQuestion(
    string Question, string? CourseId, string Language, DateTimeOffset AskedAt, StaffReplyAddress ReplyTo,
    string? Edition = null, string? Country = null, IReadOnlyList<string>? Profiles = null);

/// <summary>The person's conversation reference, enough for a proactive message back through the Connector.</summary>
internal sealed record StaffReplyAddress(string? ChannelId, string? ServiceUrl, string? ConversationId, string? UserId, string? BotId, string? Locale);

/// <summary>
/// Passes a course question the bot could not answer to the course staff. The question is queued in the durable
/// work queue with the turn's state (so a turn that fails sends nothing, and a redelivered activity sends it once); a
/// handler of <see cref="Kind"/> delivers it to the staff and their answer comes back to the person's conversation.
/// </summary>
internal sealed class CourseStaffReferral(TimeProvider time, ILogger<CourseStaffReferral> logger)
{
    public const string Kind = "course.staff-question";

    /// <param name="asker">What the person said about themselves: it travels with the question, their identity never does.</param>
    public WorkItem Refer(TurnContext turn, string question, string? courseId, string language, CourseAskerContext? asker = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var activity = turn.Activity;
        var now = time.GetUtcNow();
        var payload = new CourseStaffQuestion(question.Trim(), courseId, language, now, new StaffReplyAddress(
            activity.ChannelId, activity.ServiceUrl, activity.Conversation?.Id, activity.From?.Id, activity.Recipient?.Id, activity.Locale),
            asker?.Edition, asker?.Country, asker?.Profiles is { Count: > 0 } profiles ? profiles : null);
        var owner = TurnProcessor.StateKey(activity);
        var message = new WorkItem(
            MessageId(owner, activity.Id), Kind, owner, JsonSerializer.SerializeToUtf8Bytes(payload, CourseJsonContext.Default.CourseStaffQuestion), now);
        turn.Enqueue(message);
        StaffReferrals.Add(turn, message.Id);
        if (logger.IsEnabled(LogLevel.Information))
            CourseLog.Referred(logger, courseId ?? "-", activity.ChannelId);
        return message;
    }

    /// <summary>One id per activity, so a turn run again (an ETag conflict, a redelivery) queues the question once.</summary>
    private static string MessageId(string owner, string? activityId) =>
        Kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}\n{activityId}")))[..32];
}

/// <summary>
/// The questions a conversation passed to the course staff, by referral id (the work item's id), kept in its own
/// state: erasing the conversation finds its questions here, and an answer for a question the conversation no longer
/// lists (erased since, and maybe started anew) is not delivered into it.
/// </summary>
internal static class StaffReferrals
{
    public const string Key = "courses.referrals";

    // A person asks the staff a handful of questions; the newest are the ones an answer can still come for.
    private const int Kept = 50;

    /// <summary>The referrals the state lists; null when it lists none at all (a conversation from before they were kept).</summary>
    public static IReadOnlyList<string>? Of(ConversationState state) => state.Get(Key, CourseJsonContext.Default.ListString);

    public static void Add(TurnContext turn, string referralId)
    {
        var referrals = Of(turn.State)?.ToList() ?? [];
        if (referrals.Contains(referralId, StringComparer.Ordinal))
            return;
        referrals.Add(referralId);
        if (referrals.Count > Kept)
            referrals.RemoveRange(0, referrals.Count - Kept);
        turn.State.Set(Key, referrals, CourseJsonContext.Default.ListString);
    }
}
