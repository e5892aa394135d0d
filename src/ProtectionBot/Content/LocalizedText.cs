namespace ProtectionBot.Content;

/// <summary>A text written in each of the bot's languages.</summary>
internal sealed record LocalizedText(string Es, string Fr, string En)
{
    public string In(string language) => language switch
    {
        Language.French => Fr,
        Language.English => En,
        _ => Es,
    };
}
