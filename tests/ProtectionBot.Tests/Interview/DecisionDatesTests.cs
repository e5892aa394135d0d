using System.Globalization;
using ProtectionBot.Interview;

namespace ProtectionBot.Tests.Interview;

/// <summary>The date of a final decision as defenders type it, told on 4 December 2026.</summary>
public sealed class DecisionDatesTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    [Theory]
    [InlineData("es", "marzo del 19", "2019-03-01")]
    [InlineData("es", "en noviembre de 22", "2022-11-01")]
    [InlineData("en", "june '23", "2023-06-01")]
    [InlineData("fr", "le 5/6/24", "2024-06-05")]
    public void A_year_typed_with_two_digits_is_a_year(string language, string text, string expected)
    {
        Assert.Equal(expected, Read(text, language));
    }

    [Theory]
    [InlineData("en", "03/04/2025 (3 april)", "2025-04-03")]
    [InlineData("en", "04/03/2025, the 4th of march", "2025-03-04")]
    public void A_month_named_beside_a_date_in_digits_says_which_number_is_the_month(string language, string text, string expected)
    {
        Assert.Equal(expected, Read(text, language));
    }

    [Theory]
    [InlineData("es", "primera instancia en mayo 2022 y la corte suprema confirmó el 10 de febrero de 2024", "2024-02-10")]
    [InlineData("fr", "le tribunal en 2021, puis la cour d'appel a rejeté le 2 octobre 2023", "2023-10-02")]
    [InlineData("en", "lost in 2020, the appeal was thrown out in july 2022", "2022-07-01")]
    public void Of_several_dates_the_final_decision_is_the_latest(string language, string text, string expected)
    {
        Assert.Equal(expected, Read(text, language));
    }

    /// <summary>Deadlines count in months: a year alone, or a later year said alone after a full date, is asked again.</summary>
    [Theory]
    [InlineData("en", "sometime in 2026 i think")]
    [InlineData("es", "fue en el 2025")]
    [InlineData("fr", "l'an dernier")]
    [InlineData("en", "the magistrate in may 2021, then the high court dismissed it in 2023")]
    public void A_year_alone_is_no_date(string language, string text)
    {
        Assert.Null(Read(text, language));
    }

    [Fact]
    public void A_day_after_its_month_is_still_a_day_without_a_joining_word()
    {
        Assert.Equal("2026-10-21", Read("october 21", "en"));
    }

    private static string? Read(string text, string language) =>
        DecisionDates.Read(text, Today, language)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
