using System.Globalization;
using BotProtocol.Recognizers;

namespace ProtectionBot.Interview;

/// <summary>
/// The date of a final decision as people type it: "2026-03-14", "14/03/2026", "03/2026", "14 de marzo de 2026",
/// "mars 2025", "March 14, 2025", "en 2024". A date known only by its month or year is its first day: the earliest a
/// time limit can end from it, so nobody is told they have more time than they do. Anything else is not a date.
/// </summary>
internal static class DecisionDates
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    public static DateOnly? Read(string? text, DateOnly today)
    {
        var words = TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int? named = null;
        var numbers = new List<int>();
        foreach (var word in words)
        {
            if (named is null && Months.TryGetValue(word, out var month))
                named = month;
            else if (word.Length <= 4 && word.All(char.IsAsciiDigit))
                numbers.Add(int.Parse(word, CultureInfo.InvariantCulture));
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
