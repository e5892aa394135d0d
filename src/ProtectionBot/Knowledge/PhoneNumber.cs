using System.Text.RegularExpressions;

namespace ProtectionBot.Knowledge;

/// <summary>
/// Phone numbers as the catalogue writes them: international form, <c>+</c> and the country code, groups of digits
/// separated by single spaces (<c>+353 1 210 0489</c>). Written so, a number is a <c>tel:</c> link on the web and
/// WhatsApp and phones link it on their own in plain text; brackets, dashes and a missing country code break that.
/// </summary>
internal static partial class PhoneNumber
{
    public static bool IsInternational(string number) => International().IsMatch(number);

    /// <summary>The <c>tel:</c> URI (RFC 3966 global number: <c>+</c> and digits only).</summary>
    public static string TelUri(string number) => "tel:+" + string.Concat(number.Where(char.IsAsciiDigit));

    [GeneratedRegex(@"^\+[1-9][0-9]{0,3}( [0-9]{1,6})+$", RegexOptions.CultureInvariant)]
    private static partial Regex International();
}
