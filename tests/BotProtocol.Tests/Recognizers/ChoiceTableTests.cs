using BotProtocol.Recognizers;

namespace BotProtocol.Tests.Recognizers;

public sealed class ChoiceTableTests
{
    private static readonly ChoiceTable Countries = new([
        ["Colombia"],
        ["México", "Mexico DF"],
        ["Guatemala"],
        ["Otro país", "otro", "other"],
    ]);

    private static readonly ChoiceTable Risks = new([
        ["threats", "Amenazas"],
        ["surveillance", "Vigilancia"],
        ["attack", "Agresión física"],
        ["detention", "Detención arbitraria"],
    ]);

    private static int? Single(ChoiceTable table, string text) =>
        table.Match(text, multiSelect: false) is [var hit] ? hit.Index : null;

    private static int[] Multi(ChoiceTable table, string text) =>
        [.. table.Match(text, multiSelect: true).Select(h => h.Index)];

    [Theory]
    [InlineData("Colombia", 0)]
    [InlineData("mexico", 1)]
    [InlineData("MÉXICO", 1)]
    [InlineData("Mexico DF", 1)]
    [InlineData("Mexixo", 1)]
    [InlineData("Guatemla", 2)]
    [InlineData("guatemala.", 2)]
    [InlineData("creo que guatemala", 2)]
    [InlineData("estoy en México ahora", 1)]
    [InlineData("other", 3)]
    public void A_choice_is_named_by_its_words(string text, int expected) =>
        Assert.Equal(expected, Single(Countries, text));

    [Theory]
    [InlineData("2", 1)]
    [InlineData("2.", 1)]
    [InlineData("#2", 1)]
    [InlineData("dos", 1)]
    [InlineData("deux", 1)]
    [InlineData("two", 1)]
    [InlineData("la dos", 1)]
    [InlineData("la segunda", 1)]
    [InlineData("la deuxième", 1)]
    [InlineData("the second one", null)]
    [InlineData("option 3", 2)]
    [InlineData("la 4 por favor", 3)]
    [InlineData("5", null)]
    [InlineData("0", null)]
    [InlineData("1 y 3", null)]
    public void A_choice_is_named_by_its_number(string text, int? expected) =>
        Assert.Equal(expected, Single(Countries, text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no sé")]
    [InlineData("Perú")]
    [InlineData("dis")]
    public void Unrelated_answers_name_nothing(string text) => Assert.Null(Single(Countries, text));

    [Fact]
    public void Two_choices_in_a_single_answer_are_not_guessed() =>
        Assert.Null(Single(Risks, "amenazas y vigilancia"));

    [Fact]
    public void Words_shared_equally_by_two_choices_are_not_guessed()
    {
        var table = new ChoiceTable([["Protección individual"], ["Protección colectiva"]]);

        Assert.Null(Single(table, "protección"));
        Assert.Equal(1, Single(table, "colectiva"));
        Assert.Equal(0, Single(table, "la protección individual, creo"));
    }

    [Fact]
    public void The_longer_choice_wins_over_the_one_it_contains()
    {
        var table = new ChoiceTable([["Protección"], ["Protección colectiva"]]);

        Assert.Equal(0, Single(table, "protección"));
        Assert.Equal(1, Single(table, "quiero protección colectiva"));
    }

    [Fact]
    public void A_synonym_shared_by_two_choices_names_neither()
    {
        var table = new ChoiceTable([["Norte", "region"], ["Sur", "region"]]);

        Assert.Null(Single(table, "region"));
        Assert.Null(Single(table, "en la región"));
        Assert.Equal(-1, table.FindExact("region"));
        Assert.Equal(1, table.FindExact("SUR"));
    }

    [Fact]
    public void Stop_words_are_not_read_as_typos()
    {
        var table = new ChoiceTable([["Peur"], ["Argent"]]);

        Assert.Null(Single(table, "pour"));
        Assert.Equal(0, Single(table, "peut"));
    }

    [Theory]
    [InlineData("1, 3", new[] { 0, 2 })]
    [InlineData("1 y 3", new[] { 0, 2 })]
    [InlineData("3 et 1", new[] { 0, 2 })]
    [InlineData("uno y tres", new[] { 0, 2 })]
    [InlineData("amenazas et vigilancia", new[] { 0, 1 })]
    [InlineData("threats, surveillance and detention", new[] { 0, 1, 3 })]
    [InlineData("vigilancia y 1", new[] { 0, 1 })]
    [InlineData("agresion fisica", new[] { 2 })]
    [InlineData("1, 7", new int[0])]
    [InlineData("nada de eso", new int[0])]
    public void Several_choices_are_named_by_words_and_numbers(string text, int[] expected) =>
        Assert.Equal(expected, Multi(Risks, text));

    [Fact]
    public void A_hit_names_the_term_that_matched_and_scores_typos_lower()
    {
        var exact = Risks.Match("vigilancia", multiSelect: false).Single();
        var typo = Risks.Match("la vijilancia", multiSelect: false).Single();
        var number = Risks.Match("2", multiSelect: false).Single();

        Assert.Equal(new ChoiceHit(1, "Vigilancia", 1.0), exact);
        Assert.Equal("Vigilancia", typo.Term);
        Assert.True(typo.Score < exact.Score);
        Assert.Equal(new ChoiceHit(1, null, 1.0), number);
    }
}
