using System.Text.Json;
using BotProtocol.State;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Courses;

/// <summary>An answer course staff turned into an FAQ entry from the chat.</summary>
public sealed record StaffFaq(string CourseId, string Language, string Question, string Answer, DateTimeOffset AddedAt);

/// <summary>The stored document: every staff answer, oldest first.</summary>
public sealed record StaffFaqDocument(IReadOnlyList<StaffFaq> Entries);

/// <summary>
/// FAQ entries course staff add at runtime, kept as one document (<see cref="Key"/>) in the conversation store and
/// merged with the FAQ of <c>knowledge/course-questions.yaml</c> when a course question is answered. A turn reads
/// the document at most once; adding one is a read-modify-write with the store's ETag, retried on a conflict.
/// </summary>
public sealed class FaqStore(IConversationStore store, KnowledgeBase knowledge, TimeProvider time, ILogger<FaqStore> logger)
{
    public const string Key = StoreItem.KeptPrefix + "courses/faq";
    private const int MaxAttempts = 5;
    private const string TurnItem = "courses.staff-faq";

    /// <summary>Adds a staff answer; from the next question on, the bot answers it.</summary>
    /// <exception cref="ArgumentException">An unknown course, a language the bot does not speak, or an empty text.</exception>
    public async Task AddAsync(string courseId, string language, string question, string answer, CancellationToken cancellationToken)
    {
        if (!knowledge.Trainings.Any(t => t.Id == courseId))
            throw new ArgumentException($"'{courseId}' is not a training of the knowledge files.", nameof(courseId));
        if (!Language.All.Contains(language))
            throw new ArgumentException($"The bot speaks {string.Join(", ", Language.All)}, not '{language}'.", nameof(language));
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        var entry = new StaffFaq(courseId, language, question.Trim(), answer.Trim(), time.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadAsync(Key, cancellationToken);
            var entries = stored is null ? [] : Read(stored).Entries;
            var updated = new StaffFaqDocument([.. entries, entry]);
            try
            {
                await store.WriteAsync(Key, JsonSerializer.SerializeToUtf8Bytes(updated, CourseJsonContext.Default.StaffFaqDocument), stored?.ETag, cancellationToken);
                if (logger.IsEnabled(LogLevel.Information))
                    CourseLog.FaqAdded(logger, courseId, language, updated.Entries.Count);
                return;
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
                // Another staff member added one at the same moment: read theirs and add ours again.
            }
        }
    }

    /// <summary>Every staff answer; read from the store once per turn, and only by turns that answer a course question.</summary>
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
        return [.. Read(stored).Entries.Select((e, i) => new CourseFaq(
            e.CourseId,
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [e.Language] = [e.Question] },
            new Dictionary<string, string>(StringComparer.Ordinal) { [e.Language] = e.Answer },
            $"{Key}#{i + 1}"))];
    }

    private static StaffFaqDocument Read(StoreItem item) =>
        JsonSerializer.Deserialize(item.Data.Span, CourseJsonContext.Default.StaffFaqDocument) is { Entries: not null } document ? document : new StaffFaqDocument([]);
}
