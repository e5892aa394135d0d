namespace BotProtocol.Recognizers;

/// <summary>
/// How Spanish, French and English mark no, yes, doubt and the end of what a "no" covers, as plain tables of normalised
/// words (locale data, like <see cref="NumberWords"/>): their grammar, which stays here, while the words readers extend
/// (shorthand, courtesy, fillers, colleagues, crowds) come from the app (<see cref="Lexicon"/>). The three languages are
/// read together: people mix them, and no word here means one thing in one of them and another in the next.
/// </summary>
public static class LanguageRules
{
    /// <summary>Words that deny what follows them in their clause: "no me amenazaron", "je n'ai pas de menaces", "not now".</summary>
    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "no", "ni", "nunca", "jamas", "tampoco", "sin", "ningun", "ninguna", "ninguno", "ningunos", "ningunas", "nadie", "nada",
        "ne", "n", "pas", "jamais", "aucun", "aucune", "sans", "rien", "non",
        "not", "never", "nor", "neither", "without", "none", "nobody", "nothing", "cannot", "nope", "nah", "nel", "nop", "nan", "noo", "nono", "nonon",
    };

    /// <summary>English contractions split by normalisation ("don't" → "don t"): the "t" denies only after these.</summary>
    private static readonly HashSet<string> ContractedVerbs = new(StringComparer.Ordinal)
    {
        "don", "didn", "doesn", "isn", "wasn", "aren", "weren", "haven", "hasn", "hadn", "can", "couldn", "wouldn", "won",
        "shouldn", "ain", "mustn",
    };

    /// <summary>
    /// Negators that stand alone: French "non" and "nope" answer, they do not deny what follows ("non je suis en sécurité",
    /// "non pas maintenant").
    /// </summary>
    private static readonly HashSet<string> StandAlone = new(StringComparer.Ordinal) { "non", "nope", "nah", "nel", "nop", "nan", "noo", "nono", "nonon" };

    /// <summary>
    /// A subject starts a new statement, out of reach of the "no" before it: "no at the moment I'm safe", "can't talk
    /// they are here", typed without a comma. Verbs are not subjects: "no estoy en peligro" denies the danger.
    /// </summary>
    private static readonly HashSet<string> Subjects = new(StringComparer.Ordinal)
    {
        "yo", "i", "im", "we", "je", "j", "nous", "they", "ils", "elles", "ellos",
        // "no no am ok for now": "I am" said without its "I", as in West African and South Asian English.
        "am",
        // "c pas moi c ma voisine", "not me it s my neighbour": a second "it is" names someone else.
        "c", "it",
    };

    /// <summary>Stressed pronouns, which a "no" may deny alone: "pas moi", "yo no", "not me".</summary>
    private static readonly HashSet<string> Persons = new(StringComparer.Ordinal)
    {
        "yo", "mi", "el", "ella", "nosotros", "moi", "toi", "lui", "elle", "nous", "eux", "me", "him", "her", "us", "them",
    };

    /// <summary>Words that open a relative clause: "qu'on menace", "a quien amenazan", "who they threaten".</summary>
    private static readonly HashSet<string> Relatives = new(StringComparer.Ordinal)
    {
        "que", "qu", "qui", "quien", "quienes", "who", "whom", "that",
    };

    /// <summary>
    /// Auxiliaries and copulas, which say nothing of their own after a "no": "detenido no he estado", "preso nunca
    /// estuve", "arrêté jamais été" deny what was said first.
    /// </summary>
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "he", "has", "ha", "hemos", "han", "estado", "sido", "estuve", "estuvo", "fui", "fue", "soy", "estoy", "lo", "la", "me",
        "ai", "a", "avons", "ont", "ete", "suis", "etais", "fus", "j", "je", "il", "elle", "on",
        // "violencia física no ha habido todavía": said first, then denied with "there has been".
        "habido", "hubo", "todavia", "aun",
        "have", "been", "was", "were", "am", "i", "ve", "ever", "yet", "t",
    };

    /// <summary>Words that end what a "no" covers: "yo no pero mi hermano sí", "pas moi mais mon frère", "not me, because…".</summary>
    private static readonly HashSet<string> ScopeBreakers = new(StringComparer.Ordinal)
    {
        "pero", "sino", "aunque", "porque", "y", "e", "solo", "mas", "entonces", "ahora", "pues",
        "mais", "sauf", "car", "pourtant", "cependant", "puisque", "et", "alors", "seulement",
        "but", "though", "although", "because", "however", "except", "and", "so", "yet", "only",
    };

    /// <summary>
    /// Phrases read before negation, whose words are then taken: doubt ("no sé", "peut-être", "not sure"), and words that
    /// look like a "no" but deny nothing ("no solo", "pas mal de", "sin embargo").
    /// </summary>
    private static readonly string[] UnsurePhrases =
    [
        "no se", "no lo se", "no sabria", "no sabemos", "no estoy seguro", "no estoy segura", "tal vez", "quizas", "quiza",
        "a lo mejor", "puede ser", "ni idea", "capaz",
        "je ne sais pas", "je sais pas", "sais pas", "je ne sais", "peut etre", "pas sur", "pas sure", "aucune idee", "=bof",
        "je ne suis pas sur", "je ne suis pas sure",
        "maybe", "perhaps", "not sure", "i m not sure", "i am not sure", "don t know", "do not know", "no idea",
        "might", "kind of", "sort of",
        // A question about the question, or not understanding it, is no answer yet.
        "what do you mean", "what does it mean", "what happens if", "what is", "i don t understand", "don t understand",
        "que significa", "que quiere decir", "que pasa si", "no entiendo", "no entendi",
        "c est quoi", "qu est ce que", "ca veut dire quoi", "je comprends pas", "je ne comprends pas", "comprends pas",
        "who will see", "who will read", "who can see", "qui va lire", "qui va voir", "qui peut voir", "quien va a ver",
        "quien va a leer", "quien puede ver",
        // A condition is not yet a yes or a no: "only if my name is not shown".
        "only if", "only without", "solo si", "solo sin", "seulement si", "seulement sans",
        // Asked to be asked again, or to think first: no answer yet, and no refusal ("ask me later", "déjame pensarlo").
        "ask me later", "ask me again later", "ask me again", "=let me think", "=let me think about it", "=i need to think", "tell you later", "i ll tell you later",
        "preguntame despues", "preguntame luego", "preguntame mas tarde", "dejame pensar", "dejame pensarlo", "te digo despues",
        "te digo luego", "demandez moi plus tard", "redemandez moi", "redemande moi", "demande moi plus tard",
        "redemandez moi plus tard", "redemande moi plus tard", "reposez moi la question", "repose moi la question", "laissez moi reflechir", "laisse moi reflechir", "je vous dirai", "je te dirai",
        // Not knowing yet is no answer: "j'en sais rien encore, faut voir", "ya veremos", "we'll see".
        "sais rien", "faut voir", "on verra", "ya veremos", "hay que ver", "habra que ver", "we ll see", "will see", "not sure yet",
    ];

    /// <summary>
    /// Whether <paramref name="phrase"/> tells a life in danger in general ("siempre estoy en peligro"): doubt about now,
    /// which a "but" after it settles ("…pero hoy no ha pasado nada" is a no).
    /// </summary>
    internal static bool IsGeneralDoubt(string phrase, Lexicon lexicon) => lexicon.GeneralDoubts.Contains(phrase, StringComparer.Ordinal);

    private static readonly string[] NotDenyingPhrases =
    [
        "no solo", "no solamente", "sin embargo", "no mas que", "non seulement", "pas seulement", "pas mal", "not only",
        "no matter",
        // "même si", "aun si": an "if", not a yes.
        "meme si", "aun si", "aunque si", "bien que", "even if", "even though",
    ];

    /// <summary>
    /// Words that put what follows them in doubt without denying it: "más o menos urgente", "not so urgent", "pas très
    /// urgent". The option right after one is neither chosen nor denied.
    /// </summary>
    private static readonly string[] HedgePhrases =
    [
        "mas o menos", "no tan", "no muy", "medio medio",
        "plus ou moins", "pas si", "pas tres", "pas trop", "pas tellement",
        "more or less", "not so", "not very", "not too", "somewhat",
    ];

    /// <summary>Words that open something said in passing: "sí, aunque también entiendo inglés".</summary>
    private static readonly HashSet<string> Concessive = new(StringComparer.Ordinal) { "aunque", "though", "although" };

    /// <summary>The second word of a two-word concessive, by its first: "même si", "bien que", "even if", "aun cuando".</summary>
    private static readonly Dictionary<string, string[]> ConcessivePairs = new(StringComparer.Ordinal)
    {
        ["si"] = ["meme", "aun"], ["que"] = ["bien"], ["if"] = ["even"], ["cuando"] = ["aun"],
    };

    /// <summary>Words that correct what came before: "soy hombre pero la amenazada es mi esposa".</summary>
    private static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal) { "pero", "sino", "mais", "but", "however" };

    /// <summary>
    /// The speaker, as a "no" restricts itself to them: "yo no", "moi non", "pas moi", "not me", "a mí no". Followed by a
    /// "but", such a no answers for the speaker only, and what comes after it tells about the others.
    /// </summary>
    private static readonly HashSet<string> Self = new(StringComparer.Ordinal) { "yo", "mi", "moi", "me", "myself" };

    /// <summary>
    /// Words that put the answer off rather than give it: "ahorita no puedo hablar, más tarde", "can't talk now, later".
    /// </summary>
    private static readonly string[] DeferralPhrases =
    [
        // Not "después", "luego", "après": in a story they mean "then".
        "mas tarde", "mas rato", "al rato", "otro dia", "otro momento", "mas adelante",
        "plus tard", "tout a l heure", "un autre jour", "un autre moment",
        "later", "another time", "another day", "some other time",
        // Once out of reach: "not now, maybe when I'm out of the country", "cuando esté fuera", "une fois parti".
        "when i m out", "when i am out", "once i m out", "once i am out", "when i leave", "once i leave", "when i m safe",
        "when i am safe", "once i m safe", "once i am safe", "cuando salga", "cuando este fuera", "cuando este a salvo",
        // Once a step is over: "peut-être après le procès", "después del juicio", "after the hearing".
        "apres le proces", "apres l audience", "apres le jugement", "apres les elections", "despues del juicio", "despues de la audiencia",
        "despues de la sentencia", "despues de las elecciones", "after the trial", "after the hearing", "after the verdict", "after the elections",
        "cuando me vaya", "una vez fuera", "quand je serai parti", "quand je serai partie", "quand je serai dehors",
        "quand je serai en securite", "une fois sorti", "une fois sortie", "une fois parti", "une fois partie", "une fois en securite",
    ];

    /// <summary>
    /// Words that say when, not what: a "no" that reaches only these ("not now", "pas encore", "no por ahora") puts the
    /// answer off rather than denying something.
    /// </summary>
    private static readonly HashSet<string> Moments = new(StringComparer.Ordinal)
    {
        "ahora", "ahorita", "hoy", "todavia", "aun", "ya", "momento", "este", "por", "el", "rato", "en", "esta", "hora",
        "maintenant", "aujourd", "hui", "encore", "tout", "de", "suite", "ce", "moment", "pour", "l", "instant", "le", "cette", "heure",
        "now", "today", "yet", "right", "for", "the", "this", "time", "tonight", "week", "at",
    };

    /// <summary>Words that add rather than correct, after a "but": "pas moi mais aussi mon frère".</summary>
    private static readonly HashSet<string> Additions = new(StringComparer.Ordinal)
    {
        "tambien", "ademas", "aussi", "egalement", "also", "too", "well",
    };

    /// <summary>Words that join two denied things without a new statement: "not threatened or beaten", "ni amenazas ni golpes".</summary>
    private static readonly HashSet<string> Joiners = new(StringComparer.Ordinal) { "o", "u", "ou", "or", "nor", "ni", "neither", "either" };

    /// <summary>What ends a French "ne" that is no negation: "je ne parle que français" is "only French".</summary>
    private static readonly HashSet<string> FrenchNegationEnds = new(StringComparer.Ordinal)
    {
        "pas", "jamais", "rien", "plus", "personne", "aucun", "aucune", "point", "guere", "nul", "nulle", "ni",
    };

    /// <summary>
    /// Words that make the person named next the one who shelters the speaker, not the one in danger: "estoy donde mi
    /// tía", "je suis chez mon oncle", "staying with my sister". Two-word entries are read as the two words before.
    /// </summary>
    private static readonly string[] ShelterPhrases =
    [
        "donde", "casa de", "estoy con", "estamos con", "quedo con", "quedando con", "escondido con", "escondida con",
        "chez", "suis avec", "reste avec", "sommes avec", "loge", "heberge", "hebergee",
        "staying with", "stay with", "staying at", "im with", "am with", "m with", "hiding at", "hiding with", "living with", "house of",
        // "i am in my uncle house", "we are at my cousin s": where the teller is, not someone else at risk.
        "am in", "m in", "im in", "are in", "am at", "m at", "im at", "are at", "staying in", "sleeping at", "hiding in",
    ];

    /// <summary>Yes on its own, in any of the three languages.</summary>
    private static readonly string[] YesPhrases =
    [
        "si", "sip", "claro", "claro que si", "vale", "dale", "ok", "okey", "okay", "correcto", "exacto", "afirmativo",
        "por supuesto", "de acuerdo", "esta bien", "asi es", "cierto", "simon", "obvio", "acepto", "si acepto", "sale",
        // Short words that say yes only as the whole message: "de una amiga", "va a venir", "bon, je…" are not yes.
        "=bueno", "=va", "=de una", "ya pues", "orale", "sii", "=sisi", "no hay problema", "sin problema", "obvio que si",
        "oui", "ouais", "ouai", "d accord", "dac", "bien sur", "exactement", "absolument", "tout a fait", "volontiers",
        "entendu", "evidemment", "ca marche", "carrement", "j accepte", "affirmatif",
        "c est bien comme ca", "comme ca c est bien", "asi esta bien", "that s fine", "it s fine", "=bon", "vas y", "allez y", "=ouep", "=wep",
        "pas de probleme", "pas de soucis", "=c est bon", "=wi", "wi tanpri", "=tanpri", "wi souple", "wi silvouple", "wi mesi", "=wi wi", "=wi wi wi",
        "yes", "yeah", "yep", "yup", "sure", "of course", "absolutely", "certainly", "definitely", "indeed", "correct",
        "alright", "all right", "sounds good", "agree", "i agree", "aye",
        "=fine", "=sawa", "obviously", "=okk", "=oki", "no problem", "no wahala", "do the needful", "=opo", "=oo", "go ahead",
        // Filipino "sige" (go on), "oo po", "opo" with its courtesy.
        "sige", "sige po", "oo po", "opo po", "ayos lang",
        // A yes given in a hedge is still a yes: "i guess so", "supongo que sí", "je suppose que oui", "probably yes".
        "i guess so", "guess so", "=i guess", "yes i guess", "yeah i guess", "ok i guess", "i suppose so", "suppose so", "=i suppose",
        "i think so", "i believe so", "probably yes", "yes probably", "=supongo", "supongo que si", "pues supongo", "probablemente si",
        "je suppose que oui", "=je suppose", "je crois bien", "probablement oui",
        // "Why not" agrees, though it carries a negator: "oui pourquoi pas", "sure why not", "¿por qué no?".
        "pourquoi pas", "why not", "=por que no", "si por que no", "claro por que no",
        // Yes as it is said around the regions: Wolof "waaw" and "dakor" (d'accord) in Senegal, Haitian "dakò", Hindi and
        // Urdu "haan ji", "theek hai" in South Asian English, Swahili "ndiyo", Zulu "yebo", Rioplatense "joya".
        // "agreed", "yea", "okis", "ándale", "dak" (d'accord), "perfecto": yes as it is typed.
        "agreed", "=yea", "yea sure", "=okis", "=oki doki", "=okidoki", "andale", "andale pues", "=dak", "=perfecto", "esta perfecto",
        "perfecto asi", "=parfait", "c est parfait", "=perfect", "that s perfect",
        "waaw", "=waw", "dakor", "dakord", "dako", "=haan", "haan ji", "ji haan", "theek hai", "thik hai", "ndiyo", "=ndio", "yebo",
        "=joya", "ta bien", "ta bueno", "=aja", "=sipi", "=ouaip", "c est correct", "d acc",
        // Guaraní "he'ẽ" in Paraguay, Quechua "arí" in the Andes, Malagasy "eny", Darija "wakha" and "iyeh" in the Maghreb,
        // Afrikaans "ja" in Southern Africa, and "yh", "yeh" typed for "yeah".
        "=he e", "=hee", "he e si", "=ari", "=eny", "=eny eny", "wakha", "=wakha wakha", "=iyeh", "=ja", "ja please", "ja sure", "ja ok",
        "=yh", "=yeh", "yh sure", "yh ok", "yh please", "yeh sure",
        // A wish for what is offered is a yes: "me gustaría", "je veux bien", "I'd like that". Bare, or about "that", so
        // "me gustaría cambiar de idioma" still names what is wished.
        "=me gustaria", "me gustaria mucho", "si me gustaria", "me gustaria eso", "=me encantaria", "me encantaria mucho",
        "=quisiera", "seria bueno", "seria genial",
        // The wish said with a filler around it: "me encantaría la verdad", "la verdad me gustaría", "sí, me encantaría".
        "me encantaria la verdad", "la verdad me encantaria", "si me encantaria", "claro me encantaria", "me encantaria gracias",
        "me gustaria la verdad", "la verdad me gustaria", "me gustaria gracias", "=me encantaria si", "=me gustaria si",
        "j aimerais beaucoup", "oui j aimerais", "=j adorerais", "oui j adorerais", "j adorerais ca", "ca me plairait", "franchement j aimerais bien",
        "=i d love to", "=i would love to", "=would love to", "=love to", "yes i d love to", "yes i would love to",
        "that would be lovely",
        "je veux bien", "ca me ferait plaisir", "ca me ferait du bien", "=j aimerais", "j aimerais bien", "avec plaisir", "=je voudrais",
        "ce serait bien", "ca serait bien",
        "i would like that", "i d like that", "i would like it", "i d like it", "=i would like", "=i d like", "i would love that",
        "i would love it", "i d love that", "i d love it", "that would be nice", "that would be great", "that would help",
    ];

    /// <summary>No on its own; bare negators ("no", "non", "jamais") count as no too when they deny nothing after them.</summary>
    private static readonly string[] NoPhrases =
    [
        "para nada", "de ninguna manera", "en absoluto", "negativo", "negatif", "pantoute", "ni hablar", "claro que no", "por supuesto que no",
        "pas du tout", "pas vraiment", "absolument pas", "certainement pas", "surtout pas", "bien sur que non",
        "not really", "no way", "not at all", "of course not", "absolutely not", "certainly not", "definitely not",
    ];

    public static IReadOnlyList<string> Unsure => UnsurePhrases;

    public static IReadOnlyList<string> NotDenying => NotDenyingPhrases;

    public static IReadOnlyList<string> Hedges => HedgePhrases;

    /// <summary>
    /// What a yes may be given on: "as long as", "tant que", "siempre y cuando"… (words in order; "ok as long as the police
    /// don't get it", "oui tant que la police ne le voit pas").
    /// </summary>
    private static readonly string[][] ConditionOpeners =
    [
        ["as", "long", "as"], ["so", "long", "as"], ["provided"], ["providing"], ["on", "condition"],
        ["tant", "que"], ["pourvu", "que"], ["a", "condition", "que"], ["du", "moment", "que"],
        ["siempre", "que"], ["siempre", "y", "cuando"], ["con", "tal", "que"], ["con", "tal", "de", "que"], ["a", "condicion", "de", "que"],
    ];

    /// <summary>
    /// Whether the word at <paramref name="position"/> follows, in its clause, what a yes is given on ("ok as long as the
    /// police don't get it"): a "no" there says the condition, not the answer.
    /// </summary>
    internal static bool IsInCondition(IReadOnlyList<string> words, IReadOnlyList<int> clauses, int position)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(clauses);
        for (var j = position - 1; j >= 0 && clauses[j] == clauses[position]; j--)
        {
            var end = j;
            if (Array.Exists(ConditionOpeners, opener => end + 1 >= opener.Length
                && opener.Select((word, k) => words[end - opener.Length + 1 + k] == word).All(same => same)))
                return true;
        }
        return false;
    }

    /// <summary>Whether the word at <paramref name="position"/> follows a concessive of its clause ("though I also…").</summary>
    public static bool IsAside(IReadOnlyList<string> words, IReadOnlyList<int> clauses, int position)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(clauses);
        for (var j = position - 1; j >= 0 && clauses[j] == clauses[position]; j--)
        {
            if (Concessive.Contains(words[j]) || (j > 0 && ConcessivePairs.TryGetValue(words[j], out var firsts) && firsts.Contains(words[j - 1])))
                return true;
            if (ScopeBreakers.Contains(words[j]))
                return false;
        }
        return false;
    }

    /// <summary>Whether the word at <paramref name="position"/> comes after a correcting "but", and no "also" adds it instead.</summary>
    public static bool FollowsBut(IReadOnlyList<string> words, int position)
    {
        ArgumentNullException.ThrowIfNull(words);
        for (var j = position - 1; j >= 0; j--)
        {
            if (Contrasts.Contains(words[j]))
                return !Enumerable.Range(j + 1, position - j - 1).Any(k => Additions.Contains(words[k]));
        }
        return false;
    }

    /// <summary>Words that set a clause in the past: "anoche", "la semana pasada", "hier", "la semaine dernière", "yesterday", "2 days ago".</summary>
    private static readonly HashSet<string> PastMoments = new(StringComparer.Ordinal)
    {
        "anoche", "ayer", "antier", "anteayer", "antenoche", "pasada", "pasado",
        "hier", "derniere", "dernier", "passee", "passe",
        "yesterday", "last", "ago",
    };

    /// <summary>Words that set a clause now, which no past word beside them undoes: "pero hoy", "mais ce soir", "but tonight".</summary>
    private static readonly HashSet<string> PresentMoments = new(StringComparer.Ordinal)
    {
        "hoy", "ahora", "ahorita", "manana", "aujourd", "maintenant", "demain", "today", "now", "tonight", "tomorrow",
    };

    /// <summary>
    /// Words that set a clause in another place than where the speaker is: "estoy en Bogotá, pero allá sí", "je suis à
    /// Kinshasa mais là-bas oui", "i'm in the city but back home yes". Two-word entries are read as two words in a row.
    /// </summary>
    private static readonly string[][] ElsewherePlaces =
    [
        ["alla"], ["alli"], ["aya"], ["labas"], ["la", "bas"], ["over", "there"], ["back", "there"], ["back", "home"],
        ["en", "mi", "pueblo"], ["en", "mi", "tierra"], ["au", "village"], ["chez", "nous"], ["in", "my", "village"],
    ];

    private static bool Says(List<string> clause, IReadOnlyList<string> words) =>
        Enumerable.Range(0, Math.Max(0, clause.Count - words.Count + 1)).Any(i => words.Select((w, k) => clause[i + k] == w).All(b => b));

    /// <summary>
    /// Whether the word at <paramref name="position"/> follows a correcting "but" whose clause is told of a past moment and
    /// of no present one, or of another place: "ahorita no, pero anoche estuvieron rondando la casa", "not now, but
    /// yesterday they came", "en este momento no, estoy en Bogotá, pero allá sí". It says why, not how things are here and now.
    /// </summary>
    internal static bool ToldOfThenOrThere(IReadOnlyList<string> words, int position, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (!FollowsBut(words, position))
            return false;
        var start = position - 1;
        while (!Contrasts.Contains(words[start]))
            start--;
        var end = start + 1;
        while (end < words.Count && !Contrasts.Contains(words[end]))
            end++;
        var clause = Enumerable.Range(start + 1, end - start - 1).Select(p => words[p]).ToList();
        return ((clause.Any(PastMoments.Contains) || lexicon.RecurringTimes.Any(time => Says(clause, time))) && !clause.Any(PresentMoments.Contains))
            || Array.Exists(ElsewherePlaces, place => Enumerable.Range(0, Math.Max(0, clause.Count - place.Length + 1)).Any(i => place.Select((w, k) => clause[i + k] == w).All(b => b)));
    }

    /// <summary>The small words that make what follows a complement of the noun before: "de", "du", "of", "from", "at".</summary>
    private static readonly HashSet<string> Of = new(StringComparer.Ordinal) { "de", "del", "du", "des", "d", "of", "from", "at" };

    /// <summary>The starts of words naming a role in a group: "dirigente", "líder", "présidente", "member", "head".</summary>
    private static readonly string[] Roles =
    [
        "dirigent", "lider", "presiden", "coordinad", "vocer", "representant", "miembr", "integrant", "secretari", "tesorer", "fundador",
        "chef", "membre", "responsabl", "delegu", "delegad", "tresori", "fondat", "porte",
        "leader", "head", "chair", "member", "coordinator", "spokes", "secretary", "treasurer", "founder",
        // "activista de la comunidad", "militant de l'association", "an activist of the union": whose activist.
        "activist", "militant",
    ];

    internal static bool IsOf(string word) => Of.Contains(word);

    /// <summary>Words saying whose: "sus", "their", "ses" before what belongs to someone named before.</summary>
    private static readonly HashSet<string> OthersPossessives = new(StringComparer.Ordinal)
    {
        "su", "sus", "sa", "ses", "leur", "leurs", "his", "her", "their", "its",
    };

    /// <summary>Whether the word before <paramref name="first"/> says whose ("sus guardaespaldas", "their guards").</summary>
    internal static bool IsPossessive(IReadOnlyList<string> words, int first) => first > 0 && OthersPossessives.Contains(words[first - 1]);

    /// <summary>The words of "please" and "thank you" in the three languages, "s'il vous plaît" and "por favor" word by word.</summary>
    private static readonly HashSet<string> Courtesy = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "plse", "thanks", "thank", "you", "thx", "ty",
        "por", "favor", "porfa", "porfavor", "porfis", "plis", "gracias",
        "svp", "stp", "merci", "s", "il", "vous", "te", "plait",
    };

    /// <summary>A word of courtesy, which may stand around a request said as the whole message.</summary>
    internal static bool IsCourtesy(string word) => Courtesy.Contains(word);

    /// <summary>
    /// The starts of words naming a relative or a friend: "hermano", "proche", "brother", "close". Not "son" ("son de la
    /// policía" are the police), which counts only in the English possessive ("the mayor's son").
    /// </summary>
    private static readonly string[] Kin =
    [
        "herman", "hijo", "hija", "sobrin", "primo", "prima", "parient", "familia", "amigo", "amiga", "cercan", "allegad", "yerno", "cunad", "espos",
        "frere", "fils", "neveu", "niece", "cousin", "famille", "amis", "amie", "proche", "gendre", "epoux", "epouse",
        "brother", "daughter", "nephew", "relative", "family", "friend", "close", "wife", "husband", "in-law",
    ];

    /// <summary>Words that join a relative to whose relative they are: "hermano del", "proche du", "close to the".</summary>
    private static readonly HashSet<string> Joining = new(StringComparer.Ordinal)
    {
        "de", "del", "du", "des", "d", "of", "to", "al", "a", "au", "aux", "the", "el", "la", "los", "las", "le", "les", "l",
    };

    /// <summary>Whether a relative or a friend is named just before <paramref name="first"/>: "el sobrino del alcalde".</summary>
    internal static bool FollowsKin(IReadOnlyList<string> words, int first) =>
        Enumerable.Range(Math.Max(0, first - 3), Math.Min(3, first)).Any(i => IsKin(words[i]));

    private static bool IsKin(string word) => word == "ami" || Array.Exists(Kin, kin => word.StartsWith(kin, StringComparison.Ordinal));

    /// <summary>
    /// Whether the words from <paramref name="first"/> to <paramref name="last"/> only say whose relative or friend someone
    /// is: after "hermano del", "proche du", "close to the", or before "'s brothers". "el hermano del alcalde" is the
    /// brother, not the mayor.
    /// </summary>
    internal static bool NamesWhoseRelative(IReadOnlyList<string> words, int first, int last)
    {
        // A phrase may start with its own small words ("el alcalde" read in "del alcalde"): the telling word counts.
        var telling = first;
        while (telling < last && Joining.Contains(words[telling]))
            telling++;
        var before = telling - 1;
        var joined = false;
        while (before >= 0 && telling - before <= 3 && Joining.Contains(words[before]))
        {
            joined |= !Articles.Contains(words[before]);
            before--;
        }
        // A bare "a" is the French "a" (has) once the accent of "à" is gone, or the Spanish "ha" typed without its h: "mon
        // fils a disparu", "mon frère a été tué", "mi hermano a desaparecido" tell what happened to the relative.
        if (telling - before == 2 && words[before + 1] == "a")
            joined = false;
        if (joined && before >= 0 && IsKin(words[before]))
            return true;
        // "the sarpanch's brothers": the possessive is typed "s" once normalised.
        return last + 2 < words.Count && words[last + 1] == "s" && (IsKin(words[last + 2]) || words[last + 2] is "son" or "sons");
    }

    /// <summary>Whether <paramref name="word"/> names a role in a group, whose group the words after it say.</summary>
    internal static bool IsRole(string word) => Array.Exists(Roles, role => word.StartsWith(role, StringComparison.Ordinal));

    /// <summary>
    /// The start of a verb of acting for someone, before "by"/"por"/"par": "thugs paid by the governor", "sicarios pagados
    /// por la empresa", "des voyous envoyés par le maire".
    /// </summary>
    private static readonly string[] ActingFor =
    [
        "hired", "sent", "paid", "backed", "contracted", "employed", "armed", "funded", "financed",
        "mandad", "enviad", "pagad", "contratad", "financiad", "armad", "respaldad",
        "envoye", "paye", "engage", "recrute", "arme", "finance", "commandite", "soutenu",
    ];

    /// <summary>Words of working for someone: "thugs working for the governor", "à la solde du maire", "al servicio del alcalde".</summary>
    private static readonly (string First, string Second)[] WorkingFor =
    [
        ("working", "for"), ("work", "for"), ("works", "for"), ("trabajan", "para"), ("trabaja", "para"), ("servicio", "de"),
        ("servicio", "del"), ("travaillent", "pour"), ("travaille", "pour"), ("solde", "de"), ("solde", "du"), ("service", "de"), ("service", "du"),
    ];

    /// <summary>
    /// Whether the words between <paramref name="doer"/> and <paramref name="behind"/> say that the first acts for the
    /// second, within a few words: "thugs paid by the governor" (the mayor is behind it), not "extremists and the police".
    /// </summary>
    internal static bool ActsFor(IReadOnlyList<string> words, int doer, int behind)
    {
        if (behind <= doer || behind - doer > 5)
            return false;
        for (var i = doer + 1; i < behind - 1; i++)
        {
            var next = words[i + 1];
            if (next is "by" or "por" or "par" && ActingFor.Any(verb => words[i].StartsWith(verb, StringComparison.Ordinal)))
                return true;
            if (WorkingFor.Contains((words[i], next)))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Whether two words are one word in its two genders: French "menacé" and "menacée", "militant" and "militantes",
    /// "blogueur" and "blogueuse"; Spanish "abogado" and "abogada" (plurals alike).
    /// </summary>
    internal static bool DiffersInGender(string first, string second)
    {
        var a = first.EndsWith('s') ? first[..^1] : first;
        var b = second.EndsWith('s') ? second[..^1] : second;
        if (a.Length > b.Length)
            (a, b) = (b, a);
        if (a.EndsWith("eur", StringComparison.Ordinal) && b.EndsWith("euse", StringComparison.Ordinal))
            return a.AsSpan(0, a.Length - 3).SequenceEqual(b.AsSpan(0, b.Length - 4));
        if (b.Length == a.Length + 1)
            return a.Length >= 3 && b[^1] == 'e' && b.StartsWith(a, StringComparison.Ordinal);
        return a.Length == b.Length && a.Length >= 3 && a[^1] != b[^1] && a[^1] is 'a' or 'o' && b[^1] is 'a' or 'o'
            && a.AsSpan(0, a.Length - 1).SequenceEqual(b.AsSpan(0, b.Length - 1));
    }

    /// <summary>Whether the word at <paramref name="index"/> only joins two things a negator denies together.</summary>
    public static bool Joins(IReadOnlyList<string> words, int index, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(words);
        return Joiners.Contains(words[index]) || Vocabulary.IsStopWord(words[index]) || IsNegator(words, index, lexicon);
    }

    public static IReadOnlyList<string> Yes => YesPhrases;

    public static IReadOnlyList<string> No => NoPhrases;

    public static IReadOnlyList<string> Deferrals => DeferralPhrases;

    /// <summary>
    /// "Both" opening an answer to a single choice ("las dos, necesito protección ya pero también justicia", "les deux je
    /// dirais…", "both really…"): the person chose no one option, whichever one the rest of the answer names.
    /// </summary>
    internal static IReadOnlyList<string> Both { get; } =
    [
        "both", "both of them", "both things", "a bit of both", "kind of both",
        "las dos", "los dos", "ambas", "ambos", "las dos cosas", "ambas cosas", "un poco de las dos", "un poco de ambas",
        "les deux", "tous les deux", "toutes les deux", "un peu des deux", "les 2", "las 2", "los 2",
    ];

    /// <summary>How far into the answer a "both" still opens it ("pues las dos", "well both").</summary>
    internal const int BothOpensWithin = 1;

    public static bool IsBreaker(string word) => ScopeBreakers.Contains(word);

    /// <summary>Words that say "at present", not "yet": "ahorita", "en ce moment", "right now".</summary>
    private static readonly HashSet<string> Presently = new(StringComparer.Ordinal)
    {
        "ahora", "ahorita", "hoy", "momento", "actualmente", "maintenant", "moment", "instant", "actuellement", "now", "today", "currently",
    };

    /// <summary>Words that open a statement about how the speaker is: "estoy bien", "ça va", "i'm ok".</summary>
    private static readonly HashSet<string> StatementOpeners = new(StringComparer.Ordinal)
    {
        "estoy", "estamos", "toy", "tamos", "ando", "andamos", "todo", "ca", "tout", "suis", "sommes", "everything", "all", "am",
    };

    /// <summary>
    /// Where a "no" answered before a moment ends: "no ahorita estoy bien", "non en ce moment ça va", "no right now all
    /// good" answer no, then tell how things are now; the "no" denies nothing after the moment. -1 when it is not that.
    /// </summary>
    internal static int EndOfNoThenNow(IReadOnlyList<string> words, int negator)
    {
        ArgumentNullException.ThrowIfNull(words);
        var j = negator + 1;
        var present = false;
        for (; j < words.Count && (Moments.Contains(words[j]) || Presently.Contains(words[j])); j++)
            present |= Presently.Contains(words[j]);
        return present && j < words.Count && (StatementOpeners.Contains(words[j]) || Subjects.Contains(words[j])) ? j : -1;
    }

    /// <summary>What may follow "así" to say the way things are is fine: "así está bien", "así ta bien", "así nomás", "así sigamos".</summary>
    private static readonly HashSet<string> FineAsItIs = new(StringComparer.Ordinal)
    {
        "esta", "ta", "estamos", "tamos", "es", "va", "nomas", "bien", "queda", "sirve", "sigamos", "seguimos", "continuemos", "sigue",
    };

    /// <summary>
    /// Where a "no" answered before "así" ends: "no no así ta bien sigamos", "no así está bien" answer no to a change, then
    /// say the way it is is fine; the "no" denies nothing after it. Denying that would put "así" after the negator's verb
    /// ("así no está bien"). -1 when it is not that.
    /// </summary>
    internal static int EndOfNoThenFine(IReadOnlyList<string> words, int negator)
    {
        ArgumentNullException.ThrowIfNull(words);
        var j = negator + 1;
        while (j < words.Count && words[j] is "no" or "nono")
            j++;
        return j + 1 < words.Count && words[j] == "asi" && FineAsItIs.Contains(words[j + 1]) ? j : -1;
    }

    /// <summary>Whether <paramref name="word"/> only says when ("now", "encore", "ahorita"), see <see cref="Moments"/>.</summary>
    internal static bool IsMoment(string word) => Moments.Contains(word);

    /// <summary>Whether <paramref name="word"/> opens a clause about someone else's doing: "prefiero que no…", "I'd rather you…".</summary>
    public static bool StartsAnotherSubject(string word) => word is "que" or "qu" or "you" or "they";

    /// <summary>Whether <paramref name="word"/> corrects what came before it: "pero", "mais", "but".</summary>
    public static bool IsContrast(string word) => Contrasts.Contains(word);

    /// <summary>Whether <paramref name="word"/> names the speaker as object or stressed subject ("yo", "moi", "me").</summary>
    public static bool IsSelf(string word) => Self.Contains(word);

    /// <summary>Whether <paramref name="word"/> opens a condition: "si no me voy", "if not".</summary>
    public static bool IsConditional(string word) => word is "si" or "if" or "unless";

    /// <summary>
    /// Whether the word at <paramref name="index"/> opens a relative clause after a person: in "c'est pas moi qu'on
    /// menace", "no soy yo a quien amenazan", "not me who they threaten", the "no" denies the person, not the threat.
    /// </summary>
    public static bool DeniesOnlyThePerson(IReadOnlyList<string> words, int index)
    {
        ArgumentNullException.ThrowIfNull(words);
        return index > 0 && Relatives.Contains(words[index]) && Persons.Contains(words[index - 1]);
    }

    /// <summary>Whether <paramref name="word"/> only carries the verb a "no" placed after a phrase denies ("no he estado").</summary>
    public static bool IsAuxiliary(string word) => Auxiliaries.Contains(word);

    /// <summary>
    /// The words at <paramref name="position"/> name someone the speaker is with or staying at, such as a relative who
    /// shelters them; a possessive before the name ("mi", "ma", "my") may stand between.
    /// </summary>
    public static bool NamesAShelter(IReadOnlyList<string> words, int position)
    {
        var end = position;
        if (end > 0 && Possessives.Contains(words[end - 1]))
            end--;
        foreach (var phrase in ShelterPhrases)
        {
            var parts = phrase.Split(' ');
            var start = end - parts.Length;
            if (start < 0)
                continue;
            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
                matches = words[start + i] == parts[i];
            if (matches)
                return true;
        }
        return false;
    }

    /// <summary>
    /// Whether the one named at <paramref name="position"/> is where something was reported, not who did it: "i reported
    /// it to the police", "reported it at the police station", "fui a denunciar ante la fiscalía", "j'ai porté plainte à
    /// la gendarmerie".
    /// </summary>
    public static bool NamesWhereReported(IReadOnlyList<string> words, int position)
    {
        ArgumentNullException.ThrowIfNull(words);
        // Told to or before them ("to the police", "ante la fiscalía", "à la gendarmerie"); "denunciar a los paras",
        // "dénoncer la compagnie" name who did it.
        var before = position - 1;
        if (before >= 0 && before < words.Count && Articles.Contains(words[before]))
            before--;
        if (before < 0 || before >= words.Count || !ReportTo.Contains(words[before]))
            return false;
        for (var i = Math.Max(0, before - 4); i < before; i++)
        {
            if (ReportWords.Contains(words[i]) || (words[before] == "ante" && Denouncing.Contains(words[i])))
                return true;
        }
        return false;
    }

    /// <summary>Words that deny an act: "no", "ne … pas", "not", "never", "didn't".</summary>
    private static readonly HashSet<string> ActDenials = new(StringComparer.Ordinal)
    {
        "no", "ni", "nunca", "jamas", "ne", "n", "pas", "jamais", "not", "never", "didn", "doesn", "don", "won", "wont", "dont", "didnt", "doesnt",
    };

    /// <summary>The starts of verbs of helping that those who stand by do not do: help, protect, look into it, step in.</summary>
    private static readonly string[] Helping =
    [
        "ayud", "proteg", "investig", "interv", "caso", "aide", "aident", "protege", "enquet", "bouge", "bougent",
        "help", "protect", "investigat", "interven",
    ];

    /// <summary>Verbs of doing that a "nothing" follows: "no hace nada", "ne font rien", "the police did nothing".</summary>
    private static readonly HashSet<string> Doing = new(StringComparer.Ordinal)
    {
        "hace", "hacen", "hizo", "hicieron", "hecho", "fait", "font", "faire", "do", "does", "did", "done", "doing",
    };

    private static readonly HashSet<string> Nothing = new(StringComparer.Ordinal) { "nada", "rien", "nothing", "anything" };

    /// <summary>
    /// Whether the one whose name ends at <paramref name="last"/> is said, in the same clause (<paramref name="clauses"/>) and
    /// before a "but" or another one <paramref name="named"/>, to stand by rather than act: "la empresa y sus guardias, y la
    /// policía no hace nada", "la police sait et ne fait rien", "the police did nothing". A bystander is no one behind it.
    /// </summary>
    internal static bool StandsBy(IReadOnlyList<string> words, IReadOnlyList<int> clauses, int last, IReadOnlySet<int> named)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(named);
        bool Within(int p) => p < Math.Min(words.Count, last + 7) && clauses[p] == clauses[last] && !Contrasts.Contains(words[p]) && !named.Contains(p);
        // A denial, then within a few words a verb of helping ("no nos protege") or of doing with its "nothing" ("no hace
        // nada"); or a doing with "nothing" alone ("did nothing"). "y no sabemos nada" is someone else not knowing.
        for (var i = last + 1; Within(i); i++)
        {
            if (Doing.Contains(words[i]) && Within(i + 1) && words[i + 1] is "nothing")
                return true;
            if (!ActDenials.Contains(words[i]))
                continue;
            for (var j = i + 1; j < i + 4 && Within(j); j++)
            {
                if (Array.Exists(Helping, w => words[j].StartsWith(w, StringComparison.Ordinal)))
                    return true;
                // "no hace nada", and the French "n'a rien fait", whose "rien" comes before the verb.
                if (Doing.Contains(words[j]) && Enumerable.Range(i + 1, j - i + 2).Any(k => k != j && Within(k) && Nothing.Contains(words[k])))
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether the group named at <paramref name="position"/> is where something happened, not who it happened to: "since
    /// the army operation in our village", "en la comunidad lo detuvieron", "dans notre quartier".
    /// </summary>
    public static bool NamesWhereItHappened(IReadOnlyList<string> words, int position)
    {
        ArgumentNullException.ThrowIfNull(words);
        var before = position - 1;
        if (before >= 0 && before < words.Count && (Articles.Contains(words[before]) || Possessives.Contains(words[before]) || Ours.Contains(words[before])))
            before--;
        return before >= 0 && before < words.Count && InPlace.Contains(words[before]);
    }

    private static readonly HashSet<string> Ours = new(StringComparer.Ordinal) { "our", "nuestra", "nuestro", "notre", "their", "su", "leur" };

    private static readonly HashSet<string> InPlace = new(StringComparer.Ordinal) { "in", "inside", "en", "dans" };

    /// <summary>
    /// "We", "us", "all": a teller speaking for those around them, who may be a family ("they beat my father and told us to
    /// leave"), a group or a village; alone it names none of them as the one at risk.
    /// </summary>
    public static bool IsCollectivePronoun(string word) => CollectivePronouns.Contains(word);

    private static readonly HashSet<string> CollectivePronouns = new(StringComparer.Ordinal)
    {
        "we", "us", "all", "nosotros", "nosotras", "todos", "todas", "todo", "toda", "nous", "tous", "toutes",
    };

    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "the", "la", "el", "le", "l", "les", "los", "las" };

    /// <summary>Words that say the teller is what follows: "je suis", "soy", "i am", "nous sommes", "somos" ("i'm" is read apart).</summary>
    private static readonly HashSet<string> IAm = new(StringComparer.Ordinal) { "suis", "soy", "am", "sommes", "somos" };

    /// <summary>Articles that may stand between "I am" and what the teller is: "je suis le chef", "i am a councillor".</summary>
    private static readonly HashSet<string> RoleArticles = new(StringComparer.Ordinal) { "the", "a", "an", "la", "el", "le", "l", "un", "une", "una", "uno" };

    /// <summary>
    /// Whether the one named from <paramref name="first"/> is the teller's own role, not who did it: "je suis chef de
    /// groupement", "soy concejal", "i am the village chief" say who is telling.
    /// </summary>
    internal static bool NamesTheTeller(IReadOnlyList<string> words, int first)
    {
        var before = first - 1;
        while (before >= 0 && before < words.Count && RoleArticles.Contains(words[before]))
            before--;
        if (before < 0 || before >= words.Count)
            return false;
        return IAm.Contains(words[before]) || (words[before] == "m" && before > 0 && words[before - 1] == "i");
    }

    /// <summary>Denouncing someone names them ("denuncié a los paras"); only "ante" makes it where it was reported.</summary>
    private static readonly HashSet<string> Denouncing = new(StringComparer.Ordinal) { "denunciar", "denuncie", "denunciamos", "denunciarlo" };

    private static readonly HashSet<string> ReportTo = new(StringComparer.Ordinal) { "to", "at", "ante", "a", "en", "à", "au", "aux", "al" };

    private static readonly HashSet<string> ReportWords = new(StringComparer.Ordinal)
    {
        "reported", "report", "complained", "complaint", "complain", "went", "go",
        "denuncia", "queja", "fui", "fuimos", "acudi", "acudimos",
        "plainte", "alle", "allee", "alles", "signale", "signaler",
    };

    private static readonly HashSet<string> Possessives = new(StringComparer.Ordinal) { "mi", "mis", "ma", "mon", "mes", "my", "la", "el", "le", "the" };


    /// <summary>Words that bring in a second person or event: "one killed, another disappeared", "un autre", "otro".</summary>
    private static readonly HashSet<string> Another = new(StringComparer.Ordinal)
    {
        "otro", "otra", "otros", "otras", "segundo", "segunda", "autre", "autres", "deuxieme", "second", "another", "other", "others",
    };

    /// <summary>Words of time after "otro", "autre", "other": "al otro día", "l'autre jour", "the other day" is the same story.</summary>
    private static readonly HashSet<string> TimeWords = new(StringComparer.Ordinal)
    {
        "dia", "dias", "noche", "semana", "mes", "ano", "vez", "jour", "jours", "nuit", "semaine", "mois", "an", "annee", "fois",
        "day", "days", "night", "week", "month", "year", "time",
    };

    /// <summary>The teller, said just before a verb ("me golpearon", "ils m'ont frappé", "i was beaten")…</summary>
    private static readonly HashSet<string> TellerBefore = new(StringComparer.Ordinal)
    {
        "me", "nos", "yo", "nosotros", "m", "moi", "nous", "j", "je", "i", "we", "us",
    };

    /// <summary>…or just after it ("they beat me", "shot at us", "a nosotros nos…").</summary>
    private static readonly HashSet<string> TellerAfter = new(StringComparer.Ordinal) { "me", "us", "nosotros", "moi", "nous" };

    /// <summary>Someone else, right after a verb: "killed my comrade", "mataron a mi compañero", "tué mon voisin", "shot him".</summary>
    private static readonly HashSet<string> OthersAfter = new(StringComparer.Ordinal)
    {
        "my", "our", "his", "her", "him", "them", "their", "mi", "mis", "nuestro", "nuestra", "nuestros", "nuestras", "su", "sus",
        "mon", "ma", "mes", "notre", "son", "sa", "ses", "leur", "lui",
    };

    /// <summary>Someone else, just before a verb: "lo mataron", "la asesinaron", "ils l'ont tué", "my colleague was killed" (not its doer: "they").</summary>
    private static readonly HashSet<string> OthersBefore = new(StringComparer.Ordinal)
    {
        "lo", "la", "los", "las", "le", "les", "l", "lui", "colleague", "comrade", "companero", "companera", "collegue", "camarade",
    };

    /// <summary>Whether the word at <paramref name="index"/> brings in another person or event ("another", "otro", "un autre").</summary>
    internal static bool NamesAnother(IReadOnlyList<string> words, int index)
    {
        ArgumentNullException.ThrowIfNull(words);
        return Another.Contains(words[index]) && !(index + 1 < words.Count && TimeWords.Contains(words[index + 1]));
    }

    /// <summary>
    /// Whether the words from <paramref name="first"/> to <paramref name="last"/> tell what was done to the teller: a first
    /// person among its words or the three before, in the same statement, or right after ("a" and "à" stepped over). "Mi compañero"
    /// is not the teller.
    /// </summary>
    internal static bool TellsOfTheTeller(IReadOnlyList<string> words, IReadOnlyList<int> segments, int first, int last, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(segments);
        for (var p = last; p >= Math.Max(0, first - 3) && segments[p] == segments[first]; p--)
        {
            if (TellerBefore.Contains(words[p]))
                return true;
        }
        var next = last + 1;
        if (next < words.Count && words[next] is "a" or "al" or "au" or "to" && segments[next] == segments[last])
            next++;
        if (next < words.Count && segments[next] == segments[last] && TellerAfter.Contains(words[next]))
            return true;
        // A crowd the teller was among: "tiré sur notre marche", "shot at the crowd", "dispararon contra la gente".
        if (next < words.Count && lexicon.CrowdArticles.Contains(words[next]) && segments[next] == segments[last])
            next++;
        return next < words.Count && segments[next] == segments[last] && lexicon.Crowds.Contains(words[next]);
    }

    /// <summary>
    /// Whether the words from <paramref name="first"/> to <paramref name="last"/> tell what was done to someone other than the
    /// teller: a third person or one of the teller's people right after them ("a", "à" stepped over), or a third-person
    /// pronoun among the two words before, in the same statement.
    /// </summary>
    internal static bool TellsOfAnother(IReadOnlyList<string> words, IReadOnlyList<int> segments, int first, int last, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(segments);
        for (var p = first - 1; p >= Math.Max(0, first - 2) && segments[p] == segments[first]; p--)
        {
            if (OthersBefore.Contains(words[p]))
                return true;
        }
        var next = last + 1;
        if (next < words.Count && words[next] is "a" or "al" or "au" or "to" && segments[next] == segments[last])
            next++;
        // The phrase may hold the person itself: "tué mon".
        for (var p = first + 1; p <= next && p < words.Count && segments[p] == segments[first]; p++)
        {
            if (OthersAfter.Contains(words[p]))
                return true;
        }
        // A colleague in the phrase or a few words around it: "un de nos camarades étudiants est mort", "mataron a un compañero".
        for (var p = Math.Max(0, first - 3); p <= next + 2 && p < words.Count; p++)
        {
            if (segments[p] == segments[first] && lexicon.Colleagues.Contains(words[p]))
                return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="word"/> is the subject of a new statement.</summary>
    public static bool IsSubject(string word) => Subjects.Contains(word);

    /// <summary>Whether a negator's reach ends before <paramref name="word"/>: a new statement's subject.</summary>
    public static bool EndsScope(string word) => ScopeBreakers.Contains(word) || Subjects.Contains(word);

    /// <summary>Whether the negator <paramref name="word"/> is an answer on its own, denying nothing after it.</summary>
    public static bool StandsAlone(string word) => StandAlone.Contains(word);

    /// <summary>Whether the word at <paramref name="index"/> denies: a negator, or the "t" of "don't" after its verb.</summary>
    public static bool IsNegator(IReadOnlyList<string> words, int index, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(words);
        var word = words[index];
        if (word == "t")
            return index > 0 && ContractedVerbs.Contains(words[index - 1]);
        if (word == "n" && !HasFrenchEnd(words, index))
            return false;
        if (word is "ne" or "n")
            return !IsRestrictive(words, index);
        // Haitian "nan" is "in" or "the" inside a sentence ("y ap tire nan zòn nan"); the French "nan" answers first, or
        // after a filler or a moment ("bah nan", "je pense que nan", "pour l'instant nan").
        if (word == "nan" && index > 0 && !lexicon.NanLeadIns.Contains(words[index - 1]) && !Moments.Contains(words[index - 1]))
            return false;
        return Negators.Contains(word);
    }

    /// <summary>
    /// Whether the "no" at <paramref name="negator"/> is said with its courtesy and then a new statement: "no pls keep it
    /// quiet", "no gracias ya tengo abogado", "no svp gardez ça pour vous". The "no" answers; it denies nothing after it.
    /// </summary>
    internal static bool IsNoThenCourtesy(IReadOnlyList<string> words, int negator, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words[negator] != "no" || negator + 2 >= words.Count)
            return false;
        var next = words[negator + 1];
        return lexicon.CourtesyOpeners.Contains(next)
            || (next == "por" && words[negator + 2] == "favor" && negator + 3 < words.Count)
            || (next == "s" && words[negator + 2] == "il" && negator + 5 < words.Count);
    }

    /// <summary>
    /// Whether the English "no" at <paramref name="negator"/> opens a statement about what is one's own: "no my phone is
    /// tapped", "no our office is watched". The "no" answers; "my phone" is no "not my phone" in English.
    /// </summary>
    internal static bool IsNoThenOwn(IReadOnlyList<string> words, int negator)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words[negator] == "no" && negator + 2 < words.Count && words[negator + 1] is "my" or "our";
    }

    /// <summary>
    /// Whether a "pas", "jamais", "rien"… follows the elided "n'" within a few words: without one it is no French
    /// negation but texting "and" ("my address everywhere n ppl saying come get him").
    /// </summary>
    private static bool HasFrenchEnd(IReadOnlyList<string> words, int index)
    {
        for (var j = index + 1; j < words.Count && j <= index + 4; j++)
        {
            if (FrenchNegationEnds.Contains(words[j]) || words[j] is "que" or "qu")
                return true;
        }
        // Said before it: "personne n'a été blessé", "rien n'a changé".
        for (var j = index - 1; j >= 0 && j >= index - 3; j--)
        {
            if (words[j] is "personne" or "rien" or "aucun" or "aucune" or "nul" or "nulle")
                return true;
        }
        return false;
    }

    /// <summary>"ne … que" says "only": a "que" before any "pas", "jamais", "rien"…</summary>
    private static bool IsRestrictive(IReadOnlyList<string> words, int index)
    {
        for (var j = index + 1; j < words.Count && j <= index + 4; j++)
        {
            if (FrenchNegationEnds.Contains(words[j]))
                return false;
            if (words[j] is "que" or "qu")
                return true;
        }
        return false;
    }

    /// <summary>
    /// The words a shorthand stands for in the language of the answer, or null: its own shorthand first (in English "k" is
    /// "ok", not Spanish "que"), then any language's, save a word of its own that another spells the same (French "dont").
    /// </summary>
    internal static IReadOnlyList<string>? Expand(string word, string language, Lexicon lexicon) =>
        lexicon.NotShorthandIn.TryGetValue(language, out var plain) && plain.Contains(word) ? null
        : lexicon.ShorthandIn.TryGetValue(language, out var own) && own.TryGetValue(word, out var expansion) ? expansion
        : lexicon.Shorthand.GetValueOrDefault(word);

    /// <summary>Whether a French "sa" before <paramref name="word"/> is "ça" typed by its sound: "sa va", "sa dépend".</summary>
    internal static bool FollowsCa(string word, Lexicon lexicon) => lexicon.CaVerbs.Contains(word);
}
