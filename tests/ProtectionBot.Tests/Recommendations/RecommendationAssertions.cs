using ProtectionBot.Recommendations;

namespace ProtectionBot.Tests.Recommendations;

internal static class RecommendationAssertions
{
    public static IReadOnlyList<string> Ids(this RecommendationResult result) => [.. result.Mechanisms.Select(m => m.MechanismId)];

    public static Recommendation Route(this RecommendationResult result, string id) =>
        result.Mechanisms.SingleOrDefault(m => m.MechanismId == id)
            ?? throw new Xunit.Sdk.XunitException($"{id} was not recommended; got {string.Join(", ", result.Ids())}");

    public static void AssertRankedBefore(this RecommendationResult result, string first, string second)
    {
        var ids = result.Ids().ToList();
        Assert.True(ids.IndexOf(first) >= 0 && ids.IndexOf(first) < ids.IndexOf(second), $"{first} should come before {second} in {string.Join(", ", ids)}");
    }

    public static IReadOnlyList<string> ReasonKeys(this Recommendation route) => [.. route.Reasons.Select(r => r.Key)];

    public static IReadOnlyList<string> NoteKeys(this Recommendation route) => [.. route.Notes.Select(r => r.Key)];
}
