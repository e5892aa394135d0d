using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using ProtectionBot.Content;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Interview;

/// <summary>
/// Keeps each answer where it belongs, and what an answer also says about other questions: "armed men came and said they
/// would kill me" answers what is happening as well as the danger question, "mi hermano" who is at risk, "soy mujer" the
/// gender, "en el Cauca" the country, "ils sont devant chez moi" the danger now (confirmed, never taken for granted), "la
/// sentencia quedó en firme el 10 de febrero de 2026" the date of the final decision. Only a question's strong phrases
/// count from elsewhere (<c>anywhere:</c> in <c>dialogs/understanding</c>, and its places), never a denied mention, and
/// never over an answer the person gave to the question itself.
/// </summary>
internal sealed class InterviewFacts(Understanding understanding, UnderstandingWords storyWords, TimeProvider time, CountryHints places, CountryCatalog countries)
{
    /// <summary>The questions an answer to another question may answer, in the order they are filled.</summary>
    private static readonly string[] FromAnywhere = ["situations", "at_risk", "gender", "profile", "perpetrator", "relocation", "urgency", "remedies", "started"];

    /// <summary>
    /// Options a story names by the way without putting its strong phrase in doubt (that phrase's option, when only it
    /// is spared): "the police took him, no one knows where" names no unknown perpetrator; "they beat my wife because she
    /// leads the women's group" names whose group it is, not a second answer to who is at risk.
    /// </summary>
    private static readonly (string Question, string? Strong, string ByTheWay)[] NoDoubt =
    [
        ("perpetrator", null, "unknown"),
        ("at_risk", "someone-else", "organisation"),
    ];

    /// <summary>Stores <paramref name="answer"/> as the answer to <paramref name="question"/>.</summary>
    public static InterviewState Apply(InterviewState state, string question, OptionAnswer answer)
    {
        var values = answer.PreferNot ? [] : answer.Values;
        var one = answer.PreferNot ? null : answer.Value;
        state = state.Answering(question);
        return question switch
        {
            // Asked "anything else?", "no" keeps what was noted: only a first answer of nothing at all is someone who wants to learn.
            "situations" => state with
            {
                Situations = [.. (state.SituationsOnlyNoted ? state.Situations : []).Union(values.Where(v => v != InterviewChoices.NoProfile))],
                LearningOnly = !state.SituationsOnlyNoted && values.Contains(InterviewChoices.NoProfile) && values.Count == 1,
                SituationsOnlyNoted = false,
            },
            "at_risk" => state with { AtRisk = one },
            "gender" => state with { Gender = one },
            "profile" => state with
            {
                Profiles = [.. (state.ProfileOnlyNoted ? state.Profiles : []).Union(values.Where(v => v != InterviewChoices.NoProfile))],
                ProfileOnlyNoted = false,
            },
            "urgency" => state with { Urgency = one },
            "perpetrator" => state with { Perpetrator = one },
            "relocation" => state with { Relocation = one },
            "publicity" => state with { Publicity = one },
            "remedies" => state with { DomesticRemedies = one },
            "started" => state with { Started = one },
            _ => state,
        };
    }

    /// <summary>What <paramref name="text"/>, an answer to <paramref name="answered"/>, also says about questions not answered yet.</summary>
    public InterviewState Absorb(InterviewState state, string? text, string language, string? answered)
    {
        if (string.IsNullOrWhiteSpace(text))
            return state;
        var utterance = understanding.Parse(text, language);
        if (!state.DangerTold && answered != "danger")
        {
            var danger = understanding.ReadAnywhere("danger", utterance);
            if (danger.Options is ["yes"] && danger.Denied.Count == 0 && !danger.Unsure)
                state = state with { DangerTold = true };
        }
        state = DecisionDate(state, utterance, text, language, answered);
        state = Release(state, utterance);
        var atRiskKnown = state.Knows("at_risk");
        // "exiliado en Costa Rica desde el 2022 y ahora acosan a mi mamá": a date in a story of a move may be the move's,
        // not when the trouble started, which is then asked.
        var countriesTold = countries.Match(text);
        var toldMove = countriesTold.NowIn is not null || CountryCatalog.TellsWhereTheyLive(text)
            || understanding.ReadAnywhere("relocation", utterance).Options.Contains("already-left");
        foreach (var question in FromAnywhere)
        {
            if (question == answered || state.Knows(question) || (question == "started" && toldMove))
                continue;
            var named = OptionsNamed(question, understanding.ReadAnywhere(question, utterance), utterance.Words);
            if (named.Count == 0)
                continue;
            var several = question is "situations" or "profile";
            // "militia killed my friend and they send me threats": the friend is named strongly, but the story speaks of
            // its teller too. One answer among two is asked, not taken.
            // A start said in so many words ("todo empezó en 2019") is not put in doubt by the dates of what came after it.
            var said = OptionsNamed(question, understanding.Read(utterance, question, anywhere: false), utterance.Words, weakToo: true)
                .Where(option => !NoDoubt.Any(d => d.Question == question && d.ByTheWay == option && (d.Strong is null || named is [var strong] && strong == d.Strong)))
                .ToList();
            // "es a mi compañera de la organización": the question's own reading knows the organisation only says whose
            // colleague she is. Of the options the story names, the one that reading names alone is the one meant.
            if (!several && named.Count > 1 && said is [var meant] && named.Contains(meant))
                named = [meant];
            if (!several && (named.Count > 1 || (question != "started" && said.Count > 1)))
                continue;
            state = Apply(state, question, new OptionAnswer(named, PreferNot: false));
            // Who someone is and what is happening come in several parts, and a story names one in passing: the rest is
            // still asked.
            if (question == "profile")
                state = state with { ProfileOnlyNoted = true };
            if (question == "situations" && !state.LearningOnly)
                state = state with { SituationsOnlyNoted = true };
        }
        state = GenderByPronoun(state, utterance, answered, toldHere: !atRiskKnown && state.AtRisk == "someone-else");
        // "Venezuela, but I live in Colombia now", "estoy en argentina exiliado, soy venezolano": the person has already left
        // the country where it happens. Away from the country question, that country is noted only when said as a
        // nationality: a country only said to be left ("salí de Nicaragua") may not be where it happens now.
        var moved = countriesTold is { Country: { } home, NowIn: not null } ? home : null;
        // Asked whether they may need to leave, a country the person says they left is the one they fled: "I left Uganda in
        // August, now in Nairobi" happens in Uganda, not where they are now.
        var fled = answered == "relocation" ? countries.Left(text)?.Code : null;
        if (answered != "country" && state.Country is null && !state.Knows("country")
            && ((moved is not null && moved == countries.Nationality(text) ? moved.Code : null) ?? fled ?? CountryTold(utterance, text, countriesTold)) is { } country)
            state = state.Answering("country") with { Country = country };
        if (moved is not null && answered != "relocation" && !state.Knows("relocation"))
            state = Apply(state, "relocation", new OptionAnswer(["already-left"], PreferNot: false));
        return state;
    }

    /// <summary>What the description, the last thing told, says of a detention (<see cref="Release(InterviewState, Utterance)"/>).</summary>
    public InterviewState Release(InterviewState state, string? text, string language) =>
        string.IsNullOrWhiteSpace(text) ? state : Release(state, understanding.Parse(text, language));

    /// <summary>
    /// A detention told as over ("me soltaron anoche", "relâché sous caution", "out on bail") or as lasting ("sigue
    /// preso"): the last said counts, so one telling both ("they released my brother, my husband is still held") is held,
    /// and a remand told before the release ("estuve dos semanas en prisión preventiva, ya salí") is over.
    /// A denied release ("they have not released him") says nothing.
    /// </summary>
    private InterviewState Release(InterviewState state, Utterance utterance)
    {
        var told = understanding.ReadAnywhere("detention", utterance).Affirmed;
        int Last(string option) => told.Where(m => m.Option == option).Select(m => m.Position).DefaultIfEmpty(-1).Max();
        var (held, released) = (Last("held"), Last("released"));
        return held >= 0 && held >= released ? state with { Released = false }
            : released >= 0 ? state with { Released = true }
            : state;
    }

    /// <summary>Pronouns that tell the gender of the one they stand for ("she can't use her phone", "je remplis pour lui").</summary>
    private static readonly Dictionary<string, string[]> Pronouns = new(StringComparer.Ordinal)
    {
        // Not the Spanish "él" (the article "el" once normalised), nor the French "il" ("il y a") or a plural.
        ["woman"] = ["she", "her", "hers", "herself", "ella", "elle"],
        ["man"] = ["he", "him", "his", "himself", "lui"],
    };

    /// <summary>
    /// Asked who is at risk, someone else named and then told of as "she" or "him" ("a journalist I work with, he's in
    /// hiding"): the pronoun tells that person's gender, when all of them tell the same. So it does in a story that
    /// names someone else at risk (<paramref name="toldHere"/>): "they tortured my cousin in prison, he told us after
    /// release", but not the possessive of those who did it ("the commander and his men").
    /// </summary>
    private InterviewState GenderByPronoun(InterviewState state, Utterance utterance, string? answered, bool toldHere)
    {
        if (state.Knows("gender"))
            return state;
        if (!toldHere && (answered != "at_risk" || understanding.Read(utterance, "at_risk", anywhere: false).Options is not ["someone-else"]))
            return state;
        var words = utterance.Words;
        var told = Pronouns.Where(p => Enumerable.Range(0, words.Count).Any(i => p.Value.Contains(words[i])
            && !(toldHere && i + 1 < words.Count && storyWords.Followers.Contains(words[i + 1])))).Select(p => p.Key).ToList();
        return told is [var gender] ? Apply(state, "gender", new OptionAnswer([gender], PreferNot: false)) : state;
    }

    /// <summary>
    /// The options a reading names for <paramref name="question"/>, leaving out mentions that name no one for it: "estoy
    /// donde mi tía" (the aunt who shelters the speaker is neither the one at risk nor tells their gender), "in our
    /// village" (where it happened, not a community at risk), "i reported it to the police" (where a thing was reported is
    /// not who did it). Among the question's own words (<paramref name="weakToo"/>), a bare "we", "us" or "todos" is the
    /// teller speaking for those around them, which puts no one named in doubt: "they beat my father and told us to leave";
    /// a relative's house named there still does ("le dispararon a la casa de un compañero").
    /// </summary>
    private List<string> OptionsNamed(string question, Reading reading, IReadOnlyList<string> words, bool weakToo = false)
    {
        if (question is "at_risk" or "gender")
            reading = reading with { Affirmed = [.. reading.Affirmed.Where(m => !DoesItToTheTeller(words, m.Position) && !WasKilled(words, m.Position))] };
        var mentions = question switch
        {
            "at_risk" => reading.Affirmed.Where(m => (weakToo || !LanguageRules.NamesAShelter(words, m.Position))
                && !(m.Option == "organisation" && (LanguageRules.NamesWhereItHappened(words, m.Position)
                    || (weakToo && m.Position < words.Count && LanguageRules.IsCollectivePronoun(words[m.Position]))))),
            "gender" => reading.Affirmed.Where(m => weakToo ? !Several.Contains(words[m.Position]) : !LanguageRules.NamesAShelter(words, m.Position)),
            "perpetrator" => reading.Affirmed.Where(m => !LanguageRules.NamesWhereReported(words, m.Position)),
            _ => reading.Affirmed,
        };
        // "es a mi compañera de la organización", "un ami du syndicat": a group that only says whose colleague or friend
        // someone is names no one beside them, as at the question itself.
        var kept = mentions.ToList();
        if (question is not ("situations" or "profile") && kept.Any(m => !m.Qualifies))
            kept.RemoveAll(m => m.Qualifies);
        return [.. kept.OrderBy(m => m.Position).Select(m => m.Option ?? "").Where(o => o.Length > 0).Distinct()];
    }

    /// <summary>
    /// Men or women told of in the plural, among the gender question's own words: "embarquée par des hommes en civil" says
    /// who took her, not that she is a man.
    /// </summary>
    private static readonly HashSet<string> Several = new(StringComparer.Ordinal) { "men", "women", "hombres", "mujeres", "hommes", "femmes" };

    /// <summary>"my", "mi", "mon", "ma": a relative named as the teller's.</summary>
    private static readonly HashSet<string> Mine = new(StringComparer.Ordinal) { "my", "mi", "mis", "mon", "ma", "mes" };

    /// <summary>Words that join the teller to a relative, not a thing done to the teller: "my husband and me".</summary>
    private static readonly HashSet<string> AndWords = new(StringComparer.Ordinal) { "and", "or", "y", "o", "et", "ou" };

    /// <summary>"un homme", "a man", "una mujer": someone not named, who is not the teller unless the teller says so ("soy una mujer").</summary>
    private static readonly HashSet<string> Someone = new(StringComparer.Ordinal) { "a", "an", "un", "une", "una" };

    /// <summary>Words that say the teller is what follows: "je suis une femme", "soy una mujer", "i am a man".</summary>
    private static readonly HashSet<string> Being = new(StringComparer.Ordinal) { "am", "m", "soy", "suis", "sui", "es", "est", "is" };

    /// <summary>
    /// "my father beat me", "mon oncle m'a frappée", "mi tío me pegó": a relative doing something to the teller is who did
    /// it, neither the one at risk nor the one whose gender is asked. So is someone not named ("un homme m'a agressée",
    /// "a man attacked me"), unless the teller says they are that person ("soy una mujer, me golpearon").
    /// </summary>
    private static bool DoesItToTheTeller(IReadOnlyList<string> words, int position)
    {
        bool Opens(int at) => Mine.Contains(words[at]) || (Someone.Contains(words[at]) && (at == 0 || !Being.Contains(words[at - 1])));
        // The mention may start at the possessive or at the relative after it ("oncle" in "mon oncle").
        var start = Opens(position) ? position : position > 0 && Opens(position - 1) ? position - 1 : -1;
        var after = start + 2;
        return start >= 0 && after < words.Count
            && (words[after] is "me" or "m" || (after + 1 < words.Count && !AndWords.Contains(words[after]) && words[after + 1] == "me"))
            && !words.Skip(after).Take(3).Any(Telling.Contains);
    }

    /// <summary>
    /// "they killed my friend", "mataron a mi compañero", "ils ont tué mon collègue": the one killed is no longer the one at
    /// risk, and who is at risk now is asked.
    /// </summary>
    private bool WasKilled(IReadOnlyList<string> words, int position)
    {
        var start = position > 0 && Mine.Contains(words[position - 1]) ? position - 1 : position;
        return Enumerable.Range(1, 2).Any(back => start - back >= 0 && storyWords.Killing.Contains(words[start - back]));
    }

    /// <summary>Saying something to the teller is no thing done to them: "my brother told me they arrested him".</summary>
    private static readonly HashSet<string> Telling = new(StringComparer.Ordinal)
    {
        "told", "tells", "called", "calls", "said", "says", "asked", "wrote", "informed", "warned", "texted",
        "dijo", "dice", "llamo", "llama", "aviso", "avisa", "conto", "cuenta", "escribio", "escribe", "pidio",
        "dit", "appele", "appelle", "previent", "prevenu", "ecrit", "demande", "raconte",
    };

    /// <summary>
    /// The country a story tells in passing: a place, group or law of one country ("in Lagos", "les Imbonerakure"), or a
    /// country named as where it happens ("in Sri Lanka"). Two countries told that way tell none.
    /// </summary>
    /// <param name="told">The countries the story names, read once per answer by the caller.</param>
    private string? CountryTold(Utterance utterance, string text, CountryMatch told)
    {
        var left = countries.Left(text)?.Code;
        // "je suis à Dakar mnt mais tout ça se passe en Guinée": read as the country question reads it, where it happens
        // and not where the teller is now.
        if (left is null && told is { Country: { } where, NowIn: { } now } && where.Code != now.Code)
            return where.Code;
        var place = places.Of(utterance, understanding.KnownWords);
        // "a journalist from Uganda, now in Nairobi": the case may be in the country left or where the person is now,
        // so neither is noted and the country is asked.
        if (place is not null && left is not null && left != place)
            return null;
        var named = countries.NamedAsWhere(text)?.Code;
        return place is null ? named : named is null || named == place ? place : null;
    }

    /// <summary>
    /// "l'arrêt est devenu définitif le 5 mai 2026": the answer that says the remedies are exhausted may give the date of
    /// the final decision too, which is then not asked.
    /// </summary>
    private InterviewState DecisionDate(InterviewState state, Utterance utterance, string text, string language, string? answered)
    {
        if (answered != "remedies" || state.Knows("decision_date"))
            return state;
        if (state.DomesticRemedies != "exhausted" && !understanding.Read(utterance, "remedies", anywhere: false).Options.Contains("exhausted"))
            return state;
        return DecisionDates.Read(text, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), language) is { } date
            ? state.Answering("decision_date") with { FinalDecisionDate = date }
            : state;
    }
}
