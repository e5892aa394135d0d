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
    public void Spanish_yes(string text) => Assert.True(ConfirmWords.Recognize(text));

    [Theory]
    [InlineData("oui")]
    [InlineData("Ouais")]
    [InlineData("d'accord")]
    [InlineData("D’accord !")]
    [InlineData("bien sûr")]
    [InlineData("bien sur")]
    [InlineData("tout à fait")]
    public void French_yes(string text) => Assert.True(ConfirmWords.Recognize(text));

    [Theory]
    [InlineData("yes")]
    [InlineData("Yeah")]
    [InlineData("yep")]
    [InlineData("sure")]
    [InlineData("OK")]
    [InlineData("of course")]
    public void English_yes(string text) => Assert.True(ConfirmWords.Recognize(text));

    [Theory]
    [InlineData("no")]
    [InlineData("No, gracias")]
    [InlineData("para nada")]
    [InlineData("de ninguna manera")]
    [InlineData("claro que no")]
    [InlineData("por supuesto que no")]
    public void Spanish_no(string text) => Assert.False(ConfirmWords.Recognize(text));

    [Theory]
    [InlineData("non")]
    [InlineData("pas du tout")]
    [InlineData("Non merci")]
    [InlineData("bien sûr que non")]
    public void French_no(string text) => Assert.False(ConfirmWords.Recognize(text));

    [Theory]
    [InlineData("nope")]
    [InlineData("nah")]
    [InlineData("not really")]
    [InlineData("No way")]
    [InlineData("of course not")]
    public void English_no(string text) => Assert.False(ConfirmWords.Recognize(text));

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
    public void Hedges_both_and_neither_are_not_recognised(string text) => Assert.Null(ConfirmWords.Recognize(text));
}
