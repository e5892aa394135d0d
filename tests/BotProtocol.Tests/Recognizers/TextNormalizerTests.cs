using BotProtocol.Recognizers;

namespace BotProtocol.Tests.Recognizers;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("México", "mexico")]
    [InlineData("  ¿MÉXICO?  ", "mexico")]
    [InlineData("Deuxième", "deuxieme")]
    [InlineData("d'accord", "d accord")]
    [InlineData("Bien sûr !", "bien sur")]
    [InlineData("Sí,   claro...", "si claro")]
    [InlineData("#2", "2")]
    [InlineData("2.", "2")]
    [InlineData("1, 3", "1 3")]
    [InlineData("dix-sept", "dix sept")]
    [InlineData("2º", "2o")]
    [InlineData("Œuvre", "oeuvre")]
    [InlineData("Straße", "strasse")]
    [InlineData("Ｍéxico", "mexico")]
    [InlineData("Ça marche", "ca marche")]
    [InlineData("Niño\tañil\n", "nino anil")]
    [InlineData("", "")]
    [InlineData("¡¿!?", "")]
    public void Text_is_lowered_stripped_of_accents_and_punctuation(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Null_is_empty() => Assert.Equal("", TextNormalizer.Normalize(null));

    [Fact]
    public void Long_text_is_normalised_whole()
    {
        var input = string.Concat(Enumerable.Repeat("Protección ", 200));

        var normalized = TextNormalizer.Normalize(input);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("proteccion", 200)), normalized);
    }

    [Fact]
    public void Tokens_are_ranges_into_the_normalised_text()
    {
        var normalized = TextNormalizer.Normalize("Creo que, ¡amenazas!");

        var words = TextNormalizer.Tokenize(normalized).Select(r => normalized[r]).ToArray();

        Assert.Equal(["creo", "que", "amenazas"], words);
        Assert.Empty(TextNormalizer.Tokenize(""));
    }
}
