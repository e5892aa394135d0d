using BotProtocol.Recognizers;

namespace BotProtocol.Tests.Recognizers;

/// <summary>The reading of typed answers against a small vocabulary: denial, doubt, two options, numbers, shorthand.</summary>
public sealed class UnderstandingTests
{
    private static readonly Understanding Vocabulary = Build(
        ("es", "what", "threats", "amenaz*"),
        ("es", "what", "threats", "objetivo militar"),
        ("es", "what", "attack", "golpe*"),
        ("es", "what", "attack", "atac*"),
        ("es", "what", "digital", "ataque digital"),
        ("es", "what", "none", "nada"),
        ("es", "what", "none", "aprender"),
        ("fr", "what", "threats", "menac*"),
        ("fr", "what", "attack", "frapp*"),
        ("en", "what", "threats", "threat*"),
        ("en", "what", "attack", "beaten"),
        ("es", "who", "self", "yo"),
        ("es", "who", "other", "hermano"),
        ("es", "who", "group", "comunidad"),
        ("es", "danger", "yes", "peligro"),
        ("es", "danger", "no", "a salvo"),
        ("en", "danger", "yes", "right now"),
        ("es", Understanding.PreferNotQuestion, "", "prefiero no decir*"),
        ("es", Understanding.PreferNotQuestion, "", "=paso"));

    private static readonly AnswerShape What = new(AnswerKind.SeveralOf, ["threats", "attack", "digital", "none"], No: "none", PreferNot: "prefer-not");
    private static readonly AnswerShape Who = new(AnswerKind.OneOf, ["self", "other", "group"], PreferNot: "prefer-not");
    private static readonly AnswerShape Danger = new(AnswerKind.YesNo, ["yes", "no"]);

    [Theory]
    [InlineData("es", "me amenazaron", "threats")]
    [InlineData("es", "Me AMENAZARON!!! 😡", "threats")]
    [InlineData("es", "me amenzaron de muerte", "threats")]
    [InlineData("es", "nos declararon objetivo militar y nos golpearon", "threats,attack")]
    [InlineData("es", "un ataque digital a mi celular", "digital")]
    [InlineData("es", "no me han golpeado pero sí me amenazan", "threats")]
    [InlineData("es", "no me amenazaron, me golpearon", "attack")]
    [InlineData("es", "ni amenazas ni golpes, nada", "none")]
    [InlineData("es", "nada de amenazas ni golpes, solo quiero aprender", "none")]
    [InlineData("es", "1 y 2", "threats,attack")]
    [InlineData("fr", "je n'ai pas de menaces mais on m'a frappé", "attack")]
    [InlineData("en", "they beaten me and threatened my family", "threats,attack")]
    public void Several_options_are_all_taken_and_denied_ones_never(string language, string text, string expected)
    {
        var decision = Decision.Decide(Vocabulary.Read("what", language, text), What);
        Assert.Equal(DecisionKind.Chosen, decision.Kind);
        Assert.Equal(expected.Split(','), decision.Values.OrderBy(v => What.Values.ToList().IndexOf(v)));
    }

    [Theory]
    [InlineData("fr", "je n'ai pas de menaces")]
    [InlineData("es", "no me amenazaron")]
    [InlineData("en", "he was never booked, the police say they don't have him")]
    [InlineData("es", "el ejército no dice dónde está")]
    public void A_denied_mention_or_a_no_in_a_story_is_asked_again_not_taken_for_none_of_them(string language, string text)
    {
        // No threats says nothing of detention or attacks, and "never booked" tells what happened, not that nothing did:
        // a caseworker asks what did happen.
        Assert.Equal(DecisionKind.Unclear, Decision.Decide(Vocabulary.Read("what", language, text), What).Kind);
    }

    [Theory]
    [InlineData("en", "no")]
    [InlineData("en", "nothing so far thank god")]
    [InlineData("fr", "non, rien pour l'instant")]
    [InlineData("es", "no, ninguna")]
    public void A_no_to_the_question_is_none_of_them(string language, string text) =>
        Assert.Equal(["none"], Decision.Decide(Vocabulary.Read("what", language, text), What).Values);

    [Theory]
    [InlineData("es", "estaría en peligro si se sabe", "yes")]
    [InlineData("es", "no, peligro si se sabe", "yes")]
    [InlineData("es", "creo que si", null)]
    [InlineData("es", "pues si, a salvo no estoy", null)]
    public void A_si_inside_a_clause_is_if_not_yes(string language, string text, string? option)
    {
        // "si se sabe" is "if it is known": it must not add a yes to the answer the clause gives.
        var reading = Vocabulary.Read("danger", language, text);
        if (option is null)
            Assert.NotEmpty(reading.Yes);
        else
        {
            Assert.Empty(reading.Yes);
            Assert.Contains(option, reading.Options);
        }
    }

    [Theory]
    [InlineData("yo y mi comunidad", "self", "group")]
    [InlineData("mi hermano y yo", "other", "self")]
    public void Two_options_of_a_single_choice_ask_which(string text, string first, string second)
    {
        var decision = Decision.Decide(Vocabulary.Read("who", "es", text), Who);
        Assert.Equal(DecisionKind.AskWhich, decision.Kind);
        Assert.Equal([first, second], decision.Values);
    }

    [Theory]
    [InlineData("yo no pero mi hermano sí", "other")]
    [InlineData("mi hermano", "other")]
    [InlineData("2", "other")]
    [InlineData("la segunda", "other")]
    public void A_single_choice_takes_the_option_not_denied(string text, string expected) =>
        Assert.Equal([expected], Decision.Decide(Vocabulary.Read("who", "es", text), Who).Values);

    [Theory]
    [InlineData("prefiero no decirlo")]
    [InlineData("paso")]
    [InlineData("4")]
    public void Prefer_not_to_say_is_an_answer(string text) =>
        Assert.Equal(DecisionKind.PreferNot, Decision.Decide(Vocabulary.Read("who", "es", text), Who).Kind);

    [Theory]
    [InlineData("me paso algo feo")]
    [InlineData("quizás")]
    [InlineData("no sé")]
    [InlineData("hola")]
    [InlineData("7")]
    public void What_is_not_understood_is_never_an_option(string text) =>
        Assert.Equal(DecisionKind.Unclear, Decision.Decide(Vocabulary.Read("who", "es", text), Who).Kind);

    [Theory]
    [InlineData("es", "no", "no")]
    [InlineData("es", "no ahorita", "no")]
    [InlineData("es", "nooo", "no")]
    [InlineData("es", "siiii", "yes")]
    [InlineData("es", "no estoy en peligro", "no")]
    [InlineData("es", "no estoy a salvo", "yes")]
    [InlineData("es", "sí, no puedo salir de la casa", "yes")]
    [InlineData("es", "estoy a salvo", "no")]
    [InlineData("en", "not right now", "no")]
    [InlineData("en", "yes right now", "yes")]
    [InlineData("fr", "pas en ce moment, je suis chez des amis", "no")]
    [InlineData("es", "👍", "yes")]
    public void Yes_and_no_with_what_denies_them(string language, string text, string expected) =>
        Assert.Equal([expected], Decision.Decide(Vocabulary.Read("danger", language, text), Danger).Values);

    [Theory]
    [InlineData("es", "no ahorita estoy a salvo")]
    [InlineData("es", "nono, hoy estamos a salvo")]
    [InlineData("en", "no right now all good")]
    [InlineData("en", "nope at the moment i am fine")]
    [InlineData("en", "no at the moment all good, thanks")]
    [InlineData("es", "No en este momento estoy a salvo")]
    public void A_no_then_a_moment_then_how_things_are_now_is_a_no(string language, string text)
    {
        // The "no" answers, the moment says when, and what follows tells how things are: the "no" denies none of it.
        var understanding = Build(("es", "danger", "no", "a salvo"), ("en", "danger", "no", "all good"), ("en", "danger", "no", "i am fine"));

        Assert.Equal(["no"], Decision.Decide(understanding.Read("danger", language, text), Danger).Values);
    }

    [Theory]
    [InlineData("es", "me soltaron sin explicación")]
    [InlineData("fr", "relâché sans explication")]
    [InlineData("en", "they let me go without a word")]
    public void Without_something_in_a_story_is_no_answer_of_none(string language, string text) =>
        Assert.Equal(DecisionKind.Unclear, Decision.Decide(Vocabulary.Read("what", language, text), What).Kind);

    [Theory]
    [InlineData("fr", "trois jours au poste sans rien me dire puis relâché")]
    [InlineData("fr", "gardé sans aucune raison puis relâché")]
    [InlineData("es", "me tuvieron sin ningún motivo y luego me soltaron")]
    public void The_nothing_of_a_without_denies_only_what_it_names(string language, string text)
    {
        // "sans rien me dire": the "rien" is the "sans" itself, which names what it lacks; the release told after stands.
        var understanding = Build(("fr", "detention", "released", "relâché"), ("es", "detention", "released", "me soltaron"));

        Assert.Equal(["released"], understanding.Read("detention", language, text).Options);
    }

    [Theory]
    [InlineData("paso")]
    [InlineData("paso, gracias")]
    [InlineData("paso por favor")]
    [InlineData("por favor paso")]
    public void A_whole_message_phrase_allows_courtesy_around_it(string text) =>
        Assert.Equal(DecisionKind.PreferNot, Decision.Decide(Vocabulary.Read("who", "es", text), Who).Kind);

    [Fact]
    public void A_whole_message_phrase_is_not_found_inside_a_sentence() =>
        Assert.NotEqual(DecisionKind.PreferNot, Decision.Decide(Vocabulary.Read("who", "es", "paso por la comunidad cada semana"), Who).Kind);

    [Theory]
    [InlineData("es", "las dos, necesito protección ya pero también que se haga justicia")]
    [InlineData("fr", "les deux je dirais, ça continue un peu mais surtout on veut la justice")]
    [InlineData("en", "both really, I need safety now and justice later")]
    public void Both_opening_an_answer_to_a_choice_of_two_asks_which(string language, string text)
    {
        var understanding = Build(("es", "urgency", "later", "justicia"), ("fr", "urgency", "later", "justice"), ("en", "urgency", "later", "justice"));
        var shape = new AnswerShape(AnswerKind.OneOf, ["now", "later", "prefer-not"], PreferNot: "prefer-not");

        var decision = Decision.Decide(understanding.Read("urgency", language, text), shape);

        Assert.Equal(DecisionKind.AskWhich, decision.Kind);
        Assert.Equal(["now", "later"], decision.Values);
    }

    [Fact]
    public void Both_said_later_in_a_story_chooses_nothing_by_itself()
    {
        var understanding = Build(("en", "urgency", "later", "justice"));
        var shape = new AnswerShape(AnswerKind.OneOf, ["now", "later"]);

        var decision = Decision.Decide(understanding.Read("urgency", "en", "they beat both of my sons, i want justice"), shape);

        Assert.Equal(["later"], decision.Values);
    }

    [Theory]
    [InlineData("sí y no")]
    [InlineData("tal vez sí")]
    [InlineData("no sé")]
    public void Yes_with_no_or_doubt_is_asked_again(string text) =>
        Assert.Equal(DecisionKind.Unclear, Decision.Decide(Vocabulary.Read("danger", "es", text), Danger).Kind);

    [Fact]
    public void One_word_naming_two_options_is_refused_with_its_file_and_line()
    {
        var problems = new List<string>();
        Understanding.Build(
        [
            new VocabularyLine("es", "what", "threats", "acoso", "es.yaml:3"),
            new VocabularyLine("es", "what", "criminalization", "acoso", "es.yaml:9"),
            new VocabularyLine("es", "what", "criminalization", "acoso judicial", "es.yaml:10"),
        ], problems);

        Assert.Equal(["es.yaml:9: 'acoso' names both 'threats' (es.yaml:3) and 'criminalization' of 'what'; use a longer phrase"], problems);
    }

    [Fact]
    public void A_longer_phrase_wins_over_the_word_inside_it()
    {
        var understanding = Build(("es", "what", "threats", "acoso"), ("es", "what", "criminalization", "acoso judicial"));

        Assert.Equal(["criminalization"], understanding.Read("what", "es", "sufro acoso judicial").Options);
        Assert.Equal(["threats"], understanding.Read("what", "es", "acoso de la policía").Options);
    }

    [Theory]
    [InlineData("es", "amenazas", "amenaza")]
    [InlineData("es", "mujeres", "mujer")]
    [InlineData("es", "detenidos", "deten")]
    [InlineData("fr", "menacees", "menac")]
    [InlineData("fr", "menacent", "menac")]
    [InlineData("en", "threatened", "threaten")]
    [InlineData("en", "threats", "threat")]
    public void Stems_meet_across_endings(string language, string word, string stem) =>
        Assert.Equal(stem, LightStemmer.Stem(word, language, TestLexicon.Words));

    [Theory]
    [InlineData("violations", "viol")]
    [InlineData("passent", "passe")]
    public void French_words_whose_ending_is_part_of_the_word_keep_it(string word, string other) =>
        Assert.NotEqual(LightStemmer.Stem(other, "fr", TestLexicon.Words), LightStemmer.Stem(word, "fr", TestLexicon.Words));

    [Fact]
    public void Spanish_keeps_a_nouns_gender() =>
        Assert.NotEqual(LightStemmer.Stem("hermana", "es", TestLexicon.Words), LightStemmer.Stem("hermano", "es", TestLexicon.Words));

    [Theory]
    [InlineData("no, no estoy en peligro", "no")]
    [InlineData("not right now", "no")]
    public void A_no_denies_the_first_thing_it_reaches_not_what_is_said_after(string text, string expected)
    {
        var language = text.StartsWith("not", StringComparison.Ordinal) ? "en" : "es";
        Assert.Equal([expected], Decision.Decide(Vocabulary.Read("danger", language, text), Danger).Values);
    }

    [Fact]
    public void A_phrase_that_says_its_own_no_is_not_denied_again()
    {
        var understanding = Build(("fr", "consent", "no", "pas d'accord"), ("fr", "consent", "yes", "d'accord"));

        Assert.Equal(["no"], understanding.Read("consent", "fr", "je ne suis pas d'accord").Options);
    }

    [Theory]
    [InlineData("más o menos urgente")]
    [InlineData("no tan urgente")]
    public void A_hedged_option_is_asked_again(string text)
    {
        var understanding = Build(("es", "urgency", "urgent", "urgente"), ("es", "urgency", "later", "puede esperar"));

        Assert.Equal(DecisionKind.Unclear, Decision.Decide(understanding.Read("urgency", "es", text), new AnswerShape(AnswerKind.OneOf, ["urgent", "later"])).Kind);
    }

    [Theory]
    [InlineData("pas très urgent", DecisionKind.Unclear)]
    [InlineData("pas si urgent pour nous", DecisionKind.Unclear)]
    [InlineData("pas urgent pour le moment", DecisionKind.Chosen)]
    public void A_hedge_inside_a_phrase_keeps_it_in_doubt(string text, DecisionKind expected)
    {
        var understanding = Build(("fr", "urgency", "urgent", "urgent"), ("fr", "urgency", "later", "pas urgent"));

        Assert.Equal(expected, Decision.Decide(understanding.Read("urgency", "fr", text), new AnswerShape(AnswerKind.OneOf, ["urgent", "later"])).Kind);
    }

    [Fact]
    public void What_follows_a_correcting_but_is_the_answer_and_an_aside_is_none()
    {
        var understanding = Build(("es", "who", "man", "soy hombre"), ("es", "who", "woman", "mi esposa"), ("es", "lang", "fr", "frances"));
        var who = new AnswerShape(AnswerKind.OneOf, ["man", "woman"]);
        var language = new AnswerShape(AnswerKind.OneOf, ["es", "fr"], Yes: "es");

        Assert.Equal(["woman"], Decision.Decide(understanding.Read("who", "es", "soy hombre pero la amenazada es mi esposa"), who).Values);
        Assert.Equal(["es"], Decision.Decide(understanding.Read("lang", "es", "sí, aunque también entiendo francés"), language).Values);
    }

    [Fact]
    public void An_option_that_outweighs_another_leaves_it_out()
    {
        var understanding = Understanding.Build(
            [new VocabularyLine("es", "what", "attack", "golpe*", "t:1"), new VocabularyLine("es", "what", "torture", "bolsa en la cabeza", "t:2")],
            [], outweighs: [new Outweighing("what", "torture", "attack")]);

        Assert.Equal(["torture"], understanding.Read("what", "es", "me golpearon y me pusieron una bolsa en la cabeza").Options);
        Assert.Equal(["attack"], understanding.Read("what", "es", "me golpearon en la calle").Options);
    }

    [Fact]
    public void One_taken_who_came_back_was_held_not_disappeared()
    {
        var understanding = Understanding.Build(
            [
                new VocabularyLine("es", "what", "disappearance", "se lo llevaron", "t:1"), new VocabularyLine("es", "what", "detention", "calabozo", "t:2"),
                new VocabularyLine("es", "what", "came-back", "volvio a los", "t:3"),
            ],
            [], outweighs: [new Outweighing("what", "disappearance", "detention")], rereads: [new Rereading("what", "came-back", "disappearance", "detention")]);

        Assert.Equal(["detention"], understanding.Read("what", "es", "se lo llevaron al batallón y volvió a los 8 días").Options);
        Assert.Equal(["detention"], understanding.Read("what", "es", "se lo llevaron, lo tuvieron en el calabozo y volvió a los 3 días").Options);
        Assert.Equal(["disappearance"], understanding.Read("what", "es", "se lo llevaron y nadie sabe nada").Options);
        Assert.Equal(["disappearance"], understanding.Read("what", "es", "dicen que volvió a los 2 días, pero se lo llevaron otra vez").Options);
        Assert.Empty(understanding.Read("what", "es", "volvió a los 3 días de viaje").Options);
    }

    [Fact]
    public void A_beating_in_custody_is_ill_treatment_and_the_detention_stays_told()
    {
        var understanding = Understanding.Build(
            [
                new VocabularyLine("es", "what", "attack", "golpe*", "t:1"), new VocabularyLine("es", "what", "detention", "calabozo", "t:2"),
                new VocabularyLine("es", "what", "torture", "tortur*", "t:3"), new VocabularyLine("es", "what", "in-custody", "en el calabozo", "t:4"),
                new VocabularyLine("es", "what", "in-custody", "ahí adentro", "t:5"),
            ],
            [], outweighs: [new Outweighing("what", "torture", "attack")], rereads: [new Rereading("what", "in-custody", "attack", "torture", After: true)]);

        Assert.Equal(["detention", "torture"], understanding.Read("what", "es", "en el calabozo me golpearon toda la noche").Options.Order(StringComparer.Ordinal));
        Assert.Equal(["detention", "torture"], understanding.Read("what", "es", "me golpearon en el calabozo").Options.Order(StringComparer.Ordinal));
        Assert.Equal(["torture"], understanding.Read("what", "es", "me tuvieron tres días y ahí adentro me golpearon").Options);
        // A beating outside, well before the custody is told, stays an attack; the place alone answers nothing.
        Assert.Equal(["attack", "detention"], understanding.Read("what", "es", "me golpearon en la marcha y al otro día me metieron al calabozo").Options.Order(StringComparer.Ordinal));
        Assert.Empty(understanding.Read("what", "es", "ahí adentro hace frío").Options);
    }

    [Fact]
    public void Who_stands_by_is_not_who_did_it_and_who_acts_still_is()
    {
        var understanding = Understanding.Build(
            [
                new VocabularyLine("es", "who", "state", "policia*", "t:1"), new VocabularyLine("es", "who", "private", "empresa", "t:2"),
                new VocabularyLine("fr", "who", "state", "gendarme*", "t:3"), new VocabularyLine("fr", "who", "private", "milice", "t:4"),
                new VocabularyLine("en", "who", "state", "police", "t:5"), new VocabularyLine("en", "who", "private", "goons", "t:6"),
            ],
            [], askWhoDidIt: ["who"]);

        Assert.Equal(["private"], understanding.Read("who", "es", "la empresa y sus guardias, y la policía no hace nada").Options);
        Assert.Equal(["private"], understanding.Read("who", "fr", "c'est la milice, les gendarmes n'ont rien fait").Options);
        Assert.Equal(["private"], understanding.Read("who", "en", "the company goons, police did nothing").Options);
        Assert.Empty(understanding.Read("who", "en", "the police did nothing to help").Options);
        Assert.Equal(["state"], understanding.Read("who", "en", "police didn't arrest me but they are the ones threatening").Options);
        Assert.Equal(["state"], understanding.Read("who", "es", "se lo llevó la policía y no sabemos nada de él").Options);
    }

    [Fact]
    public void Where_the_question_is_not_who_did_it_one_who_did_nothing_is_still_named()
    {
        var understanding = Understanding.Build([new VocabularyLine("es", "who", "relative", "mi hermano", "t:1")], []);

        Assert.Equal(["relative"], understanding.Read("who", "es", "mi hermano no hizo nada y lo tienen preso").Options);
    }

    [Fact]
    public void A_killing_leaves_out_the_shooting_that_did_it_but_not_the_tellers_own_beating_nor_another_persons_fate()
    {
        var understanding = Understanding.Build(
            [
                new VocabularyLine("es", "what", "attack", "golpe*", "t:1"), new VocabularyLine("es", "what", "attack", "dispar*", "t:2"),
                new VocabularyLine("es", "what", "killing", "mataron", "t:3"), new VocabularyLine("es", "what", "disappearance", "desapare*", "t:4"),
                new VocabularyLine("en", "what", "attack", "beat*", "t:5"), new VocabularyLine("en", "what", "killing", "killed", "t:6"),
                new VocabularyLine("en", "what", "disappearance", "disappear*", "t:7"),
            ],
            [], outweighs: [new Outweighing("what", "killing", "attack"), new Outweighing("what", "killing", "disappearance")]);

        Assert.Equal(["killing"], understanding.Read("what", "es", "mataron a mi compañero, le dispararon en la cabeza").Options);
        Assert.Equal(["attack", "killing"], understanding.Read("what", "es", "me golpearon y mataron a mi compañero").Options);
        Assert.Equal(["attack", "killing"], understanding.Read("what", "en", "they beat me and killed my comrade").Options);
        Assert.Equal(["killing", "disappearance"], understanding.Read("what", "en", "one colleague killed in march, another disappeared in june").Options);
        Assert.Equal(["killing"], understanding.Read("what", "es", "desapareció un lunes y al otro día lo mataron").Options);
    }

    [Theory]
    [InlineData("menasse", "menace")]
    [InlineData("amenasa", "amenaza")]
    [InlineData("yamada", "llamada")]
    public void Words_written_by_ear_sound_alike(string typed, string meant) =>
        Assert.Equal(TextNormalizer.SoundsAlike(meant), TextNormalizer.SoundsAlike(typed));

    [Fact]
    public void A_short_prefix_forgives_a_slip_of_the_ear_only()
    {
        var understanding = Build(("es", "what", "detention", "deten*"), ("fr", "what", "threats", "menac*"));

        Assert.Empty(understanding.Read("what", "es", "por defender a las mujeres").Options);
        Assert.Equal(["threats"], understanding.Read("what", "fr", "menasse de mort").Options);
    }

    [Theory]
    [InlineData("es", "ahorita no, pero anoche estuvieron rondando la casa", "no")]
    [InlineData("es", "no, pero ayer me dijeron que estoy en peligro", "no")]
    [InlineData("es", "peligro siempre hay, pero ahorita estoy a salvo", "no")]
    public void A_but_that_tells_the_past_or_corrects_a_general_statement_settles_a_yes_or_no(string language, string text, string expected)
    {
        // What a "but" tells of last night is why the person answers so, not the answer about now.
        var understanding = Build(("es", "danger", "yes", "peligro"), ("es", "danger", "yes", "rondando la casa"), ("es", "danger", "no", "a salvo"));

        var decision = Decision.Decide(understanding.Read("danger", language, text), Danger);

        Assert.Equal(DecisionKind.Chosen, decision.Kind);
        Assert.Equal(expected, decision.Values[0]);
    }

    [Fact]
    public void A_plain_no_then_a_but_of_now_is_asked_again()
    {
        var understanding = Build(("es", "danger", "yes", "me están buscando"));

        Assert.Equal(DecisionKind.Unclear, Decision.Decide(understanding.Read("danger", "es", "no, pero hoy me están buscando"), Danger).Kind);
    }

    [Theory]
    [InlineData("fr", "un ami du syndicat")]
    [InlineData("en", "a friend from the union")]
    [InlineData("es", "mi hermano, él es el dirigente de la comunidad")]
    public void A_group_that_says_whose_friend_or_leader_leaves_the_person_as_the_answer(string language, string text)
    {
        var understanding = Build(
            ("fr", "who", "other", "ami"), ("fr", "who", "group", "syndicat"), ("en", "who", "other", "friend"),
            ("en", "who", "group", "union"), ("es", "who", "other", "hermano"), ("es", "who", "group", "comunidad"));

        var decision = Decision.Decide(understanding.Read("who", language, text), Who);

        Assert.Equal(DecisionKind.Chosen, decision.Kind);
        Assert.Equal(["other"], decision.Values);
    }

    [Theory]
    [InlineData("jvoudrais parler a kelkun", "je voudrais parler a quelqu un")]
    [InlineData("je veux parler a qqn de vrai", "je veux parler a quelqu un de vrai")]
    [InlineData("g peur", "j ai peur")]
    public void French_typed_for_speed_is_read_spelled_out(string typed, string spelledOut) =>
        Assert.Equal(spelledOut.Split(' '), Utterance.Parse(typed, "fr", TestLexicon.Words).Words);

    [Theory]
    [InlineData("my husband, he is the union secretary")]
    [InlineData("my brother, a community leader")]
    public void A_group_said_before_a_role_says_whose_role_it_is(string text)
    {
        var understanding = Build(
            ("en", "who", "other", "my husband"), ("en", "who", "other", "my brother"), ("en", "who", "group", "union"), ("en", "who", "group", "community"));

        var decision = Decision.Decide(understanding.Read("who", "en", text), Who);

        Assert.Equal(["other"], decision.Values);
    }

    [Theory]
    [InlineData("es", "el hermano del alcalde y sus matones")]
    [InlineData("fr", "un homme d'affaires proche du préfet")]
    [InlineData("en", "the landlords, the mayor's brothers")]
    public void An_official_named_to_say_whose_relative_or_friend_is_not_who_did_it(string language, string text)
    {
        var understanding = Build(
            ("es", "by", "state", "alcalde"), ("es", "by", "private", "matones"), ("fr", "by", "state", "préfet"),
            ("fr", "by", "private", "homme d'affaires"), ("en", "by", "state", "mayor"), ("en", "by", "private", "landlords"));

        var decision = Decision.Decide(understanding.Read("by", language, text), new AnswerShape(AnswerKind.OneOf, ["state", "private"]));

        Assert.Equal(["private"], decision.Values);
    }

    [Fact]
    public void Son_de_is_no_son_of_anyone()
    {
        var understanding = Build(("es", "by", "state", "la policía"));

        var decision = Decision.Decide(understanding.Read("by", "es", "son de la policía"), new AnswerShape(AnswerKind.OneOf, ["state", "private"]));

        Assert.Equal(["state"], decision.Values);
    }

    [Theory]
    [InlineData("en", "public for me is ok, but not for my family")]
    [InlineData("fr", "pas mon nom, mais l'affaire oui")]
    public void An_answer_that_is_part_of_each_option_is_asked_again(string language, string text)
    {
        var understanding = Build(
            ("en", "publish", "yes", "public"), ("en", "publish", Understanding.UndecidedOption, "not for my family"),
            ("fr", "publish", Understanding.UndecidedOption, "pas mon nom"));

        var decision = Decision.Decide(understanding.Read("publish", language, text), Danger);

        Assert.Equal(DecisionKind.Unclear, decision.Kind);
    }

    [Fact]
    public void What_the_conversations_language_names_as_no_option_is_not_read_again_in_another()
    {
        var understanding = Build(
            ("fr", "what", Understanding.UndecidedOption, "sens surveillé*"), ("fr", "what", "spied", "piraté"),
            ("en", "what", "spied", "surveil*"));

        var reading = understanding.Read("what", "fr", "je me sens surveillée, rien de concret");

        Assert.True(reading.Undecided);
        Assert.Empty(reading.Affirmed);
    }

    private static Understanding Build(params (string Language, string Question, string Option, string Phrase)[] lines)
    {
        var problems = new List<string>();
        var understanding = Understanding.Build(lines.Select((l, i) => new VocabularyLine(l.Language, l.Question, l.Option, l.Phrase, $"test:{i}")), problems);
        Assert.Empty(problems);
        return understanding;
    }
}
