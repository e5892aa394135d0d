using ProtectionBot.Content;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// A first guess at the language of someone writing from a phone number, until they choose: the country of the
/// number's calling code (the longest that matches, so +1 809 is the Dominican Republic and +1 the United States and
/// Canada) and the language <c>knowledge/countries.yaml</c> gives it. Codes shared by countries that declare
/// different languages, codes of countries that declare none, and unknown codes give English.
/// </summary>
internal sealed class CallingCodeLanguage
{
    private readonly Dictionary<string, string> _byCode = new(StringComparer.Ordinal);
    private readonly int _longest;

    public CallingCodeLanguage(CountryCatalog countries)
    {
        foreach (var group in countries.All.Where(c => c.CallingCode is not null).GroupBy(c => c.CallingCode!, StringComparer.Ordinal))
        {
            var declared = group.Select(c => c.Language).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            _byCode[group.Key] = declared is [var only] ? only : Language.English;
            _longest = Math.Max(_longest, group.Key.Length);
        }
    }

    public string Guess(string? phoneNumber)
    {
        var digits = new string([.. (phoneNumber ?? "").Where(char.IsAsciiDigit)]);
        for (var length = Math.Min(_longest, digits.Length); length > 0; length--)
        {
            if (_byCode.TryGetValue(digits[..length], out var language))
                return language;
        }
        return Language.English;
    }
}
