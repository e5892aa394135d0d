using BotProtocol.Prompts;
using ProtectionBot.Interview;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Interview;

/// <summary>
/// What a story told at another question must NOT note: a person at risk beside another ("me and my colleague") is asked,
/// a story about someone else told with "they told me" is not about the teller, and a family named beside the teller
/// ("they intimidate my family") does not make someone else the one at risk, nor does a colleague who was killed; a
/// year in a story of a move may be the move's, not when the trouble started.
/// </summary>
public sealed class AlongTheWayTests
{
    [Theory]
    [InlineData("en", "they threatened me and my colleague after the march")]
    [InlineData("es", "me amenazaron a mí y a mi compañera por la denuncia")]
    [InlineData("fr", "ils m'ont menacé avec mon collègue après la marche")]
    public async Task Two_people_at_risk_are_asked_not_noted(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.ContainsKey("at_risk"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "please help me, gunmen killed my friend yesterday")]
    [InlineData("es", "ayúdeme, mataron a mi compañero de la junta")]
    [InlineData("fr", "aidez-moi, ils ont tué mon collègue au marché")]
    public async Task The_one_killed_is_not_the_one_at_risk(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.ContainsKey("at_risk"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "they told me my brother was arrested at the border")]
    [InlineData("es", "me dijeron que a mi hermano lo detuvieron en la carretera")]
    [InlineData("fr", "on m'a dit que mon frère a été arrêté à la frontière")]
    public async Task A_story_about_someone_else_told_to_the_teller_is_not_about_the_teller(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.TryGetValue("at_risk", out var atRisk) && atRisk is ["self"], string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "they burned our office, i reported it to the police the next day")]
    [InlineData("es", "nos amenazaron y fui a denunciar ante la policía pero no hicieron nada")]
    [InlineData("fr", "ils ont menacé ma fille, j'ai porté plainte à la gendarmerie")]
    [InlineData("en", "i reported it at the police station and nothing happened")]
    [InlineData("fr", "j'ai porté plainte au commissariat mais rien n'a bougé")]
    [InlineData("es", "fui a denunciar en la comisaría y no pasó nada")]
    public async Task Where_it_was_reported_is_not_who_did_it(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.ContainsKey("perpetrator"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "they follow me in the capital and they intimidate my family back home", null)]
    [InlineData("es", "me siguen en la ciudad y a mi familia en el pueblo la tienen amenazada", null)]
    [InlineData("fr", "on me suit à Bruxelles et ils intimident ma famille au pays", null)]
    [InlineData("en", "i reported it to the police but they did nothing", "profile")]
    public async Task A_family_named_beside_the_teller_and_a_crime_reported_note_nothing_about_them(string language, string answer, string? question)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.ContainsKey(question ?? "at_risk"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "I fled Venezuela after the threats and now I help other migrants")]
    [InlineData("es", "salí de Nicaragua por las amenazas y ahora estoy refugiada en Costa Rica")]
    [InlineData("fr", "j'ai fui le Burundi en 2015 et je travaille avec les réfugiés")]
    [InlineData("en", "we document abuses in Kenya and in Uganda")]
    public async Task A_country_left_or_two_countries_named_tell_no_country(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.ContainsKey("country"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "they detained me for four days, I was released on bail last night", true)]
    [InlineData("en", "the police picked up my son at the rally and let him go the next morning", true)]
    [InlineData("es", "me tuvieron tres días en la estación y me soltaron anoche", true)]
    [InlineData("es", "a mi compañera la detuvieron el lunes, ya salió libre pero con medidas", true)]
    [InlineData("fr", "les gendarmes m'ont gardé deux nuits, j'ai été relâché ce matin", true)]
    [InlineData("fr", "mon frère a été arrêté puis libéré sous caution", true)]
    [InlineData("es", "soltaron a mi hermano pero mi esposo sigue preso", false)]
    [InlineData("fr", "ils ne l'ont pas relâché, on attend toujours", false)]
    [InlineData("en", "he is still in custody, they denied bail", false)]
    [InlineData("es", "lo detuvieron y nadie nos dice nada", false)]
    public async Task A_detention_told_as_over_is_noted_as_over_and_one_still_lasting_is_not(string language, string answer, bool released)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.Equal(released, also.ContainsKey("detention"));
    }

    [Theory]
    [InlineData("en", "i was on hunger strike for two weeks in prison")]
    [InlineData("es", "hice una huelga de hambre frente a la fiscalía")]
    [InlineData("fr", "j'ai fait une grève de la faim devant le tribunal")]
    public async Task A_hunger_strike_is_no_union_work(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.TryGetValue("profile", out var profile) && profile.Contains("trade-unionist"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "my husband told me to stop going to the meetings")]
    [InlineData("es", "mi marido me dijo que tuviera cuidado con la reunión")]
    [InlineData("fr", "mon mari me dit de faire attention")]
    public async Task A_husband_who_only_speaks_is_not_who_did_it(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.ContainsKey("perpetrator"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    /// <summary>A place is typed as itself: "Espinar" (Peru) is no slip of "espiar" (to spy).</summary>
    [Theory]
    [InlineData("es", "peru, espinar cusco")]
    [InlineData("en", "peru, espinar province")]
    [InlineData("fr", "au pérou, à espinar")]
    public async Task A_place_named_is_no_slip_of_a_situation(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("country", language, answer);
        Assert.False(also.ContainsKey("situations"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    /// <summary>
    /// What only looks like a fact told: a phone kept for days tells no one's gender, a dam ("la presa") is no prisoner,
    /// and a flight held up is no detention by anyone.
    /// </summary>
    [Theory]
    [InlineData("fr", "ils ont gardé mon téléphone trois jours", "gender")]
    [InlineData("es", "se quedaron con mi celular tres días", "gender")]
    [InlineData("en", "they kept my phone for three days", "gender")]
    [InlineData("es", "la presa del río se llevó las casas del barrio", "perpetrator")]
    [InlineData("en", "we were stuck at the airport for hours because of the storm", "perpetrator")]
    [InlineData("fr", "la voiture s'est arrêtée devant chez moi", "perpetrator")]
    public async Task What_only_looks_like_a_fact_notes_nothing(string language, string answer, string question)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.ContainsKey(question), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("fr", "le chef du village m'a menacé", "country")]
    [InlineData("fr", "on me menace parce que je défends la forêt", "country")]
    [InlineData("es", "me dejaron un chipote en la cabeza de un palazo", "country")]
    [InlineData("en", "they beat me at the thana and filed a false FIR", "country")]
    [InlineData("en", "my uncles came to warn me that soldiers are looking for me", "perpetrator")]
    [InlineData("fr", "je suis allé porter plainte et on m'a frappé", "gender:woman")]
    [InlineData("es", "me dicen traidor en el pueblo", "gender:woman")]
    public async Task Words_of_several_countries_or_meanings_note_nothing(string language, string answer, string fact)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        var (question, value) = fact.Split(':') is [var q, var v] ? (q, v) : (fact, null);
        Assert.False(also.TryGetValue(question, out var noted) && (value is null || noted.Contains(value)),
            string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "maybe, i want to leave for Canada")]
    [InlineData("es", "sí, quiero irme a España con mi hermana")]
    [InlineData("fr", "oui, je veux partir au Canada")]
    public async Task A_country_to_go_to_is_not_where_it_happens(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("relocation", language, answer);
        Assert.False(also.ContainsKey("country"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Theory]
    [InlineData("en", "im from hong kong, living in the uk since 2021, now the police keep visiting my parents")]
    [InlineData("es", "estoy exiliado en costa rica desde el 2022 y ahora la policía acosa a mi mamá")]
    [InlineData("fr", "je vis à Paris depuis 2019 et maintenant ils menacent mon frère au pays")]
    public async Task A_date_in_a_story_of_a_move_is_not_when_it_started(string language, string answer)
    {
        await using var app = new BotApplication();
        var also = new AnswerReader(app.Services).Also("situations", language, answer);
        Assert.False(also.ContainsKey("started"), string.Join("; ", also.Select(f => $"{f.Key}={string.Join(",", f.Value)}")));
    }

    [Fact]
    public void Asked_anything_else_after_a_story_nothing_else_keeps_what_was_noted_and_more_adds_to_it()
    {
        // "me amenazan" told at the danger question: threats noted, then "anything else?".
        var noted = InterviewFacts.Apply(new InterviewState(), "situations", new OptionAnswer(["threats"], PreferNot: false)) with { SituationsOnlyNoted = true };

        var nothingElse = InterviewFacts.Apply(noted, "situations", new OptionAnswer([InterviewChoices.NoProfile], PreferNot: false));
        Assert.Equal(["threats"], nothingElse.Situations);
        Assert.False(nothingElse.LearningOnly);

        var more = InterviewFacts.Apply(noted, "situations", new OptionAnswer(["digital-attack", "threats"], PreferNot: false));
        Assert.Equal(["threats", "digital-attack"], more.Situations);
        Assert.False(more.SituationsOnlyNoted);

        // Asked for the first time, "nothing has happened" is someone who wants to learn.
        var first = InterviewFacts.Apply(new InterviewState(), "situations", new OptionAnswer([InterviewChoices.NoProfile], PreferNot: false));
        Assert.True(first.LearningOnly);
    }
}
