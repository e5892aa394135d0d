using BotProtocol.Recognizers;

namespace BotProtocol.Tests.Recognizers;

public sealed class NumberWordsTests
{
    [Theory]
    [InlineData("2", 2)]
    [InlineData("#2", 2)]
    [InlineData("2.", 2)]
    [InlineData("02", 2)]
    [InlineData("12", 12)]
    [InlineData("dos", 2)]
    [InlineData("deux", 2)]
    [InlineData("two", 2)]
    [InlineData("Dieciséis", 16)]
    [InlineData("dix-sept", 17)]
    [InlineData("dix-neuf", 19)]
    [InlineData("nineteen", 19)]
    [InlineData("veinte", 20)]
    [InlineData("vingt", 20)]
    [InlineData("una", 1)]
    [InlineData("une", 1)]
    [InlineData("segundo", 2)]
    [InlineData("Segunda", 2)]
    [InlineData("deuxième", 2)]
    [InlineData("second", 2)]
    [InlineData("première", 1)]
    [InlineData("third", 3)]
    [InlineData("décimo", 10)]
    [InlineData("2nd", 2)]
    [InlineData("3rd", 3)]
    [InlineData("1er", 1)]
    [InlineData("2e", 2)]
    [InlineData("2ème", 2)]
    [InlineData("2º", 2)]
    [InlineData("1ª", 1)]
    [InlineData("3ro", 3)]
    public void Numbers_are_read_in_spanish_french_and_english(string text, int expected)
    {
        Assert.True(NumberWords.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dose")]
    [InlineData("2x")]
    [InlineData("la dos")]
    [InlineData("dos tres")]
    [InlineData("veintiuno")]
    [InlineData("1234567")]
    public void Anything_else_is_not_a_number(string text) =>
        Assert.False(NumberWords.TryParse(text, out _));

    [Fact]
    public void A_two_word_number_reports_the_tokens_it_took()
    {
        var normalized = TextNormalizer.Normalize("le dix-huit");
        var tokens = TextNormalizer.Tokenize(normalized);

        Assert.True(NumberWords.TryRead(normalized, tokens, 1, out var number));
        Assert.Equal(new NumberToken(18, 2, IsWord: true), number);
        Assert.False(NumberWords.TryRead(normalized, tokens, 0, out _));
        Assert.False(NumberWords.TryRead(normalized, tokens, 3, out _));
    }
}
