using ProtectionBot.Content;
using Microsoft.Extensions.Time.Testing;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>
/// The persona corpus, written by caseworkers from the catalogue and from what defenders live, run over the facts a
/// caseworker read from each conversation (so it tests the recommendations apart from understanding), with the shipped
/// knowledge files and the corpus's day, 4 December 2026.
/// </summary>
public sealed class PersonaCaseTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset CorpusDay = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly CountryCatalog Countries = CountryCatalog.Load(AppContext.BaseDirectory, UnderstandingContent.Words);
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.Load(AppContext.BaseDirectory, DateOnly.FromDateTime(CorpusDay.UtcDateTime), Countries.Contains);
    private static readonly Recommender Recommender = new(Knowledge.Mechanisms, Knowledge.Trainings, Countries.Find, new FakeTimeProvider(CorpusDay));

    public static TheoryData<string> Personas() => [.. PersonaCorpus.All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(Personas))]
    public void Each_persona_gets_the_routes_a_caseworker_would_give_first(string id)
    {
        var verdict = Judge(PersonaCorpus.Find(id));

        Assert.True(verdict.Passed, verdict.Explanation);
    }

    [Fact]
    public void The_corpus_holds_at_least_forty_cases_in_the_three_languages_and_every_route_it_names_exists()
    {
        Assert.True(PersonaCorpus.All.Count >= 40, $"{PersonaCorpus.All.Count} personas");
        Assert.All(Language.All, language => Assert.Contains(PersonaCorpus.All, p => p.Language == language));
        var known = Knowledge.Mechanisms.Keys.Concat(Knowledge.Trainings.Select(t => t.Id)).ToHashSet(StringComparer.Ordinal);
        Assert.All(PersonaCorpus.All, p => Assert.All(p.ExpectedRoutes.Concat(p.MustNot), id => Assert.Contains(id, known)));
    }

    /// <summary>One line per persona, so a failing run shows every case at once, not only the first.</summary>
    [Fact]
    public void Every_persona_passes()
    {
        var verdicts = PersonaCorpus.All.Select(Judge).ToList();
        foreach (var verdict in verdicts)
            output.WriteLine((verdict.Passed ? "PASS " : "FAIL ") + verdict.Explanation);

        Assert.All(verdicts, v => Assert.True(v.Passed, v.Explanation));
    }

    private static PersonaVerdict Judge(Persona persona)
    {
        var result = Recommender.Recommend(persona.ToCaseAnswers());
        return PersonaVerdict.Judge(persona, [.. result.Mechanisms.Select(m => m.MechanismId), .. result.Trainings.Select(t => t.TrainingId)]);
    }
}
