using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Interview;

/// <summary>
/// Asked whether they are in danger, people often say where they are safe: with an aunt, at a brother's. The relative
/// who shelters them is not the person at risk, and says nothing of that person's gender.
/// </summary>
public sealed class ShelterTests
{
    [Theory]
    [InlineData("es", "ahorita no, estoy con mi tia")]
    [InlineData("es", "no, estoy donde mi hermano mientras tanto")]
    [InlineData("es", "ya no, me quedo en casa de mi mamá unos dias")]
    [InlineData("fr", "pas maintenant, je suis chez ma tante")]
    [InlineData("fr", "non ça va je reste avec mon frère ce soir")]
    [InlineData("en", "no, im staying with my sister for now")]
    [InlineData("en", "not now, i am with my uncle in the village")]
    [InlineData("en", "not at this moment, i am in my aunt house")]
    [InlineData("en", "no we are at my cousin s place tonight")]
    [InlineData("es", "por ahora no, estoy en casa de mi tío")]
    [InlineData("fr", "non là je dors chez mon cousin")]
    public async Task A_relative_who_shelters_the_defender_is_not_the_one_at_risk(string language, string answer)
    {
        await using var app = new BotApplication();
        var reader = new AnswerReader(app.Services);

        Assert.Equal("no", reader.Read("danger", language, answer));
        var also = reader.Also("danger", language, answer);
        Assert.False(also.ContainsKey("at_risk"), $"at risk: {string.Join(",", also.GetValueOrDefault("at_risk") ?? [])}");
        Assert.False(also.ContainsKey("gender"), $"gender: {string.Join(",", also.GetValueOrDefault("gender") ?? [])}");
    }

    [Theory]
    [InlineData("es", "mi hermana, la amenazaron por el trabajo con las víctimas", "woman")]
    [InlineData("fr", "c'est mon frère qu'on menace", "man")]
    [InlineData("en", "my sister, she is the one they threaten", "woman")]
    public async Task A_relative_in_danger_still_tells_who_is_at_risk(string language, string answer, string gender)
    {
        await using var app = new BotApplication();
        var reader = new AnswerReader(app.Services);

        var also = reader.Also("situations", language, answer);
        Assert.Equal(["someone-else"], also.GetValueOrDefault("at_risk"));
        Assert.Equal([gender], also.GetValueOrDefault("gender"));
    }
}
