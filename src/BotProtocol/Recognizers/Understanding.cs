namespace BotProtocol.Recognizers;

/// <summary>
/// One line of a vocabulary: in <paramref name="Language"/>, <paramref name="Phrase"/> names <paramref name="Option"/> of
/// <paramref name="Question"/>. <paramref name="Anywhere"/> phrases are strong enough to answer the question from an answer
/// to another one ("mi hermano" answers who is at risk). <paramref name="Origin"/> is "file:line", for errors.
/// </summary>
public sealed record VocabularyLine(string Language, string Question, string Option, string Phrase, string Origin, bool Anywhere = false);

/// <summary>
/// When one answer names both, <paramref name="Option"/> of <paramref name="Question"/> is what happened and
/// <paramref name="Outweighed"/> a part of it: beaten in a cell is torture, taken and found dead a killing, taken by the
/// police who deny holding him an enforced disappearance. The part is then not chosen on its own.
/// </summary>
public sealed record Outweighing(string Question, string Option, string Outweighed);

/// <summary>
/// When one answer names <paramref name="Marker"/> of <paramref name="Question"/>, <paramref name="Option"/> said with it is
/// read as <paramref name="ReadAs"/>: one taken who came back was held, not disappeared. The marker answers nothing itself.
/// Said before the marker by default; <paramref name="After"/>, the marker is where it happened, and what is said after it, or
/// just before it ("beaten in the cells"), is read so: a beating in the cells is ill-treatment in custody. Such a marker
/// leaves its words to the options too ("in custody" still tells a detention).
/// </summary>
public sealed record Rereading(string Question, string Marker, string Option, string ReadAs, bool After = false);

/// <summary>
/// Reads answers against the vocabularies of every question in every language: options by their distinctive phrases,
/// yes and no, doubt, "prefer not to say" (the question <see cref="PreferNotQuestion"/>), each denied mention set apart
/// ("no me amenazaron", "yo no pero mi hermano sí", "je n'ai pas de menaces"). An answer that says nothing in the
/// conversation's language is read in the other languages too.
/// </summary>
public sealed class Understanding
{
    /// <summary>
    /// The pseudo-question of proper names (places, groups): their words are read as themselves, never as a slip of a
    /// vocabulary word ("Espinar" is no "espiar", "Marawi" no "Malawi").
    /// </summary>
    public const string ProperNameQuestion = "proper-name";

    /// <summary>The pseudo-question whose phrases say "prefer not to say", in every language.</summary>
    public const string PreferNotQuestion = "prefer-not";

    /// <summary>
    /// The pseudo-option of a question whose phrases say the answer is neither of its options, or part of each: "no es
    /// para mañana pero tampoco es algo viejo", "public for me but not for my family". Said, the answer is asked again
    /// (<see cref="Reading.Undecided"/>); its phrases take their words, so no option is read from them.
    /// </summary>
    public const string UndecidedOption = "undecided";

    /// <summary>Words a negator reaches at most, so a long sentence is not denied whole.</summary>
    private const int MaxScope = 6;

    private readonly Dictionary<(string Language, string Question, bool Anywhere), List<(string Option, Phrase Phrase)>> _phrases = [];
    private readonly Dictionary<string, List<(PhraseKind Kind, Phrase Phrase)>> _common = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Question, string Option), List<string>> _outweighedBy = [];
    private readonly Dictionary<(string Question, string Marker), List<(string Option, string ReadAs, bool After)>> _rereads = [];

    /// <summary>Words at most between an option said before a place marker and the marker: "beaten in the cells".</summary>
    private const int MaxGapBeforePlace = 3;

    // Questions that ask who did it: one named as standing by ("the police did nothing") is no answer to them.
    private readonly HashSet<string> _askWhoDidIt = new(StringComparer.Ordinal);

    // Every whole word of the vocabularies, in all languages: typed, such a word is read as itself, never as a typo.
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    // The same words by language, so a word of the conversation's language is not read as a word of another.
    private readonly Dictionary<string, HashSet<string>> _knownIn = new(StringComparer.Ordinal);

    private bool _building = true;

    private Understanding(IReadOnlyList<string> languages, Lexicon lexicon) => (Languages, Lexicon) = (languages, lexicon);

    public IReadOnlyList<string> Languages { get; }

    /// <summary>The words answers are read with besides the vocabularies: shorthand, courtesy, fillers (<see cref="Recognizers.Lexicon"/>).</summary>
    public Lexicon Lexicon { get; }

    /// <summary>Every whole word of the vocabularies and proper names: typed, such a word is itself, never a typo of another.</summary>
    public IReadOnlySet<string> KnownWords => _known;

    /// <summary>Compiles <paramref name="lines"/>; <paramref name="problems"/> gets one "file:line: …" per unusable phrase.</summary>
    /// <param name="languages">Languages read even without a vocabulary line (plain yes and no, doubt); default: those of the lines.</param>
    /// <param name="outweighs">Options that, named together with another, leave it out (<see cref="Outweighing"/>).</param>
    /// <param name="askWhoDidIt">Questions that ask who did it, where one said to stand by is not named (<see cref="LanguageRules.StandsBy"/>).</param>
    /// <param name="rereads">Options read as another when a marker is named with them (<see cref="Rereading"/>).</param>
    /// <param name="lexicon">The words answers are read with besides the vocabularies; default: none.</param>
    public static Understanding Build(
        IEnumerable<VocabularyLine> lines, List<string> problems, IEnumerable<string>? languages = null, IEnumerable<Outweighing>? outweighs = null,
        IEnumerable<string>? askWhoDidIt = null, IEnumerable<Rereading>? rereads = null, Lexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(problems);
        var all = lines.ToList();
        var understanding = new Understanding([.. all.Select(l => l.Language).Concat(languages ?? []).Distinct()], lexicon ?? Lexicon.Empty);
        understanding._askWhoDidIt.UnionWith(askWhoDidIt ?? []);
        foreach (var rule in outweighs ?? [])
        {
            if (!understanding._outweighedBy.TryGetValue((rule.Question, rule.Outweighed), out var by))
                understanding._outweighedBy[(rule.Question, rule.Outweighed)] = by = [];
            by.Add(rule.Option);
        }
        foreach (var rule in rereads ?? [])
        {
            if (!understanding._rereads.TryGetValue((rule.Question, rule.Marker), out var read))
                understanding._rereads[(rule.Question, rule.Marker)] = read = [];
            read.Add((rule.Option, rule.ReadAs, rule.After));
        }
        var owners = new Dictionary<(string, string, bool, string), VocabularyLine>();
        foreach (var line in all)
        {
            var phrase = Phrase.Compile(line.Phrase, line.Language, understanding.Lexicon);
            if (phrase is null)
            {
                problems.Add($"{line.Origin}: '{line.Phrase}' has no word to match");
                continue;
            }
            if (line.Question == ProperNameQuestion)
            {
                understanding._known.UnionWith(phrase.WholeWords);
                continue;
            }
            if (line.Question == PreferNotQuestion)
            {
                understanding.Common(line.Language).Add((PhraseKind.PreferNot, phrase));
                continue;
            }
            // One word shared by two options decides nothing: it would pick one of them by chance.
            if (phrase.SingleWord is { } word && !phrase.WholeMessage)
            {
                if (owners.TryGetValue((line.Language, line.Question, line.Anywhere, word), out var owner) && owner.Option != line.Option)
                    problems.Add($"{line.Origin}: '{line.Phrase}' names both '{owner.Option}' ({owner.Origin}) and '{line.Option}' of '{line.Question}'; use a longer phrase");
                owners[(line.Language, line.Question, line.Anywhere, word)] = line;
            }
            understanding.Know(line.Language, phrase);
            var key = (line.Language, line.Question, line.Anywhere);
            if (!understanding._phrases.TryGetValue(key, out var list))
                understanding._phrases[key] = list = [];
            list.Add((line.Option, phrase));
        }
        foreach (var language in understanding.Languages)
            understanding.Common(language);
        understanding._building = false;
        return understanding;
    }

    /// <summary>Whether <paramref name="question"/> has a vocabulary in <paramref name="language"/>.</summary>
    public bool Knows(string question, string language) => _phrases.ContainsKey((language, question, false));

    /// <summary>
    /// What <paramref name="text"/> says about <paramref name="question"/>, read in <paramref name="language"/>, or — when
    /// it says nothing there — in the first other language where it does.
    /// </summary>
    public Reading Read(string question, string language, string? text)
    {
        var utterance = Parse(text, language);
        var reading = Read(utterance, question, anywhere: false);
        // "prefer not to say" said in the conversation's language answers there: "prefer" is not read again elsewhere
        // (the French "préfet"); so does what it names as none of the options ("je me sens surveillée, rien de concret" is
        // no English "surveil*").
        if (reading.Affirmed.Count + reading.Denied.Count > 0 || reading.PreferNot || reading.Undecided)
            return reading;
        var own = _knownIn.GetValueOrDefault(language);
        // "fuimos" is the Spanish "we went" whatever French word starts like it; "fui" is a word of both.
        foreach (var other in Languages.Where(l => l != language))
        {
            var elsewhere = Read(utterance.In(other), question, anywhere: false);
            if (elsewhere.Affirmed.Count + elsewhere.Denied.Count > 0
                && !elsewhere.Affirmed.Concat(elsewhere.Denied).Any(m => IsOnlyOf(own, utterance.Words[m.Position], other)))
                return elsewhere;
        }
        return reading;
    }

    /// <summary><paramref name="text"/> ready to be read in <paramref name="language"/>, with this understanding's <see cref="Lexicon"/>.</summary>
    public Utterance Parse(string? text, string language) => Utterance.Parse(text, language, Lexicon);

    /// <summary>A word of <paramref name="own"/> that <paramref name="other"/>'s vocabulary does not have ("fui" is both).</summary>
    private bool IsOnlyOf(HashSet<string>? own, string word, string other) =>
        own?.Contains(word) == true && _knownIn.GetValueOrDefault(other)?.Contains(word) != true;

    private void Know(string language, Phrase phrase)
    {
        _known.UnionWith(phrase.WholeWords);
        if (!_knownIn.TryGetValue(language, out var words))
            _knownIn[language] = words = new(StringComparer.Ordinal);
        words.UnionWith(phrase.WholeWords);
    }

    /// <summary>What an answer to another question says about <paramref name="question"/>, by its strong phrases only.</summary>
    public Reading ReadAnywhere(string question, Utterance utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        return Read(utterance, question, anywhere: true);
    }

    /// <summary>The reading of an utterance against one question's phrases (or its strong phrases) in the utterance's language.</summary>
    public Reading Read(Utterance utterance, string question, bool anywhere)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var candidates = new List<Candidate>();
        var hits = new List<PhraseHit>();
        // A phrase strong enough to answer the question from elsewhere answers it when it is asked, too.
        var options = (_phrases.GetValueOrDefault((utterance.Language, question, anywhere)) ?? [])
            .Concat(anywhere ? [] : _phrases.GetValueOrDefault((utterance.Language, question, true)) ?? []).ToList();
        if (options.Count > 0)
        {
            foreach (var (option, phrase) in options)
            {
                hits.Clear();
                phrase.AddHitsTo(utterance, hits, _known);
                foreach (var hit in hits)
                    candidates.Add(new Candidate(PhraseKind.Option, option, hit));
            }
        }
        foreach (var (kind, phrase) in Common(utterance.Language))
        {
            if (anywhere && kind is not (PhraseKind.NotDenying or PhraseKind.Unsure or PhraseKind.Hedge))
                continue;
            hits.Clear();
            phrase.AddHitsTo(utterance, hits, _known);
            foreach (var hit in hits)
                candidates.Add(new Candidate(kind, null, hit));
        }
        // "en el calabozo", "au cachot", "in the cells": a place marker tells where, and leaves its words to what they tell.
        var places = candidates.FindAll(c => c.Kind == PhraseKind.Option && c.Option is { } marker && IsPlace(question, marker));
        candidates.RemoveAll(places.Contains);
        var placeHits = Accept(places).Select(c => (c.Option!, c.Hit)).ToList();
        // "prefiero que no guarden mis respuestas" says what others should not do, not that the person prefers not to say.
        candidates.RemoveAll(c => c.Kind == PhraseKind.PreferNot && Gap(c.Hit).Any(p => LanguageRules.StartsAnotherSubject(utterance.Words[p])));

        // "que no se lo pasen a nadie", "aquí no se puede": "no se" before a pronoun or a verb is a reflexive "se", not "no sé".
        candidates.RemoveAll(c => c.Kind == PhraseKind.Unsure && c.Hit.Phrase.Text == "no se" && c.Hit.Last + 1 < utterance.Count
            && utterance.Lexicon.ReflexiveFollowers.Contains(utterance.Words[c.Hit.Last + 1]));
        // "ok as long as the police don't get it", "sí, siempre y cuando no sepan quién soy": what the yes is given on is
        // no doubt about the answer.
        candidates.RemoveAll(c => c.Kind == PhraseKind.Unsure && LanguageRules.IsInCondition(utterance.Words, utterance.Clauses, c.Hit.First));
        var accepted = Accept(candidates);
        // "went to the police station to report", "fui a la comisaría a poner la denuncia": a place whose words a phrase of
        // no option takes is where the teller went of their own accord, not custody; it rereads nothing.
        var undecidedWords = accepted.Where(c => c.Kind == PhraseKind.Option && c.Option == UndecidedOption).SelectMany(c => c.Hit.Positions).ToHashSet();
        placeHits.RemoveAll(p => p.Hit.Positions.Any(undecidedWords.Contains));
        // "me agarraron 2 encapuchados", "seized by hooded men": a place whose words lie inside the longer phrase of the harm it
        // would reread names those who did it, not where the person was held.
        placeHits.RemoveAll(p => accepted.Exists(c => c.Kind == PhraseKind.Option && c.Hit.Positions.Count > p.Hit.Positions.Count
            && _rereads[(question, p.Item1)].Exists(r => r.After && r.Option == c.Option) && p.Hit.Positions.All(c.Hit.Positions.Contains)));
        // "nada de amenazas ni ataques", "aucune menace": a "nothing" said before what it names denies it; it is no option.
        var denyingNothing = accepted.FindAll(c => DeniesWhatFollows(utterance, accepted, c));
        accepted.RemoveAll(denyingNothing.Contains);
        var consumed = accepted.SelectMany(c => c.Hit.Positions).ToHashSet();
        var negators = Negators(utterance, consumed);
        var deniedBy = Reach(utterance, accepted, negators, out var spent);
        var hedged = Hedged(utterance, accepted);

        var affirmed = new List<Mention>();
        var spans = new Dictionary<Mention, PhraseHit>();
        var denied = new List<Mention>();
        var yes = new List<Mention>();
        var no = new List<Mention>();
        var usedBare = new HashSet<int>();
        var reaching = deniedBy.Values.SelectMany(n => n).Concat(spent).ToHashSet();
        var doubted = false;
        for (var index = 0; index < accepted.Count; index++)
        {
            var candidate = accepted[index];
            var hit = candidate.Hit;
            if (candidate.Kind == PhraseKind.Option && (hedged.Contains(hit.First) || HedgeWithin(utterance, hit)))
            {
                doubted = true;
                continue;
            }
            var mention = new Mention(candidate.Option, hit.First, utterance.Segments[hit.First],
                LanguageRules.IsAside(utterance.Words, utterance.Clauses, hit.First), LanguageRules.FollowsBut(utterance.Words, hit.First),
                LanguageRules.ToldOfThenOrThere(utterance.Words, hit.First, utterance.Lexicon), Qualifies(utterance, accepted, candidate));
            spans[mention] = hit;
            var deniedBefore = deniedBy.ContainsKey(index);
            // "amenazas no", and said first then denied: "detenido no he estado", "arrested i have not been". Never a
            // "without" after it, which names what follows: "relâchés sans rien", "released without charge".
            var after = negators.FirstOrDefault(n => n.Position == hit.Last + 1 && utterance.Clauses[n.Position] == utterance.Clauses[hit.Last]
                && !Without.Contains(utterance.Words[n.Position])
                && (n.Scope.Count == 0 || (hit.First == FirstOfClause(utterance, hit.First) && n.Scope.All(p => LanguageRules.IsAuxiliary(utterance.Words[p])))));
            var isDenied = deniedBefore || after.Scope is not null;
            if (after.Scope is not null && candidate.Kind is PhraseKind.Option or PhraseKind.Yes)
                usedBare.Add(after.Position);
            switch (candidate.Kind)
            {
                case PhraseKind.Option:
                    (isDenied ? denied : affirmed).Add(mention);
                    break;
                case PhraseKind.Yes when IsEmphatic(utterance, hit) || OpensACondition(utterance, hit):
                    break;
                case PhraseKind.Yes:
                    (isDenied ? no : yes).Add(mention);
                    break;
                case PhraseKind.No when !deniedBefore:
                    no.Add(mention);
                    break;
            }
        }
        // A bare "no" is a no; a "no" that denies nothing named ("no ahorita", "pas en ce moment") is a weaker one.
        var vague = new List<Mention>();
        var deferred = accepted.Any(c => c.Kind == PhraseKind.Deferral);
        var denying = deniedBy.Values.SelectMany(n => n).ToHashSet();
        foreach (var negator in negators)
        {
            if (usedBare.Contains(negator.Position) || reaching.Contains(negator.Position))
                continue;
            var mention = new Mention(null, negator.Position, utterance.Segments[negator.Position],
                AfterBut: LanguageRules.FollowsBut(utterance.Words, negator.Position), Past: LanguageRules.ToldOfThenOrThere(utterance.Words, negator.Position, utterance.Lexicon));
            if (IsAboutSelf(utterance, negator))
            {
                // "yo no, pero mi hermano sí", "pas moi, mais ça tire dans le quartier": the no is the speaker's only,
                // the answer is what the "but" tells; with no "but", it is a weak no.
                if (!Enumerable.Range(negator.Position + 1, utterance.Count - negator.Position - 1).Any(p => LanguageRules.IsContrast(utterance.Words[p])))
                    vague.Add(mention);
                continue;
            }
            if (negator.Scope.Count == 0 && (Echoes(utterance, negator, denying) || Concords(utterance, negator, negators)))
                continue;
            // "ok as long as the police don't get it", "oui tant que la police ne le voit pas": the "no" of a yes's condition.
            if (LanguageRules.IsInCondition(utterance.Words, utterance.Clauses, negator.Position))
                continue;
            // "une voiture sans plaque", "un carro sin placas", "men without uniforms": "without" that denies nothing named
            // describes something; it answers no question with a no.
            if (Without.Contains(utterance.Words[negator.Position]) && negator.Scope.Count > 0)
                continue;
            // "plus tard, pas maintenant", "más adelante, ahorita no": beside a deferral, "not now" is the answer's no.
            var notNow = deferred && negator.Scope.All(p => LanguageRules.IsMoment(utterance.Words[p]));
            (negator.Scope.Count == 0 || notNow ? no : vague).Add(mention);
        }

        Reread(question, utterance, affirmed, denied, spans, placeHits);
        // "ils l'ont frappé au cachot et brûlé": the torture is what happened; the beating is part of it.
        var wholes = affirmed.ToList();
        affirmed.RemoveAll(m => m.Option is { } option && _outweighedBy.TryGetValue((question, option), out var by)
            && wholes.Any(whole => whole.Option is { } named && by.Contains(named) && IsPartOf(utterance, m, whole, spans)));
        // "thugs paid by the governor", "sicarios pagados por la empresa": the one who hires or sends is who is behind it.
        var behind = affirmed.ToList();
        affirmed.RemoveAll(m => m.Option is { } option && behind.Any(o => o.Option is { } other && other != option
            && utterance.Clauses[o.Position] == utterance.Clauses[m.Position] && LanguageRules.ActsFor(utterance.Words, m.Position, o.Position)));

        // "el hermano del alcalde", "un homme d'affaires proche du président", "the sarpanch's brothers": the one named after
        // a relative or a friend says whose they are; the relative or friend is who is meant.
        // A phrase's small word may stand before the relative ("el … alcalde" read across "el sobrino del alcalde"): its last word counts too.
        affirmed.RemoveAll(m => spans.TryGetValue(m, out var hit)
            && (LanguageRules.NamesWhoseRelative(utterance.Words, hit.First, hit.Last) || LanguageRules.NamesWhoseRelative(utterance.Words, hit.Last, hit.Last)));
        // "el alcalde con sus guardaespaldas", "the company and their guards": those named as someone's own act for them.
        var owners = affirmed.ToList();
        affirmed.RemoveAll(m => _askWhoDidIt.Contains(question) && m.Option is { } option && spans.TryGetValue(m, out var hit) && LanguageRules.IsPossessive(utterance.Words, hit.First)
            && owners.Any(o => o.Option is { } other && other != option && other != UndecidedOption && spans.TryGetValue(o, out var by) && by.Last < hit.First && hit.First - by.Last <= 8
                && !LanguageRules.FollowsKin(utterance.Words, by.Last)));
        var undecidedAt = affirmed.Where(m => m.Option == UndecidedOption).Select(m => m.Position).DefaultIfEmpty(-1).Max();
        var undecided = affirmed.RemoveAll(m => m.Option == UndecidedOption) > 0;
        denied.RemoveAll(m => m.Option == UndecidedOption);
        // "la policía no hace nada", "the police did nothing": named as standing by, not as doing it.
        if (_askWhoDidIt.Contains(question))
        {
            var named = affirmed.Select(m => m.Position).ToHashSet();
            var bystanders = affirmed.Where(m => spans.TryGetValue(m, out var span) && LanguageRules.StandsBy(utterance.Words, utterance.Clauses, span.Last, named)).ToList();
            affirmed.RemoveAll(bystanders.Contains);
            denied.AddRange(bystanders);
            // "je suis chef de groupement", "soy concejal": the teller's own role names no one who did it.
            affirmed.RemoveAll(m => spans.TryGetValue(m, out var span) && LanguageRules.NamesTheTeller(utterance.Words, span.First));
        }

        return new Reading
        {
            Undecided = undecided,
            UndecidedAt = undecidedAt,
            Affirmed = affirmed,
            Denied = denied,
            Yes = yes,
            No = no,
            VagueNo = vague,
            PreferNot = accepted.Any(c => c.Kind == PhraseKind.PreferNot),
            Unsure = accepted.Any(c => c.Kind == PhraseKind.Unsure) || doubted,
            GeneralDoubtBeforeBut = !doubted && accepted.Any(c => c.Kind == PhraseKind.Unsure)
                && accepted.Where(c => c.Kind == PhraseKind.Unsure).All(c => LanguageRules.IsGeneralDoubt(c.Hit.Phrase.Text, utterance.Lexicon)
                    && !LanguageRules.FollowsBut(utterance.Words, c.Hit.First)),
            Deferred = deferred,
            DoubtEndsIn = doubted ? int.MaxValue
                : accepted.Where(c => c.Kind == PhraseKind.Unsure).Select(c => utterance.Segments[c.Hit.Last]).DefaultIfEmpty(-1).Max(),
            Both = accepted.Any(c => c.Kind == PhraseKind.Both && c.Hit.First <= LanguageRules.BothOpensWithin),
            Numbers = accepted.Count == 0 && negators.Count == 0 ? Numbers(utterance) : [],
        };
    }

    /// <summary>
    /// "se lo llevaron al batallón y volvió a los 8 días": said before a marker (<see cref="Rereading"/>), an option is read as
    /// what it then is, once; said after it, it stands ("they say they released him but he never arrived home" is still a
    /// disappearance). A marker, affirmed or denied, is no answer. A place marker (<see cref="Rereading.After"/>) rereads
    /// what is said after it, or just before it: "in the cells they beat me", "beaten in the cells".
    /// </summary>
    private void Reread(string question, Utterance utterance, List<Mention> affirmed, List<Mention> denied, Dictionary<Mention, PhraseHit> spans,
        List<(string Marker, PhraseHit Hit)> places)
    {
        bool IsMarker(Mention m) => m.Option is { } option && _rereads.ContainsKey((question, option));
        foreach (var marker in affirmed.Where(IsMarker).ToList())
            ReadAs(_rereads[(question, marker.Option!)].Where(r => !r.After), m => m.Position < marker.Position);
        foreach (var (placeMarker, place) in places)
        {
            ReadAs(_rereads[(question, placeMarker)].Where(r => r.After), m => m.Position > place.Last
                || (spans[m].Last < place.First && place.First - spans[m].Last - 1 <= MaxGapBeforePlace
                    && utterance.Clauses[spans[m].Last] == utterance.Clauses[place.First]));
        }
        affirmed.RemoveAll(IsMarker);
        denied.RemoveAll(IsMarker);

        void ReadAs(IEnumerable<(string Option, string ReadAs, bool After)> rules, Predicate<Mention> said)
        {
            foreach (var (option, readAs, _) in rules)
            {
                var told = affirmed.FindAll(m => m.Option == option && said(m));
                affirmed.RemoveAll(told.Contains);
                if (told.Count == 0 || affirmed.Exists(m => m.Option == readAs))
                    continue;
                var read = told[0] with { Option = readAs };
                spans[read] = spans[told[0]];
                affirmed.Add(read);
            }
        }
    }

    /// <summary>Whether <paramref name="option"/> of <paramref name="question"/> is a place marker (<see cref="Rereading.After"/>).</summary>
    private bool IsPlace(string question, string option) =>
        _rereads.TryGetValue((question, option), out var rules) && rules.Exists(r => r.After);

    /// <summary>
    /// Whether <paramref name="part"/> is part of what <paramref name="whole"/> tells: the same harm to the same person. "One
    /// colleague killed, another disappeared" are two people; in "they beat me and killed my comrade" the teller's own
    /// beating is no part of the comrade's killing, while "lo mataron, lo balearon" tells one killing.
    /// </summary>
    private static bool IsPartOf(Utterance utterance, Mention part, Mention whole, Dictionary<Mention, PhraseHit> spans)
    {
        // "another" between them, or right after the second: "mataron a uno y desaparecieron a otro".
        var (from, to) = part.Position < whole.Position ? (part.Position, whole.Position) : (whole.Position, part.Position);
        if (Enumerable.Range(from + 1, Math.Min(utterance.Count - 1, to + 3) - from - 1).Any(p => LanguageRules.NamesAnother(utterance.Words, p)))
            return false;
        var ofTheTeller = spans.TryGetValue(part, out var partHit) && LanguageRules.TellsOfTheTeller(utterance.Words, utterance.Segments, partHit.First, partHit.Last, utterance.Lexicon);
        var ofAnother = spans.TryGetValue(whole, out var wholeHit) && LanguageRules.TellsOfAnother(utterance.Words, utterance.Segments, wholeHit.First, wholeHit.Last, utterance.Lexicon);
        return !(ofTheTeller && ofAnother);
    }

    /// <summary>
    /// Whether an option's phrase only completes the noun before it, joined by "de", "du", "of", "from": "un ami du
    /// syndicat", "a friend from the union" (after another option's phrase), "el dirigente de la comunidad" (after a role).
    /// </summary>
    private static bool Qualifies(Utterance utterance, List<Candidate> accepted, Candidate candidate)
    {
        var words = utterance.Words;
        // "the union secretary", "hijra community leader": said before a role, the group is whose role it is.
        var next = candidate.Hit.Last + 1;
        if (next < words.Count && utterance.Clauses[next] == utterance.Clauses[candidate.Hit.Last] && LanguageRules.IsRole(words[next]))
            return true;
        // From the phrase's first telling word: "de l'association" may be the phrase itself.
        var at = candidate.Hit.Positions.Where(p => !Vocabulary.IsStopWord(words[p]) && !LanguageRules.IsOf(words[p])).DefaultIfEmpty(candidate.Hit.First).Min() - 1;
        var joined = false;
        while (at >= 0 && utterance.Clauses[at] == utterance.Clauses[candidate.Hit.First] && (Vocabulary.IsStopWord(words[at]) || LanguageRules.IsOf(words[at])))
        {
            joined |= LanguageRules.IsOf(words[at]);
            at--;
        }
        if (!joined || at < 0 || utterance.Clauses[at] != utterance.Clauses[candidate.Hit.First])
            return false;
        return LanguageRules.IsRole(words[at])
            || accepted.Exists(c => c.Kind == PhraseKind.Option && c.Option != candidate.Option && c.Hit.Last == at);
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> is an option said by a single negator ("nada", "rien", "nothing" for "none of
    /// these") that another option's phrase follows in its clause, with only small words between: "nada de amenazas",
    /// "aucune menace", "nothing like threats". The word then denies that phrase.
    /// </summary>
    private static bool DeniesWhatFollows(Utterance utterance, List<Candidate> accepted, Candidate candidate)
    {
        if (candidate.Kind != PhraseKind.Option || candidate.Hit.Positions.Count != 1 || !LanguageRules.IsNegator(utterance.Words, candidate.Hit.First, utterance.Lexicon))
            return false;
        var next = candidate.Hit.First + 1;
        while (next < utterance.Count && utterance.Clauses[next] == utterance.Clauses[candidate.Hit.First] && Vocabulary.IsStopWord(utterance.Words[next]))
            next++;
        return next < utterance.Count && utterance.Clauses[next] == utterance.Clauses[candidate.Hit.First]
            && accepted.Exists(a => a.Kind == PhraseKind.Option && a.Option != candidate.Option && a.Hit.First == next);
    }

    /// <summary>The words a phrase's hit steps over.</summary>
    private static IEnumerable<int> Gap(PhraseHit hit) =>
        Enumerable.Range(hit.First, hit.Last - hit.First + 1).Where(p => !hit.Positions.Contains(p));

    /// <summary>
    /// "sería peor si se sabe", "ce serait pire si ça se savait": a "si" inside a clause, with words after it, is "if";
    /// only one that ends its clause ("creo que sí"), opens it ("sí, claro") or follows a courtesy ("porfa sí urgente")
    /// answers yes.
    /// </summary>
    private static bool OpensACondition(Utterance utterance, PhraseHit hit) =>
        hit.Positions.Count == 1 && utterance.Words[hit.First] == "si"
        && hit.First > FirstOfClause(utterance, hit.First) && !YesLeadIns.Contains(utterance.Words[hit.First - 1])
        && !LanguageRules.IsCourtesy(utterance.Words[hit.First - 1])
        && hit.First + 1 < utterance.Count && utterance.Clauses[hit.First + 1] == utterance.Clauses[hit.First];

    /// <summary>Words after which a "si" is still a yes: "que sí", "pues sí", "ah si", "mais si".</summary>
    private static readonly HashSet<string> YesLeadIns = new(StringComparer.Ordinal) { "que", "pues", "ah", "ay", "eh", "bueno", "mais", "ben", "oh", "si" };

    /// <summary>
    /// "pero a la organización sí la están amenazando": a "sí" inside a "but" clause, after its subject and before its verb,
    /// stresses the verb; it does not answer the question.
    /// </summary>
    private static bool IsEmphatic(Utterance utterance, PhraseHit hit)
    {
        if (hit.Positions.Count != 1 || utterance.Words[hit.First] != "si" || hit.First + 1 >= utterance.Count
            || utterance.Clauses[hit.First + 1] != utterance.Clauses[hit.First])
            return false;
        var start = hit.First;
        while (start > 0 && utterance.Segments[start - 1] == utterance.Segments[hit.First])
            start--;
        return LanguageRules.IsContrast(utterance.Words[start]) && hit.First - start >= 2;
    }

    /// <summary>A "no" that only sets the speaker apart: "yo no", "moi non", "pas moi", "not me".</summary>
    private static bool IsAboutSelf(Utterance utterance, Negator negator)
    {
        var at = negator.Position;
        var before = at > 0 && utterance.Clauses[at - 1] == utterance.Clauses[at] && LanguageRules.IsSelf(utterance.Words[at - 1]);
        return before || (negator.Scope is [var only] && LanguageRules.IsSelf(utterance.Words[only]));
    }

    private static readonly HashSet<string> Without = new(StringComparer.Ordinal) { "sin", "sans", "without" };

    /// <summary>Words between a "without" and what it names: "sin que me amenacen", "without being beaten", "sans aucune raison".</summary>
    private static readonly HashSet<string> WithoutLeadIns = new(StringComparer.Ordinal)
    {
        "me", "te", "nos", "le", "les", "lui", "nous", "being", "ser", "etre", "any", "a", "un", "una", "une", "ningun", "ninguna",
        "aucun", "aucune", "ni", "haber", "avoir", "having",
    };

    private static readonly HashSet<string> ConcordWords = new(StringComparer.Ordinal)
    {
        "nadie", "nada", "nunca", "jamas", "rien", "personne", "jamais", "nobody", "nothing", "never",
    };

    /// <summary>
    /// "que no le pasen mis datos a nadie", "not give it to nobody": a "nadie" or "nada" closing a clause a "no" already
    /// opened repeats that no (negative concord); it is no second, bare no.
    /// </summary>
    private static bool Concords(Utterance utterance, Negator negator, List<Negator> negators) =>
        ConcordWords.Contains(utterance.Words[negator.Position]) && negators.Any(n => n.Position < negator.Position && utterance.Clauses[n.Position] == utterance.Clauses[negator.Position]
            && !LanguageRules.StandsAlone(utterance.Words[n.Position]));

    /// <summary>
    /// "no, no quiero cambiar", "non, je veux pas changer": a "no" alone, then a sentence that denies something named,
    /// is that sentence's own no said twice; the sentence is the answer.
    /// </summary>
    private static bool Echoes(Utterance utterance, Negator negator, HashSet<int> denying)
    {
        var clause = utterance.Clauses[negator.Position];
        var words = Enumerable.Range(0, utterance.Count).Where(p => utterance.Clauses[p] == clause).ToList();
        if (!words.All(p => LanguageRules.IsNegator(utterance.Words, p, utterance.Lexicon) || Vocabulary.IsStopWord(utterance.Words[p])))
            return false;
        return denying.Any(p => utterance.Clauses[p] == clause + 1);
    }

    /// <summary>
    /// Longest phrases first, and of two as long the one with fewer stop words ("iachr hearing" over "the hearing"); the words
    /// they take are not read again, except by an equally good phrase of another option,
    /// or by a phrase of the same option that reaches further: in "on m'a collé un procès pour diffamation" the suit is
    /// one thing, so "procès … diffamation" takes the defamation even though "collé un procès" took the suit first.
    /// </summary>
    private static List<Candidate> Accept(List<Candidate> candidates)
    {
        candidates.Sort((a, b) =>
        {
            var byLength = b.Hit.Phrase.Length.CompareTo(a.Hit.Phrase.Length);
            if (byLength != 0)
                return byLength;
            // "the IACHR hearing": "iachr hearing" names the hearing; "the hearing" only has an article more.
            var byDistinctive = b.Hit.Phrase.Distinctive.CompareTo(a.Hit.Phrase.Distinctive);
            if (byDistinctive != 0)
                return byDistinctive;
            var byKind = a.Kind.CompareTo(b.Kind);
            if (byKind != 0)
                return byKind;
            var byCost = a.Hit.Cost.CompareTo(b.Hit.Cost);
            return byCost != 0 ? byCost : a.Hit.First.CompareTo(b.Hit.First);
        });
        var accepted = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            var overlapping = accepted.Where(a => a.Hit.Overlaps(candidate.Hit)).ToList();
            if (overlapping.Count == 0
                || (candidate.Kind == PhraseKind.Option && overlapping.All(a => a.Kind == PhraseKind.Option && a.Option == candidate.Option)
                    && candidate.Hit.Positions.Any(p => !accepted.Any(a => a.Hit.Positions.Contains(p))))
                || (candidate.Kind == PhraseKind.Option && overlapping.All(a => a.Kind == PhraseKind.Option && a.Option != candidate.Option
                    && a.Hit.Phrase.Length == candidate.Hit.Phrase.Length && a.Hit.Phrase.Distinctive == candidate.Hit.Phrase.Distinctive
                    && a.Hit.Cost == candidate.Hit.Cost
                    && !accepted.Any(x => x.Option == candidate.Option && x.Hit.Overlaps(candidate.Hit)))))
            {
                accepted.Add(candidate);
            }
        }
        return accepted;
    }

    /// <summary>
    /// The phrases each negator denies, by index in <paramref name="accepted"/>: the first one in its reach, and those joined
    /// to it by nothing but "or", "ni" and small words ("not threatened or beaten"). "No en este momento estoy a salvo"
    /// denies the moment, not the safety said after it.
    /// </summary>
    private static Dictionary<int, List<int>> Reach(Utterance utterance, List<Candidate> accepted, List<Negator> negators, out HashSet<int> spent)
    {
        var reach = new Dictionary<int, List<int>>();
        spent = [];
        foreach (var negator in negators)
        {
            var last = -1;
            // A phrase is reached by its first telling word, not its article: "no news of our colleague since the police"
            // does not deny the police.
            int Telling(PhraseHit hit) => hit.Positions.FirstOrDefault(p => !Vocabulary.IsStopWord(utterance.Words[p]), hit.First);
            foreach (var index in Enumerable.Range(0, accepted.Count).Where(i => negator.Scope.Contains(Telling(accepted[i].Hit))).OrderBy(i => accepted[i].Hit.First))
            {
                var hit = accepted[index].Hit;
                // A phrase that says its own no ("pas d'accord", "rien") is that same no, not denied again: "je ne suis pas d'accord".
                if (hit.Positions.Any(p => LanguageRules.IsNegator(utterance.Words, p, utterance.Lexicon)))
                {
                    spent.Add(negator.Position);
                    break;
                }
                if (last >= 0 && hit.First > last + 1 && !Enumerable.Range(last + 1, hit.First - last - 1).All(p => LanguageRules.Joins(utterance.Words, p, utterance.Lexicon)))
                    break;
                if (!reach.TryGetValue(index, out var by))
                    reach[index] = by = [];
                by.Add(negator.Position);
                last = Math.Max(last, hit.Last);
            }
        }
        return reach;
    }

    /// <summary>Positions of the first word after a hedge ("más o menos urgente", "not so urgent"): what is said there is in doubt.</summary>
    private static HashSet<int> Hedged(Utterance utterance, List<Candidate> accepted)
    {
        var hedged = new HashSet<int>();
        // A hedge is its words side by side: "no es para tanto" is a no, not "no tanto".
        foreach (var hedge in accepted.Where(c => c.Kind == PhraseKind.Hedge
            && Enumerable.Range(c.Hit.First, c.Hit.Last - c.Hit.First + 1).All(p => c.Hit.Positions.Contains(p) || Vocabulary.IsStopWord(utterance.Words[p]))))
        {
            var next = hedge.Hit.Last + 1;
            while (next < utterance.Count && Vocabulary.IsStopWord(utterance.Words[next]))
                next++;
            if (next < utterance.Count && utterance.Clauses[next] == utterance.Clauses[hedge.Hit.Last])
                hedged.Add(next);
        }
        return hedged;
    }

    /// <summary>
    /// A hedge inside the words a phrase spans: "pas urgent" read over "pas très urgent", "not urgent" over "not so
    /// urgent". The phrase is then in doubt, as the option after a hedge is.
    /// </summary>
    private static bool HedgeWithin(Utterance utterance, PhraseHit hit)
    {
        for (var p = hit.First; p < hit.Last; p++)
        {
            foreach (var hedge in LanguageRules.Hedges)
            {
                var words = hedge.Split(' ');
                // A phrase that says its hedge in its own words ("english not so good") means it: no doubt of it.
                if (p + words.Length - 1 <= hit.Last && words.Select((w, k) => utterance.Words[p + k] == w).All(same => same)
                    && !Enumerable.Range(p, words.Length).All(hit.Positions.Contains))
                    return true;
            }
        }
        return false;
    }

    /// <summary>Each negator not inside a phrase, with the words it denies: the rest of its clause, up to the next "but".</summary>
    private static List<Negator> Negators(Utterance utterance, HashSet<int> consumed)
    {
        var negators = new List<Negator>();
        for (var i = 0; i < utterance.Count; i++)
        {
            if (consumed.Contains(i) || !LanguageRules.IsNegator(utterance.Words, i, utterance.Lexicon))
                continue;
            // "sans rien me dire puis relâché", "sans aucune raison": the "rien" of a "without" is that same without, which
            // denies the thing it names only, not what is told after it.
            if (FollowsWithout(utterance, i))
                continue;
            var scope = new List<int>();
            // "si no me voy, me matan": the condition's "no" denies its own verb, not what follows.
            var reach = i > 0 && LanguageRules.IsConditional(utterance.Words[i - 1]) ? 2 : MaxScope;
            // "no ahorita estoy bien": the "no" answers, the moment says when, and what follows is a new statement.
            var nowEnds = LanguageRules.EndOfNoThenNow(utterance.Words, i);
            if (nowEnds > 0)
                reach = nowEnds - i - 1;
            // "no no así ta bien": the "no" answers, and what is fine "así" is a new statement.
            var fineEnds = LanguageRules.EndOfNoThenFine(utterance.Words, i);
            if (fineEnds > 0)
                reach = Math.Min(reach, fineEnds - i - 1);
            // "no pls keep it quiet", "no gracias, mi abogado ya lo ve": the "no" said with its courtesy answers on its own.
            if (LanguageRules.IsNoThenCourtesy(utterance.Words, i, utterance.Lexicon) || LanguageRules.IsNoThenOwn(utterance.Words, i))
                reach = 0;
            for (var j = i + 1; j < utterance.Count && j - i <= reach && !LanguageRules.StandsAlone(utterance.Words[i]); j++)
            {
                // A new subject ends the denial even where a phrase starts with it: "can't talk they are here".
                if (utterance.Clauses[j] != utterance.Clauses[i] || LanguageRules.IsSubject(utterance.Words[j])
                    || (LanguageRules.EndsScope(utterance.Words[j]) && !consumed.Contains(j))
                    || LanguageRules.DeniesOnlyThePerson(utterance.Words, j))
                    break;
                if (LanguageRules.IsNegator(utterance.Words, j, utterance.Lexicon) && !consumed.Contains(j))
                    continue;
                scope.Add(j);
                // "une voiture sans plaque tourne autour de la maison": "without" denies the thing it names, not the rest.
                if (Without.Contains(utterance.Words[i]) && !Vocabulary.IsStopWord(utterance.Words[j]) && !WithoutLeadIns.Contains(utterance.Words[j]))
                    break;
            }
            negators.Add(new Negator(i, scope));
        }
        return negators;
    }

    /// <summary>Whether the negator at <paramref name="position"/> follows a "sin", "sans", "without" with only its lead-ins between.</summary>
    private static bool FollowsWithout(Utterance utterance, int position)
    {
        var at = position - 1;
        while (at >= 0 && utterance.Clauses[at] == utterance.Clauses[position] && WithoutLeadIns.Contains(utterance.Words[at]))
            at--;
        return at >= 0 && utterance.Clauses[at] == utterance.Clauses[position] && Without.Contains(utterance.Words[at]);
    }

    /// <summary>The first word of the clause of the word at <paramref name="position"/>.</summary>
    private static int FirstOfClause(Utterance utterance, int position)
    {
        while (position > 0 && utterance.Clauses[position - 1] == utterance.Clauses[position])
            position--;
        return position;
    }

    /// <summary>"es la 2", "c'est 3", "it's 2": words that may lead a number typed as the answer, besides courtesy.</summary>
    private static readonly HashSet<string> NumberLeadIns = new(StringComparer.Ordinal) { "es", "c", "est", "it", "s" };

    private static List<int> Numbers(Utterance utterance)
    {
        var normalized = utterance.Normalized;
        var tokens = TextNormalizer.Tokenize(normalized);
        var numbers = new List<int>();
        for (var i = 0; i < tokens.Length;)
        {
            var word = normalized.AsSpan()[tokens[i]];
            if (NumberWords.TryRead(normalized, tokens, i, out var number))
            {
                numbers.Add(number.Value);
                i += number.TokenCount;
                continue;
            }
            if (!Vocabulary.IsFiller(word) && !LanguageRules.IsCourtesy(word.ToString()) && !NumberLeadIns.Contains(word.ToString()))
                return [];
            i++;
        }
        return numbers;
    }

    /// <summary>The phrases every question shares in a language; built while loading, read-only afterwards.</summary>
    private List<(PhraseKind Kind, Phrase Phrase)> Common(string language)
    {
        if (_common.TryGetValue(language, out var list))
            return list;
        if (Languages.Count > 0 && !_building)
            return [];
        list = [];
        void Add(PhraseKind kind, IEnumerable<string> phrases)
        {
            foreach (var text in phrases)
            {
                if (Phrase.Compile(text, language, Lexicon) is { } phrase)
                {
                    list.Add((kind, phrase));
                    Know(language, phrase);
                }
            }
        }
        Add(PhraseKind.Unsure, LanguageRules.Unsure);
        // Always in danger is a life, not an emergency: asked again, unless a "but" then says what is now.
        Add(PhraseKind.Unsure, Lexicon.GeneralDoubts);
        Add(PhraseKind.Hedge, LanguageRules.Hedges);
        Add(PhraseKind.NotDenying, LanguageRules.NotDenying);
        Add(PhraseKind.Deferral, LanguageRules.Deferrals);
        Add(PhraseKind.No, LanguageRules.No);
        Add(PhraseKind.Yes, LanguageRules.Yes);
        Add(PhraseKind.Both, LanguageRules.Both);
        _common[language] = list;
        return list;
    }

    /// <summary>In order of precedence when two phrases of the same length take the same words.</summary>
    private enum PhraseKind
    {
        Option,
        PreferNot,
        Unsure,
        Hedge,
        NotDenying,
        Deferral,
        No,
        Yes,
        Both,
    }

    private readonly record struct Candidate(PhraseKind Kind, string? Option, PhraseHit Hit);

    private readonly record struct Negator(int Position, List<int> Scope);
}
