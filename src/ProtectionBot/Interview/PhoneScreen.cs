namespace ProtectionBot.Interview;

/// <summary>
/// How much plain text one phone screen holds, for channels that show text rather than cards (WhatsApp). The model is
/// a 390×844 phone, common among cheap Android phones: WhatsApp's header, reply bar and the system bars leave about
/// 620 px of conversation; at WhatsApp's default 16 px text on 22 px lines, less a bubble's padding and time stamp,
/// that is 26 lines, and a bubble about 340 px wide holds some 36 characters a line. Lines are counted as the phone
/// wraps them, at spaces; a word longer than a line (a URL) takes as many lines as it needs.
/// </summary>
internal static class PhoneScreen
{
    public const int Columns = 36;

    public const int Lines = 26;

    public static bool Fits(string text) => LinesOf(text) <= Lines;

    public static int LinesOf(string text) => text.Split('\n').Sum(WrappedLines);

    private static int WrappedLines(string line)
    {
        var lines = 1;
        var used = 0;
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var needed = used == 0 ? word.Length : used + 1 + word.Length;
            if (needed <= Columns)
            {
                used = needed;
                continue;
            }
            if (used > 0)
                lines++;
            lines += (word.Length - 1) / Columns;
            used = (word.Length - 1) % Columns + 1;
        }
        return lines;
    }
}
