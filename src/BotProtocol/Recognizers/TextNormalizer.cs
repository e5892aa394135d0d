using System.Buffers;
using System.Globalization;
using System.Text;

namespace BotProtocol.Recognizers;

/// <summary>
/// Brings what a person typed and what a table holds to one comparable form: lower case, no diacritics,
/// punctuation turned into spaces, single spaces, trimmed. "¿México?" and "mexico" both become "mexico";
/// "d'accord" becomes "d accord", so tables are written naturally and normalised the same way.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;

        // Compatibility decomposition also folds full-width letters, ligatures such as "ﬁ" and the ordinal
        // indicators of "2º" / "1ª" into plain letters; ASCII input (the common case) needs none of it.
        var source = Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKD);

        // Each character yields at most two ("ß" → "ss") plus one separating space.
        var capacity = source.Length * 3;
        char[]? rented = null;
        Span<char> buffer = capacity <= 512 ? stackalloc char[capacity] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        var length = 0;
        var pendingSpace = false;

        foreach (var c in source)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                Append(buffer, ref length, ref pendingSpace, char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c);
                continue;
            }
            if (c < 0x80)
            {
                pendingSpace = true;
                continue;
            }
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    break;
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber:
                    AppendLetter(buffer, ref length, ref pendingSpace, char.ToLowerInvariant(c));
                    break;
                default:
                    pendingSpace = true;
                    break;
            }
        }

        var result = new string(buffer[..length]);
        if (rented is not null)
            ArrayPool<char>.Shared.Return(rented);
        return result;
    }

    /// <summary>
    /// A normalised word as it sounds, for the misspellings of people who write by ear: "z", "ç" and a soft "c" are "s",
    /// "v" is "b", "k" and "qu" are "c", "y" is "i", "ll" is "i", a silent "h" and doubled letters go ("menasse" sounds
    /// like "menace", "amenasa" like "amenaza", "yamada" like "llamada").
    /// </summary>
    public static string SoundsAlike(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var builder = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            char sound = c switch
            {
                'z' => 's',
                'c' when next is 'e' or 'i' => 's',
                'v' => 'b',
                'k' => 'c',
                'q' when next == 'u' => 'c',
                'y' => 'i',
                'l' when next == 'l' => 'i',
                'h' => '\0',
                _ => c,
            };
            if (c == 'q' && next == 'u')
                i++;
            else if (c == 'l' && next == 'l')
                i++;
            if (sound != '\0' && (builder.Length == 0 || builder[^1] != sound))
                builder.Append(sound);
        }
        return builder.ToString();
    }

    /// <summary>The words of <see cref="Normalize"/>'s result, as ranges into it (no substring is allocated).</summary>
    public static Range[] Tokenize(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length == 0)
            return [];
        var count = normalized.AsSpan().Count(' ') + 1;
        var ranges = new Range[count];
        normalized.AsSpan().Split(ranges, ' ');
        return ranges;
    }

    // Letters that have no decomposition, so FormKD leaves them whole; written as people type them without the key.
    private static void AppendLetter(Span<char> buffer, ref int length, ref bool pendingSpace, char c)
    {
        switch (c)
        {
            case 'ß':
                Append(buffer, ref length, ref pendingSpace, 's');
                buffer[length++] = 's';
                break;
            case 'œ':
                Append(buffer, ref length, ref pendingSpace, 'o');
                buffer[length++] = 'e';
                break;
            case 'æ':
                Append(buffer, ref length, ref pendingSpace, 'a');
                buffer[length++] = 'e';
                break;
            case 'ø':
                Append(buffer, ref length, ref pendingSpace, 'o');
                break;
            case 'ł':
                Append(buffer, ref length, ref pendingSpace, 'l');
                break;
            case 'đ' or 'ð':
                Append(buffer, ref length, ref pendingSpace, 'd');
                break;
            case 'ı':
                Append(buffer, ref length, ref pendingSpace, 'i');
                break;
            default:
                Append(buffer, ref length, ref pendingSpace, c);
                break;
        }
    }

    private static void Append(Span<char> buffer, ref int length, ref bool pendingSpace, char c)
    {
        if (pendingSpace && length > 0)
            buffer[length++] = ' ';
        pendingSpace = false;
        buffer[length++] = c;
    }
}
