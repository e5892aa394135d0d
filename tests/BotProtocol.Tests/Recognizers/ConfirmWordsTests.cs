using BotProtocol.Recognizers;

namespace BotProtocol.Tests.Recognizers;

public sealed class ConfirmWordsTests
{
    [Theory]
    [InlineData("sí")]
    [InlineData("si")]
    [InlineData("Sí, claro")]
    [InlineData("claro")]
    [InlineData("por supuesto")]
    [InlineData("vale")]
    [InlineData("de acuerdo")]
    [InlineData("creo que sí")]
    [InlineData("ok")]
    public void Spanish_yes(string text) => Assert.True(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("oui")]
    [InlineData("Ouais")]
    [InlineData("d'accord")]
    [InlineData("D’accord !")]
    [InlineData("bien sûr")]
    [InlineData("bien sur")]
    [InlineData("tout à fait")]
    public void French_yes(string text) => Assert.True(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("yes")]
    [InlineData("Yeah")]
    [InlineData("yep")]
    [InlineData("sure")]
    [InlineData("OK")]
    [InlineData("of course")]
    public void English_yes(string text) => Assert.True(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("no")]
    [InlineData("No, gracias")]
    [InlineData("para nada")]
    [InlineData("de ninguna manera")]
    [InlineData("claro que no")]
    [InlineData("por supuesto que no")]
    public void Spanish_no(string text) => Assert.False(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("non")]
    [InlineData("pas du tout")]
    [InlineData("Non merci")]
    [InlineData("bien sûr que non")]
    public void French_no(string text) => Assert.False(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("nope")]
    [InlineData("nah")]
    [InlineData("not really")]
    [InlineData("No way")]
    [InlineData("of course not")]
    public void English_no(string text) => Assert.False(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("")]
    [InlineData("quizás")]
    [InlineData("no sé")]
    [InlineData("je ne sais pas")]
    [InlineData("not sure")]
    [InlineData("sí y no")]
    [InlineData("oui et non")]
    [InlineData("tengo miedo")]
    [InlineData("nosotros")]
    public void Hedges_both_and_neither_are_not_recognised(string text) => Assert.Null(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("i guess so")]
    [InlineData("ok i guess")]
    [InlineData("i suppose so")]
    [InlineData("supongo que sí")]
    [InlineData("je suppose que oui")]
    public void A_yes_given_in_a_hedge_is_a_yes(string text) => Assert.True(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("ok pero que no se lo pasen a nadie")]
    [InlineData("sí, pero que no lo vea nadie más")]
    public void A_nobody_that_repeats_the_no_of_a_condition_is_no_second_no(string text) => Assert.True(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("je pense que oui, une voiture sans plaque tourne autour de la maison")]
    [InlineData("creo que sí, hay un carro sin placas afuera")]
    public void Without_describes_what_it_names_and_denies_no_yes(string text) => Assert.True(ConfirmWords.Recognize(text, TestLexicon.Words));

    [Theory]
    [InlineData("dunno, ask me again later")]
    [InlineData("no sé, pregúntame después")]
    [InlineData("je sais pas, redemandez moi plus tard")]
    [InlineData("let me think")]
    public void Asked_to_be_asked_again_is_no_answer_yet(string text) => Assert.Null(ConfirmWords.Recognize(text, TestLexicon.Words));
}
