using System.Globalization;
using BotProtocol.Recognizers;

namespace ProtectionBot.Interview;

/// <summary>
/// The date of a final decision as people type it: "2026-03-14", "14/03/2026", "03/2026", "14 de marzo de 2026",
/// "le 1er mai 2026", "mars 2025", "March 14, 2025", "2nd September 2024", "en 2024". A date known only by its month or
/// year is its first day: the earliest a time limit can end from it, so nobody is told they have more time than they do.
/// Anything else is not a date.
/// </summary>
internal static class DecisionDates
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

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

    private static DateOnly? Parse(string? text, DateOnly today, string language, out bool ambiguous)
    {
        ambiguous = false;
        var words = TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int? named = null;
        var numbers = new List<int>();
        foreach (var word in words)
        {
            if (named is null && Months.TryGetValue(word, out var month))
                named = month;
            else if (Number(word) is { } number)
                numbers.Add(number);
        }
        var (day, monthNumber, year) = (named, numbers) switch
        {
            ({ } m, [var d, var y]) when y >= 1900 => Date(d, m, y),
            ({ } m, [var y, var d]) when y >= 1900 => Date(d, m, y),
            ({ } m, [var y]) when y >= 1900 => Date(null, m, y),
            (null, [var y, var m, var d]) when y >= 1900 => Date(d, m, y),
            (null, [var d, var m, var y]) when y >= 1900 => Date(d, m, y),
            (null, [var y, var m]) when y >= 1900 => Date(null, m, y),
            (null, [var m, var y]) when y >= 1900 => Date(null, m, y),
            (null, [var y]) when y >= 1900 => Date(null, null, y),
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
