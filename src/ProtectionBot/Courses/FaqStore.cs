using System.Text.Json;
using BotProtocol.State;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Courses;

/// <summary>An answer course staff turned into an FAQ entry from the chat, in the language they wrote it in, until it expires.</summary>
/// <param name="ExpiresAt">Null in entries saved before expiries existed: they last <see cref="FaqStore.DefaultLifetime"/> from <paramref name="AddedAt"/>.</param>
internal sealed record StaffFaq(string CourseId, string Language, string Question, string Answer, DateTimeOffset AddedAt, DateTimeOffset? ExpiresAt = null)
{
    public DateTimeOffset Expiry => ExpiresAt ?? AddedAt + FaqStore.DefaultLifetime;
}

/// <summary>The stored document: every staff answer, oldest first.</summary>
internal sealed record StaffFaqDocument(IReadOnlyList<StaffFaq> Entries);

/// <summary>
/// FAQ entries course staff add at runtime, kept as one document (<see cref="Key"/>) in the conversation store and
/// merged with the FAQ of <c>knowledge/course-questions.yaml</c> when a course question is answered. Staff answers are
/// time-bound ("no call is open now"): each carries the day it was written and an expiry the staff chose, and is no
/// longer given once expired. A turn reads the document at most once; adding one is a read-modify-write with the
/// store's ETag, retried on a conflict.
/// </summary>
internal sealed class FaqStore(IConversationStore store, KnowledgeBase knowledge, TimeProvider time, ILogger<FaqStore> logger)
{
    public const string Key = StoreItem.KeptPrefix + "courses/faq";
    private const int MaxAttempts = 5;
    private const string TurnItem = "courses.staff-faq";

    /// <summary>How long a staff answer is given when staff do not say: 90 days.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    /// <summary>The longest staff may choose: a year; course facts are rechecked at least that often.</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(366);

    /// <summary>Adds a staff answer; from the next question on until it expires, the bot answers it.</summary>
    /// <param name="lifetime">How long it is given, from now: a day to <see cref="LongestLifetime"/>; default <see cref="DefaultLifetime"/>.</param>
    /// <returns>The entry as kept, with its expiry.</returns>
    /// <exception cref="ArgumentException">An unknown course, a language the bot does not speak, an empty text.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A lifetime under a day or over <see cref="LongestLifetime"/>.</exception>
    public async Task<StaffFaq> AddAsync(string courseId, string language, string question, string answer, CancellationToken cancellationToken, TimeSpan? lifetime = null)
    {
        if (!knowledge.Trainings.Any(t => t.Id == courseId))
            throw new ArgumentException($"'{courseId}' is not a training of the knowledge files.", nameof(courseId));
        if (!Language.All.Contains(language))
            throw new ArgumentException($"The bot speaks {string.Join(", ", Language.All)}, not '{language}'.", nameof(language));
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        var keep = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, TimeSpan.FromDays(1), nameof(lifetime));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keep, LongestLifetime, nameof(lifetime));
        var now = time.GetUtcNow();
        var entry = new StaffFaq(courseId, language, question.Trim(), answer.Trim(), now, now + keep);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadAsync(Key, cancellationToken);
            // Expired answers are never given again: adding one is when they are dropped from the document.
            var entries = stored is null ? [] : Read(stored).Entries.Where(e => e.Expiry > now);
            var updated = new StaffFaqDocument([.. entries, entry]);
            try
            {
                await store.WriteAsync(Key, JsonSerializer.SerializeToUtf8Bytes(updated, CourseJsonContext.Default.StaffFaqDocument), stored?.ETag, cancellationToken);
                if (logger.IsEnabled(LogLevel.Information))
                    CourseLog.FaqAdded(logger, courseId, language, (int)keep.TotalDays, updated.Entries.Count);
                return entry;
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
                // Another staff member added one at the same moment: read theirs and add ours again.
            }
        }
    }

    /// <summary>Every staff answer not yet expired; read from the store once per turn, and only by turns that answer a course question.</summary>
    public async ValueTask<IReadOnlyList<CourseFaq>> ForTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.TurnItems.TryGetValue(TurnItem, out var cached))
            return (IReadOnlyList<CourseFaq>)cached;
        var faq = await LoadAsync(cancellationToken);
        turn.TurnItems[TurnItem] = faq;
        return faq;
    }

    public async ValueTask<IReadOnlyList<CourseFaq>> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(Key, cancellationToken);
        if (stored is null)
            return [];
        var now = time.GetUtcNow();
        return [.. Read(stored).Entries
            .Select((e, i) => (Entry: e, Origin: $"{Key}#{i + 1}"))
            .Where(e => e.Entry.Expiry > now)
            .Select(e => new CourseFaq(
                e.Entry.CourseId,
                new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [e.Entry.Language] = [e.Entry.Question] },
                new Dictionary<string, string>(StringComparer.Ordinal) { [e.Entry.Language] = e.Entry.Answer },
                e.Origin, WrittenIn: e.Entry.Language, AddedAt: e.Entry.AddedAt))];
    }

    private static StaffFaqDocument Read(StoreItem item) =>
        JsonSerializer.Deserialize(item.Data.Span, CourseJsonContext.Default.StaffFaqDocument) is { Entries: not null } document ? document : new StaffFaqDocument([]);
}
