using System.Reflection;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>Every reason and note the rules can give exists, in every language, in the repository's texts.</summary>
public sealed class ReasonTextTests
{
    private static readonly IReadOnlyList<string> DeclaredKeys =
    [
        .. typeof(ReasonKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    [Fact]
    public void Every_reason_key_a_rule_can_emit_exists_in_every_language()
    {
        var catalog = TextCatalog.Load(RepositoryRoot());

        foreach (var key in DeclaredKeys)
        {
            foreach (var language in Language.All)
                Assert.False(string.IsNullOrWhiteSpace(catalog.Get(language, key)), $"{language}: {key}");
        }
    }

    [Fact]
    public void Every_reason_text_is_used_by_a_rule()
    {
        var catalog = TextCatalog.Load(RepositoryRoot());

        Assert.Empty(catalog.Keys.Where(k => k.StartsWith("reasons.", StringComparison.Ordinal)).Except(DeclaredKeys));
    }

    [Fact]
    public void Reasons_and_notes_given_across_many_cases_all_come_from_the_declared_keys_and_fill_their_placeholders()
    {
        var catalog = TextCatalog.Load(RepositoryRoot());
        var recommender = Catalogue.Recommender();
        var given = new List<ReasonText>();
        foreach (var country in (string?[])[null, .. Catalogue.Countries.Select(c => c.Code)])
        {
            foreach (var situation in KnowledgeCodes.Situations)
            {
                foreach (var language in Language.All)
                {
                    var result = recommender.Recommend(new CaseAnswers
                    {
                        Language = language, Country = country, Urgency = "urgent", InImmediateDanger = situation == "threats",
                        Situations = [situation], Profiles = ["women", "indigenous"], AtRisk = "organisation",
                        DomesticRemedies = "exhausted", FinalDecisionDate = new DateOnly(2026, 6, 1), NeedsRelocation = true, FearsExposure = true,
                    });
                    given.AddRange(result.Mechanisms.SelectMany(m => m.Reasons.Concat(m.Notes)));
                    given.AddRange(result.Trainings.SelectMany(t => t.Reasons));
                }
            }
        }

        Assert.Empty(given.Select(r => r.Key).Except(DeclaredKeys));
        foreach (var reason in given.DistinctBy(r => r.Key))
        {
            var text = catalog.Get("en", reason.Key, [.. reason.Arguments]);
            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        }
    }

    /// <summary>The folder with ProtectionBot.sln, so the test reads the texts being edited, not a stale copy.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ProtectionBot.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("ProtectionBot.sln not found above " + AppContext.BaseDirectory);
    }
}
