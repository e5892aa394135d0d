using BotProtocol.Recognizers;

namespace BotProtocol.Tests.Recognizers;

public sealed class FuzzyMatchTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("amenazas", "amenazas", 0)]
    [InlineData("amenazas", "amenzas", 1)]
    [InlineData("amenazas", "amenzaas", 1)]
    [InlineData("vigilancia", "vijilansia", 2)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)]
    public void Distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, FuzzyMatch.DamerauLevenshtein(a, b));

    [Fact]
    public void Distance_stops_early_past_the_limit() =>
        Assert.Equal(2, FuzzyMatch.DamerauLevenshtein("abcdefgh", "zyxwvuts", max: 1));

    [Theory]
    [InlineData("amenazas", "amenzaas")]
    [InlineData("vigilancia", "vijilansia")]
    [InlineData("kitten", "sitting")]
    [InlineData("ca", "abc")]
    [InlineData("abcdefgh", "zyxwvuts")]
    public void The_letters_two_words_do_not_share_never_overstate_their_distance(string a, string b) =>
        Assert.InRange(FuzzyMatch.LettersApart(FuzzyMatch.LetterSet(a), FuzzyMatch.LetterSet(b)), 0, FuzzyMatch.DamerauLevenshtein(a, b));

    [Theory]
    [InlineData("dos", "dios", 0)]
    [InlineData("mexico", "mexixo", 1)]
    [InlineData("colombia", "columbia", 2)]
    [InlineData("paso2", "paso3", 0)]
    public void Tolerance_grows_with_word_length_and_is_nil_for_short_words(string a, string b, int expected) =>
        Assert.Equal(expected, FuzzyMatch.AllowedEdits(a, b));

    [Theory]
    [InlineData("mexico", "mexico", 0)]
    [InlineData("mexixo", "mexico", 1)]
    [InlineData("mejixo", "mexico", -1)]
    [InlineData("vijilansia", "vigilancia", 2)]
    [InlineData("dis", "dos", -1)]
    [InlineData("amenazas", "amenaza", 1)]
    [InlineData("amenazas", "amena", -1)]
    public void Words_match_within_their_tolerance(string typed, string expected, int distance) =>
        Assert.Equal(distance, FuzzyMatch.Distance(typed, expected));
}
