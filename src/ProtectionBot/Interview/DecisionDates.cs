using System.Globalization;
using System.Text.RegularExpressions;
using BotProtocol.Recognizers;

namespace ProtectionBot.Interview;

/// <summary>
/// The date of a final decision as people type it: "2026-03-14", "14/03/2026", "03/2026", "14 de marzo de 2026",
/// "le 1er mai 2026", "mars 2025", "March 14, 2025", "2nd September 2024", and told from today: "last month",
/// "feb this year", "en agosto del año pasado", "le 3 mars dernier" (no year: the latest already past), "hace dos meses".
/// A date known only by its month is its first day: the earliest a time limit can end from it, so nobody is told they
/// have more time than they do. A year alone ("en 2024", "l'an dernier") is not a date: deadlines count in months, so
/// the month is asked for. Anything else is not a date, nor is a date to come.
/// </summary>
internal static class DecisionDates
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    /// <summary>Months written in full, which alone (without a day or a year) still name a month: not "ago", "mar", "sept".</summary>
    private static readonly HashSet<string> FullMonths = BuildFullMonths();

    /// <summary>Ordinal endings typed after a day: "1st", "2nd", "1er", "1ero", "2do" (normalised, so "1º" is "1o").</summary>
    private static readonly string[] Ordinals = ["st", "nd", "rd", "th", "er", "ere", "eme", "e", "o", "ro", "ero", "do", "to", "vo", "no"];

    /// <summary>The date in <paramref name="text"/>, or null (ambiguous ones too: see <see cref="IsAmbiguous"/>).</summary>
    public static DateOnly? Read(string? text, DateOnly today, string language) => Parse(text, today, language, out _);

    /// <summary>
    /// Whether <paramref name="text"/> is a date whose day and month cannot be told apart: "03/04/2026" in English is
    /// 3 April in Britain and 4 March in the United States. Spanish and French always write the day first.
    /// </summary>
    public static bool IsAmbiguous(string? text, DateOnly today, string language)
    {
        Parse(text, today, language, out var ambiguous);
        return ambiguous;
    }

    private static readonly Regex Dotted = new(@"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b", RegexOptions.CultureInvariant);

    private static DateOnly? Parse(string? text, DateOnly today, string language, out bool ambiguous)
    {
        var words = TextNormalizer.Normalize(ShortYears(text, today)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // "12.05.2024": dots are written day first, in English too (the month first is written with slashes).
        if (language == "en" && Dotted.IsMatch(text ?? ""))
            language = "es";
        var date = Parse(words, today, language, out ambiguous);
        return date is null && !ambiguous ? LatestOfSeveral(words, today, language, out ambiguous) : date;
    }

    /// <summary>
    /// "sept 2023 the high court, then appeal dismissed 3 jan 2025": several dates, each closed by its year; the final
    /// decision is the latest. Words after the last year ("12/08/2024 (12 august)") add no date of their own.
    /// </summary>
    private static DateOnly? LatestOfSeveral(string[] words, DateOnly today, string language, out bool ambiguous)
    {
        ambiguous = false;
        var years = Enumerable.Range(0, words.Length).Where(i => Number(words[i]) >= 1900).ToList();
        if (years.Count < 2)
            return null;
        DateOnly? latest = null;
        int? yearAlone = null;
        var from = 0;
        foreach (var year in years)
        {
            var date = Parse(words[from..(year + 1)], today, language, out var unsure);
            if (unsure)
            {
                ambiguous = true;
                return null;
            }
            if (date is { } found && (latest is null || found > latest))
                latest = found;
            // "in may 2021, then in 2023 the high court": a later year said alone leaves the final decision's month unknown.
            else if (date is null && Number(words[year]) is { } alone && (yearAlone is null || alone > yearAlone))
                yearAlone = alone;
            from = year + 1;
        }
        return yearAlone is { } later && later >= latest?.Year ? null : latest;
    }

    /// <summary>"oct '21", "octubre del 21", "d'octobre 21": a year typed with two digits, written out in full.</summary>
    private static string ShortYears(string? text, DateOnly today)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        string Full(Match m)
        {
            var two = int.Parse(m.Groups["yy"].Value, CultureInfo.InvariantCulture);
            var year = 2000 + two <= today.Year ? 2000 + two : 1900 + two;
            return m.Groups["before"].Value + year.ToString(CultureInfo.InvariantCulture);
        }
        // After an apostrophe ("'21"), or after a month's name and "del"/"de" ("octubre del 21", "mars de 21").
        text = Regex.Replace(text, @"['’‘´`](?<yy>\d{2})\b(?<before>)", Full, RegexOptions.None, TimeSpan.FromSeconds(1));
        return Regex.Replace(text, @"(?<before>\p{L}+\s+(?:del|de)\s+)(?<yy>\d{2})\b(?![/.\-]\d)", m =>
            Months.ContainsKey(TextNormalizer.Normalize(m.Groups["before"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])) ? Full(m) : m.Value,
            RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    private static DateOnly? Parse(string[] words, DateOnly today, string language, out bool ambiguous)
    {
        ambiguous = false;
        var joined = " " + string.Join(' ', words) + " ";
        // A decision still to come ("le 3 mars prochain", "next march") is no date of a final decision.
        if (Future.Any(joined.Contains))
            return null;
        var used = new bool[words.Length];
        var ago = Ago(words, used, today);
        int? named = null;
        var trusted = false;
        var numbers = new List<int>();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (used[i])
                continue;
            if (named is null && Months.TryGetValue(word, out var month) && !NotAMonth(words, i, language))
            {
                named = month;
                // "may" is also a verb, "ago" and "sept" English and French words: alone, without a day or a year, no month.
                trusted = FullMonths.Contains(word) && !(language == "en" && word == "may" && (i == 0 || words[i - 1] is not ("in" or "of" or "since" or "on")));
            }
            else if (Number(word) is { } number)
                numbers.Add(number);
        }
        // "il y a deux ans, en mars": the year of the years ago.
        int? yearSaid = Said(joined, LastYear) ? today.Year - 1 : Said(joined, ThisYear) ? today.Year : ago is { Unit: 'y' } years ? years.Date.Year : null;
        var monthSaid = Said(joined, LastMonth) ? today.AddMonths(-1) : Said(joined, ThisMonth) ? today : (DateOnly?)null;
        // "12/08/24": a year of two digits after a day and a month.
        if (named is null && numbers is [<= 31, <= 12, < 100 and var shortYear])
            numbers[2] = 2000 + shortYear <= today.Year ? 2000 + shortYear : 1900 + shortYear;
        var (day, monthNumber, year) = (named, numbers) switch
        {
            // "12/08/2024 (12 august)": the month named says which of the two numbers is the month.
            ({ } m, [var a, var b, var y, ..]) when y >= 1900 && a <= 31 && b <= 31 && (a == m || b == m) => Date(b == m ? a : b, m, y),
            ({ } m, [var d, var y]) when y >= 1900 => Date(d, m, y),
            ({ } m, [var y, var d]) when y >= 1900 => Date(d, m, y),
            ({ } m, [var y]) when y >= 1900 => Date(null, m, y),
            // "le 3 mars dernier", "el 27 de noviembre", "feb this year", "en agosto del año pasado": the year is the one
            // said ("this year", "last year"), or else the latest such day not after today: a decision already taken.
            ({ } m, [var d]) when d <= 31 => Date(d, m, yearSaid ?? Latest(today, m, d)),
            ({ } m, []) when trusted || yearSaid is not null => Date(null, m, yearSaid ?? Latest(today, m, 1)),
            (null, [var y, var m, var d]) when y >= 1900 => Date(d, m, y),
            (null, [var d, var m, var y]) when y >= 1900 => Date(d, m, y),
            (null, [var y, var m]) when y >= 1900 => Date(null, m, y),
            (null, [var m, var y]) when y >= 1900 => Date(null, m, y),
            // "el 15 del mes pasado", "le mois passé", "last month".
            (null, [var d]) when d <= 31 && monthSaid is { } said => Date(d, said.Month, said.Year),
            (null, []) when monthSaid is { } said => Date(null, said.Month, said.Year),
            (null, []) when ago is { Date: var when } => Date(when.Day, when.Month, when.Year),
            // Anything else, a year alone included ("sometime in 2022", "en 2024", "l'an dernier"): no date to count a
            // deadline in months from, so the month is asked for (as the year's first day, a decision of November would be
            // read as lapsed in July).
            _ => Date(null, null, null),
        };
        // Day first in Spanish and French; in English "03/04" is read both ways, unless one of the two cannot be a month.
        if (named is null && numbers is [var first, var second, >= 1900] && first != second && first <= 12 && second <= 12 && language == "en")
        {
            ambiguous = true;
            return null;
        }
        if (year is null || year > today.Year)
            return null;
        try
        {
            var date = new DateOnly(year.Value, monthNumber ?? 1, day ?? 1);
            return date > today ? null : date;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The year of the latest day <paramref name="day"/> of <paramref name="month"/> not after today.</summary>
    private static int Latest(DateOnly today, int month, int day) =>
        month < today.Month || (month == today.Month && day <= today.Day) ? today.Year : today.Year - 1;

    private static bool Said(string joined, string[] phrases) => phrases.Any(p => joined.Contains(" " + p + " ", StringComparison.Ordinal));

    // Normalised: no accents, apostrophes are spaces ("l'année passée" is "l annee passee").
    private static readonly string[] LastYear = ["last year", "previous year", "ano pasado", "pasado ano", "ano anterior", "annee passee", "annee derniere", "an passe", "an dernier", "annee precedente"];
    private static readonly string[] ThisYear = ["this year", "este ano", "ano en curso", "cette annee", "cet an", "annee en cours"];
    private static readonly string[] LastMonth = ["last month", "previous month", "mes pasado", "pasado mes", "mes anterior", "mois passe", "mois dernier", "mois precedent"];
    private static readonly string[] ThisMonth = ["this month", "este mes", "ce mois"];
    private static readonly string[] Future =
    [
        "next", "coming", "proximo", "proxima", "que viene", "prochain", "prochaine", "a venir", "va a ser", "sera",
        // A hearing set for a day ("the hearing is on 20 January", "la audiencia es el 3", "l'audience est fixée au 5").
        " is on ", " will be ", " is scheduled", " scheduled for", " is set for", " is due ", " es el ", " esta programad", " quedo para ",
        " fijada para", " fijaron para", " est le ", " est fixee", " est prevue", " est prevu ", " aura lieu", " tendra lugar",
    ];

    /// <summary>
    /// A day told from today: "yesterday", "ayer", "hier", "last week", "la semana pasada", "la semaine dernière", and a
    /// number of days, weeks, months or years ago ("hace 3 semanas", "il y a deux mois", "2 years ago", "a week ago"). A
    /// month or year ago is known only by its month or year, so its first day; "il y a un moment", "a while ago" hold
    /// no number and no date. The words read are marked <paramref name="used"/>, so their number is no day.
    /// </summary>
    private static (DateOnly Date, char Unit)? Ago(string[] words, bool[] used, DateOnly today)
    {
        var joined = " " + string.Join(' ', words) + " ";
        for (var i = 0; i < words.Length; i++)
        {
            // "hace 3 semanas", "il y a 3 semaines", texted "y a 3 semaines", "ya 3 semaines", "ça fait 3 semaines": the
            // number after; "3 weeks ago", "3 weeks back": the number before.
            var after = words[i] is "hace" or "ya" || (words[i] == "a" && i >= 1 && words[i - 1] == "y")
                || (words[i] == "fait" && i >= 1 && words[i - 1] is "ca" or "cela") ? i + 1 : -1;
            var before = words[i] is "ago" or "back" ? i - 2 : -1;
            var at = after >= 0 ? after : before;
            if (at < 0 || at + 1 >= words.Length || Count(words[at]) is not { } count || Unit(words[at + 1]) is not { } unit)
                continue;
            used[at] = used[at + 1] = used[i] = true;
            var monthsAgo = today.AddMonths(-count);
            return (unit switch
            {
                'd' => today.AddDays(-count),
                'w' => today.AddDays(-7 * count),
                'm' => new DateOnly(monthsAgo.Year, monthsAgo.Month, 1),
                _ => new DateOnly(today.Year - count, 1, 1),
            }, unit);
        }
        if (Said(joined, ["day before yesterday", "antier", "anteayer", "antes de ayer", "avant hier"]))
            return (today.AddDays(-2), 'd');
        if (Said(joined, ["yesterday", "ayer", "hier"]))
            return (today.AddDays(-1), 'd');
        if (Said(joined, ["today", "hoy", "aujourd hui"]))
            return (today, 'd');
        // Last week: its Monday, the earliest it can be.
        if (Said(joined, ["last week", "previous week", "semana pasada", "pasada semana", "semaine passee", "semaine derniere"]))
            return (today.AddDays(-7 - ((int)today.DayOfWeek + 6) % 7), 'd');
        return null;
    }

    private static int? Count(string word) =>
        word is "a" or "an" ? 1 : NumberWords.TryParse(word, out var count) && count > 0 ? count : Number(word) is > 0 and < 100 and var n ? n : null;

    private static char? Unit(string word) => word switch
    {
        "day" or "days" or "dia" or "dias" or "jour" or "jours" => 'd',
        "week" or "weeks" or "semana" or "semanas" or "semaine" or "semaines" => 'w',
        "month" or "months" or "mes" or "meses" or "mois" => 'm',
        "year" or "years" or "ano" or "anos" or "an" or "ans" or "annee" or "annees" => 'y',
        _ => null,
    };

    /// <summary>"sept" before a unit is seven ("il y a sept mois"); "ago" in English is no August.</summary>
    private static bool NotAMonth(string[] words, int i, string language) =>
        (words[i] == "ago" && language == "en") || (words[i] == "sept" && i + 1 < words.Length && Unit(words[i + 1]) is not null);

    /// <summary>A day, month or year typed in digits, with an ordinal ending or not: "14", "2026", "2nd", "1er".</summary>
    private static int? Number(string word)
    {
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
            digits++;
        if (digits == 0 || digits > 4)
            return null;
        if (digits < word.Length && (digits > 2 || !Ordinals.Contains(word[digits..])))
            return null;
        return int.Parse(word.AsSpan(0, digits), CultureInfo.InvariantCulture);
    }

    private static (int? Day, int? Month, int? Year) Date(int? day, int? month, int? year) => (day, month, year);

    private static HashSet<string> BuildFullMonths()
    {
        var months = new HashSet<string>(StringComparer.Ordinal) { "setiembre" };
        foreach (var culture in new[] { "es", "fr", "en" })
            months.UnionWith(CultureInfo.GetCultureInfo(culture).DateTimeFormat.MonthNames.Where(m => m.Length > 0).Select(m => TextNormalizer.Normalize(m)));
        return months;
    }

    private static Dictionary<string, int> BuildMonths()
    {
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var culture in new[] { "es", "fr", "en" })
        {
            var format = CultureInfo.GetCultureInfo(culture).DateTimeFormat;
            for (var i = 0; i < 12; i++)
            {
                months[TextNormalizer.Normalize(format.MonthNames[i])] = i + 1;
                months[TextNormalizer.Normalize(format.AbbreviatedMonthNames[i]).TrimEnd()] = i + 1;
            }
        }
        months["setiembre"] = 9;
        months.Remove("");
        return months;
    }
}
