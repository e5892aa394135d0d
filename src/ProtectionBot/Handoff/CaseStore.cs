using System.Text.Json;
using BotProtocol.State;

namespace ProtectionBot.Handoff;

/// <summary>
/// Handoff cases as ETag-checked documents beside the conversations. Two caseworkers accepting at once, or an accept
/// racing a timeout, both read the same ETag; only one write wins and the other sees the winner's case.
/// </summary>
internal sealed class CaseStore(IConversationStore store)
{
    private const int MaxAttempts = 8;

    public static string Key(string caseId) => $"handoff/case/{caseId}";

    public async Task<HandoffCase?> ReadAsync(string caseId, CancellationToken cancellationToken) =>
        (await ReadWithETagAsync(caseId, cancellationToken)).Case;

    /// <summary>Stores a new case; false when it already exists (a retried delivery created it before).</summary>
    public async Task<bool> CreateAsync(HandoffCase handoffCase, CancellationToken cancellationToken)
    {
        try
        {
            await store.WriteAsync(Key(handoffCase.Id), Serialize(handoffCase), expectedETag: null, cancellationToken);
            return true;
        }
        catch (ETagConflictException)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current case until it is written without conflict. The change returns
    /// null to leave the case as it is (it is no longer in the state the change expects). Returns the case as stored
    /// afterwards and whether this change was the one applied; null when there is no such case.
    /// </summary>
    public async Task<(HandoffCase? Case, bool Changed)> UpdateAsync(
        string caseId, Func<HandoffCase, HandoffCase?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadWithETagAsync(caseId, cancellationToken);
            if (current is null)
                return (null, false);
            if (change(current) is not { } changed)
                return (current, false);
            try
            {
                await store.WriteAsync(Key(caseId), Serialize(changed), etag, cancellationToken);
                return (changed, true);
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    public ValueTask DeleteAsync(string caseId, CancellationToken cancellationToken) =>
        store.DeleteAsync(Key(caseId), cancellationToken);

    private async Task<(HandoffCase? Case, string? ETag)> ReadWithETagAsync(string caseId, CancellationToken cancellationToken)
    {
        var item = await store.ReadAsync(Key(caseId), cancellationToken);
        if (item is null)
            return (null, null);
        try
        {
            return (JsonSerializer.Deserialize(item.Data.Span, HandoffJsonContext.Default.HandoffCase), item.ETag);
        }
        catch (JsonException)
        {
            // A case no release can read cannot be acted on; treating it as gone lets both sides be told.
            return (null, null);
        }
    }

    private static byte[] Serialize(HandoffCase handoffCase) =>
        JsonSerializer.SerializeToUtf8Bytes(handoffCase, HandoffJsonContext.Default.HandoffCase);
}
