using BotProtocol.Recognizers;

namespace BotProtocol.Tests.Recognizers;

/// <summary>
/// The typo allowance forgives a misspelt vocabulary word, never turns one real word into another: a slip keeps its first
/// letter, and a word of the vocabularies (in any question or language) is read as itself.
/// </summary>
public sealed class TypoAllowanceTests
{
    private static readonly Understanding Vocabulary = Build(
        ("es", "what", "displacement", "huimos"),
        ("es", "what", "threats", "amenazas de muerte"),
        ("es", "what", "detention", "detenido"),
        ("fr", "what", "torture", "sévices"),
        ("fr", "what", "threats", "menaces de mort"),
        ("en", "what", "threats", "threat*"),
        ("en", "what", "surveillance", "followed"),
        ("fr", "who", "state", "services secrets"),
        ("es", "who", "self", "defensora"),
        ("es", "who", "other", "hermano"),
        ("es", "where", "left", "ya nos fuimos"),
        ("fr", "what", "displacement", "fui*"),
        ("fr", "what", "displacement", "fui"));

    private static readonly AnswerShape What = new(AnswerKind.SeveralOf, ["displacement", "threats", "detention", "torture", "surveillance"], PreferNot: "prefer-not");

    [Theory]
    [InlineData("es", "fuimos a la fiscalía a poner la denuncia")]
    [InlineData("en", "they cut the water and the health services")]
    [InlineData("fr", "les services sociaux ne répondent plus")]
    [InlineData("en", "they hollowed out the old tree")]
    public void A_real_word_next_to_a_vocabulary_word_is_not_read_as_it(string language, string text) =>
        Assert.Equal(DecisionKind.Unclear, Decision.Decide(Vocabulary.Read("what", language, text), What).Kind);

    /// <summary>
    /// An answer that says nothing in the conversation's language is read in the other two, but not through a word of its
    /// own language: "fuimos" is the Spanish "we went", whatever French word starts like it.
    /// </summary>
    [Fact]
    public void A_word_of_the_conversation_language_is_not_read_as_another_language_word() =>
        Assert.Equal(DecisionKind.Unclear, Decision.Decide(Vocabulary.Read("what", "es", "fuimos a la oficina a preguntar por el expediente"), What).Kind);

    [Fact]
    public void A_message_in_another_language_is_still_read_in_it() =>
        Assert.Equal(["displacement"], Decision.Decide(Vocabulary.Read("what", "es", "nous avons fui le village"), What).Values);

    [Theory]
    [InlineData("es", "huimso de noche", "displacement")]
    [InlineData("es", "recibi amenzas de muerte", "threats")]
    [InlineData("es", "estuve detenidoo dos dias", "detention")]
    [InlineData("fr", "il a subi des sévises", "torture")]
    [InlineData("fr", "des menacse de mort", "threats")]
    [InlineData("en", "i am folowed every day", "surveillance")]
    public void A_misspelt_vocabulary_word_is_still_forgiven(string language, string text, string expected)
    {
        var decision = Decision.Decide(Vocabulary.Read("what", language, text), What);
        Assert.Equal(DecisionKind.Chosen, decision.Kind);
        Assert.Equal([expected], decision.Values);
    }

    [Theory]
    [InlineData("fuimos", "huimos")]
    [InlineData("nexico", "mexico")]
    [InlineData("bolivia", "olivia")]
    public void A_slip_never_changes_the_first_letter(string typed, string expected) =>
        Assert.Equal(-1, FuzzyMatch.Distance(typed, expected));

    [Theory]
    [InlineData("kuesta", "cuesta")]
    [InlineData("ospital", "hospital")]
    [InlineData("vijilancia", "vigilancia")]
    public void A_first_letter_that_sounds_the_same_is_still_a_slip(string typed, string expected) =>
        Assert.Equal(1, FuzzyMatch.Distance(typed, expected));

    private static Understanding Build(params (string Language, string Question, string Option, string Phrase)[] lines)
    {
        var problems = new List<string>();
        var understanding = Understanding.Build(lines.Select((l, i) => new VocabularyLine(l.Language, l.Question, l.Option, l.Phrase, $"test:{i}")), problems);
        Assert.Empty(problems);
        return understanding;
    }
}
