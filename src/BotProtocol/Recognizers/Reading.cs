using System.Text.Json.Serialization;

namespace BotProtocol.Recognizers;

/// <summary>
/// What one answer said about one question, before deciding: options named and not denied, options denied ("no me
/// amenazaron"), plain yes and no (a bare "no", "not right now", a denied "yes"), doubt, "prefer not to say", and numbers
/// typed for numbered options. Positions are word positions, so the earliest statement can be told apart.
/// </summary>
public sealed record Reading
{
    public IReadOnlyList<Mention> Affirmed { get; init; } = [];

    public IReadOnlyList<Mention> Denied { get; init; } = [];

    /// <summary>Positions of plain yes statements.</summary>
    public IReadOnlyList<Mention> Yes { get; init; } = [];

    /// <summary>Positions of plain no statements.</summary>
    public IReadOnlyList<Mention> No { get; init; } = [];

    /// <summary>
    /// Denials of nothing named ("no ahorita", "not at the moment", "no puedo salir"): a no when nothing else answers,
    /// outweighed by any plain yes or no.
    /// </summary>
    public IReadOnlyList<Mention> VagueNo { get; init; } = [];

    public bool PreferNot { get; init; }

    public bool Unsure { get; init; }

    /// <summary>
    /// The only doubt is a life told in general before a "but" ("siempre estoy en peligro, es mi trabajo, pero hoy no ha
    /// pasado nada", "always in danger, but nothing today"): what the "but" says of now is the answer.
    /// </summary>
    internal bool GeneralDoubtBeforeBut { get; init; }

    /// <summary>
    /// The answer says it is neither option, or part of each ("ni urgente ni viejo", "pas mon nom mais l'affaire oui"): a
    /// single choice is asked again, whatever option is also named.
    /// </summary>
    public bool Undecided { get; init; }

    /// <summary>Where the last thing said that is neither option starts (-1 when none is): what a "none" said before it is weighed against.</summary>
    public int UndecidedAt { get; init; } = -1;

    /// <summary>
    /// The segment where the last doubt said ends ("no sé…", "kind of."), -1 when none is, and past every segment when a
    /// hedge put an option in doubt: an answer told in a statement of its own after it may settle the doubt.
    /// </summary>
    internal int DoubtEndsIn { get; init; } = -1;

    /// <summary>The answer is put off: "más tarde", "plus tard", "later".</summary>
    public bool Deferred { get; init; }

    /// <summary>The answer opens with "both" ("las dos", "les deux"): no one option of a single choice is chosen.</summary>
    public bool Both { get; init; }

    /// <summary>Numbers, when the answer is nothing but numbers ("2", "1 y 3", "la segunda").</summary>
    public IReadOnlyList<int> Numbers { get; init; } = [];

    /// <summary>Options named, each once, in the order they were said.</summary>
    public IReadOnlyList<string> Options => [.. Affirmed.OrderBy(m => m.Position).Select(m => m.Option ?? "").Where(o => o.Length > 0).Distinct()];

    public bool SaidAnything => Affirmed.Count + Denied.Count + Yes.Count + No.Count + VagueNo.Count + Numbers.Count > 0 || PreferNot;
}

/// <summary>
/// An option (or a plain yes/no, with a null option) stated at a word position, in a segment (<see cref="Utterance.Segments"/>);
/// <paramref name="Aside"/> when said in passing ("though I also understand French"), <paramref name="AfterBut"/> when it
/// follows a "but" that corrects what came before ("I'm a man but it's my wife who is threatened").
/// </summary>
/// <paramref name="Past"/> when it follows such a "but" in a clause told of a past moment ("no, pero anoche rondaron la casa")
/// or of another place ("estoy en Bogotá, pero allá sí"): the story of why, not the answer about here and now. <paramref name="Qualifies"/> when it only says whose or of what the word before
/// it is ("un ami du syndicat", "el dirigente de la comunidad", "a friend from the union").
public readonly record struct Mention(
    string? Option, int Position, int Segment, bool Aside = false, bool AfterBut = false, bool Past = false, bool Qualifies = false);

/// <summary>How a question is answered, so one reading becomes one decision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerKind>))]
public enum AnswerKind
{
    /// <summary>Two options, yes then no.</summary>
    YesNo,

    /// <summary>One option of several.</summary>
    OneOf,

    /// <summary>Any number of options.</summary>
    SeveralOf,
}

/// <summary>
/// A question's options as the decision sees them: their values in the order shown (the numbers people type), which
/// option a plain yes and a plain no select (for a multi-select, <see cref="No"/> is its "none"), and the value of
/// "prefer not to say" when it is offered.
/// </summary>
/// <paramref name="DoubtLeansYes"/>: a yes said in doubt ("no sé, creo que sí") is a yes, where a wrong no costs more than a wrong yes.
public sealed record AnswerShape(AnswerKind Kind, IReadOnlyList<string> Values, string? Yes = null, string? No = null, string? PreferNot = null, bool DoubtLeansYes = false);

/// <summary>The decision: options chosen, "prefer not to say", two options to choose between, or not understood.</summary>
public sealed record Decision(DecisionKind Kind, IReadOnlyList<string> Values)
{
    public static Decision Unclear { get; } = new(DecisionKind.Unclear, []);

    public static Decision Declined { get; } = new(DecisionKind.PreferNot, []);

    public static Decision Of(params IReadOnlyList<string> values) => new(DecisionKind.Chosen, values);

    public static Decision Which(string first, string second) => new(DecisionKind.AskWhich, [first, second]);

    /// <summary>
    /// Decides what <paramref name="reading"/> answers. Never a guess: a yes and a no in the same clause, doubt on a
    /// yes/no question, or nothing recognised is <see cref="Unclear"/>; two options for a single choice ask which.
    /// </summary>
    public static Decision Decide(Reading reading, AnswerShape shape)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(shape);
        if (reading.Undecided && shape.Kind != AnswerKind.SeveralOf && !reading.PreferNot)
            return Unclear;
        return shape.Kind switch
        {
            AnswerKind.YesNo => YesOrNo(reading, shape),
            AnswerKind.OneOf => One(reading, shape),
            _ => Many(reading, shape),
        };
    }

    private static Decision YesOrNo(Reading reading, AnswerShape shape)
    {
        var (yes, no) = (shape.Values[0], shape.Values[1]);
        // "yes but no calling, only signal. i think the phone is tapped": after a plain yes, a "but" that refuses a means or
        // names the one asked for (an option that is neither yes nor no) tells why; what it tells is no "no".
        var asksItsMeans = reading.Yes.Any(m => !m.AfterBut)
            && reading.Affirmed.Concat(reading.Denied).Any(m => m.AfterBut && m.Option is { } o && o != no && o != Understanding.UndecidedOption
                && (o != yes || reading.Denied.Contains(m)));
        if (asksItsMeans)
            reading = reading with { Affirmed = [.. reading.Affirmed.Where(m => !(m.AfterBut && m.Option == no))] };
        var evidence = new List<bool>();
        evidence.AddRange(reading.Yes.Select(_ => true));
        evidence.AddRange(reading.No.Select(_ => false));
        evidence.AddRange(reading.Affirmed.Where(m => m.Option == yes || m.Option == no).Select(m => m.Option == yes));
        // "sí, pero que no me llamen, solo mensajes": after a plain yes, what a "but" denies is the yes's condition.
        var conditional = reading.Yes.Any(m => !m.AfterBut);
        var denied = reading.Denied.Where(m => (m.Option == yes || m.Option == no) && !(conditional && m.AfterBut && m.Option == yes)).ToList();
        evidence.AddRange(denied.Select(m => m.Option != yes));
        if (Corrected(reading, yes, no, denied) is { } corrected)
            return Of(corrected ? yes : no);
        var firm = evidence.Count > 0;
        if (evidence.Count == 0)
            evidence.AddRange(reading.VagueNo.Select(_ => false));
        // "later pls", "peut-être plus tard, pas maintenant": putting off what is offered is a no to it now, doubt about
        // when included; where doubt leans to safety (danger), a deferral is never taken for "no".
        if (reading.Deferred && !shape.DoubtLeansYes && !evidence.Contains(true) && (firm || evidence.Count == 0))
            return Of(no);
        if (evidence.Count == 0)
        {
            if (reading.PreferNot)
                return Declined;
            return reading.Numbers is [var n] ? ByNumber(n, shape) : Unclear;
        }
        // "ahorita no puedo hablar, más tarde": not now is no refusal when the person puts it off; asked again later.
        if (reading.Deferred && !evidence.Contains(true) && reading.No.Count == 0 && denied.Count == 0)
            return Unclear;
        // "mmm no sé... mejor no", "jsais pas... ya une voiture sans plaque devant chez moi depuis ce matin": doubt said first,
        // then an answer told in a statement of its own after it, settles it; where doubt leans to safety (danger), only a yes.
        if (reading.Unsure && evidence.Distinct().Count() == 1 && (evidence[0] || !shape.DoubtLeansYes)
            && (firm ? reading.Yes.Concat(reading.No).Concat(reading.Affirmed.Where(m => m.Option == yes || m.Option == no)).Concat(denied) : reading.VagueNo)
                .All(m => m.Segment > reading.DoubtEndsIn))
            return Of(evidence[0] ? yes : no);
        // "no sé, creo que sí, hay una camioneta parada": where doubt leans to safety, a doubtful yes is a yes; a question
        // about the question ("¿qué significa peligro inmediato?") is none.
        if (reading.Unsure && shape.DoubtLeansYes && reading.Yes.Count > 0 && evidence.All(e => e))
            return Of(yes);
        // Doubt, or a yes and a no together ("sí y no"): asked again, never guessed.
        if (reading.Unsure || evidence.Distinct().Count() > 1)
            return Unclear;
        return Of(evidence[0] ? yes : no);
    }

    /// <summary>
    /// A yes/no told as a story with a "but": "ahorita no, pero anoche estuvieron rondando la casa", "not now, but yesterday
    /// they came looking for me" is a no (what the "but" tells of a past night says why, not what is now); "peligro siempre
    /// hay, pero no es que me vayan a hacer algo hoy" is a no too (what the "but" says corrects a general statement before
    /// it). A plain "sí, pero…" is not corrected so: its condition is asked about. Null when no "but" settles it.
    /// </summary>
    private static bool? Corrected(Reading reading, string yes, string no, IReadOnlyList<Mention> denied)
    {
        if (reading.Unsure && !reading.GeneralDoubtBeforeBut)
            return null;
        var said = reading.Yes.Select(m => (m, true)).Concat(reading.No.Select(m => (m, false)))
            .Concat(reading.Affirmed.Where(m => m.Option == yes || m.Option == no).Select(m => (m, m.Option == yes)))
            .Concat(denied.Select(m => (m, m.Option != yes))).ToList();
        if (reading.Unsure)
        {
            // "siempre estoy en peligro, pero hoy no ha pasado nada": a life in danger told in general, then what is now.
            var told = said.Where(s => s.m.AfterBut && !s.m.Past).Select(s => s.Item2).Distinct().ToList();
            return said.All(s => s.m.AfterBut) && told is [var settled] ? settled : null;
        }
        var before = said.Where(s => !s.m.AfterBut).ToList();
        // "pas maintenant, je suis à Kinshasa, mais là-bas oui": a "not now" is the answer the "but" is weighed against.
        if (before.Count == 0)
            before = [.. reading.VagueNo.Where(m => !m.AfterBut).Select(m => (m, false))];
        var after = said.Where(s => s.m.AfterBut).ToList();
        if (before.Count == 0 || after.Count == 0 || before.Select(s => s.Item2).Distinct().Count() > 1)
            return null;
        var answer = before[0].Item2;
        var now = after.Where(s => !s.m.Past).ToList();
        if (now.Count == 0)
            return answer;
        // Only a statement made in general is corrected: a plain "no" or a denial ("pas de danger immédiat, mais les
        // menaces continuent") already answered, and a "but" after it that disagrees leaves the answer in doubt.
        var general = before.All(s => s.m.Option is not null && !denied.Contains(s.m));
        return general && now.All(s => s.Item2 != answer) ? !answer : null;
    }

    private static Decision One(Reading reading, AnswerShape shape)
    {
        var mentions = reading.Affirmed.Where(m => m.Option is not null && shape.Values.Contains(m.Option)).OrderBy(m => m.Position).ToList();
        // "yes, though I also understand French": what is said in passing is not the answer when something else is.
        var main = mentions.Where(m => !m.Aside).ToList();
        if (main.Count > 0 || reading.Yes.Count + reading.No.Count > 0)
            mentions = main;
        // "un ami du syndicat", "mi hermano, él es el dirigente de la comunidad": the union and the community say whose
        // friend or leader the person is; the person is the answer.
        if (mentions.Any(m => !m.Qualifies))
            mentions = [.. mentions.Where(m => !m.Qualifies)];
        var named = mentions.Select(m => m.Option!).Distinct().ToList();
        // "las dos, necesito protección ya pero también justicia": both were chosen, whatever the rest names; asked which.
        if (reading.Both && shape.Values.Where(v => v != shape.PreferNot).ToList() is [var first, var second])
            return Which(first, second);
        // "soy hombre pero la amenazada es mi esposa": the one said after the "but", and only there, is the answer.
        var afterBut = named.Where(o => mentions.Where(m => m.Option == o).All(m => m.AfterBut)).ToList();
        if (named.Count > 1 && afterBut.Count == 1 && !reading.Unsure)
            named = afterBut;
        if (named.Count == 1)
            return Of(named[0]);
        if (named.Count > 1)
            return Which(named[0], named[1]);
        if (reading.PreferNot)
            return Declined;
        var denied = reading.Denied.Any(m => m.Option is not null && shape.Values.Contains(m.Option));
        // A "no" that is no option of its own ("keep this language?"): "quiero cambiar" says it, "no quiero cambiar" denies it.
        var ownNo = shape.No is { } n0 && !shape.Values.Contains(n0) ? n0 : null;
        var changes = ownNo is not null && reading.Affirmed.Any(m => m.Option == ownNo);
        var keeps = ownNo is not null && reading.Denied.Any(m => m.Option == ownNo);
        var saidYes = reading.Yes.Count > 0 || keeps;
        var saidNo = reading.No.Count > 0 || denied || changes || (reading.VagueNo.Count > 0 && !saidYes);
        if (shape.No is { } no && saidNo && !saidYes)
            return reading.Unsure ? Unclear : Of(no);
        if (shape.Yes is { } yes && saidYes && reading.No.Count == 0 && !denied && !changes)
            return reading.Unsure ? Unclear : Of(yes);
        if (reading.Numbers is [var n] && !saidNo && reading.Affirmed.Count + reading.Yes.Count == 0)
            return ByNumber(n, shape);
        return Unclear;
    }

    private static Decision Many(Reading reading, AnswerShape shape)
    {
        var named = reading.Options.Where(shape.Values.Contains).ToList();
        if (named.Count > 1 && shape.No is { } none)
            named.Remove(none);
        // "rien ne m'est arrivé à moi, c'est ma voisine qui a des soucis", "nada, solo me despidieron": "none of these"
        // followed by something that happened and is none of the options is not "nothing happened": asked again. Said
        // before it, the other thing is what "none" answers ("la policía no hace nada pero a mí no me ha pasado nada").
        if (reading.Undecided && shape.No is { } nothingHappened && named is [var only] && only == nothingHappened
            && reading.Affirmed.Any(m => m.Option == nothingHappened && m.Position < reading.UndecidedAt))
            return Unclear;
        if (named.Count > 0)
            return Of(named);
        if (reading.PreferNot)
            return Declined;
        // "I have no threats" denies one option and says nothing of the others: not "none of these". Nor does a "no"
        // inside a story ("he was never booked", "they won't say where he is"), which tells what happened.
        var saidNo = reading.No.Count > 0;
        if (shape.No is { } nothing && saidNo && reading.Yes.Count == 0 && !reading.Unsure)
            return Of(nothing);
        if (reading.Numbers.Count > 0 && !saidNo && reading.Denied.Count == 0 && reading.Affirmed.Count + reading.Yes.Count == 0)
        {
            var chosen = new List<string>();
            foreach (var n in reading.Numbers)
            {
                var decision = ByNumber(n, shape);
                if (decision.Kind == DecisionKind.Unclear)
                    return Unclear;
                if (decision.Kind == DecisionKind.PreferNot)
                    return reading.Numbers.Count == 1 ? Declined : Unclear;
                chosen.AddRange(decision.Values.Where(v => !chosen.Contains(v)));
            }
            return Of(chosen);
        }
        return Unclear;
    }

    private static Decision ByNumber(int number, AnswerShape shape)
    {
        if (number >= 1 && number <= shape.Values.Count)
            return Of(shape.Values[number - 1]);
        if (shape.PreferNot is not null && number == shape.Values.Count + 1)
            return Declined;
        return Unclear;
    }
}

public enum DecisionKind
{
    Chosen,
    PreferNot,
    AskWhich,
    Unclear,
}
