namespace ProtectionBot.Interview;

/// <summary>What a channel can show. Unknown channels get cards: every Bot Framework channel but SMS-like ones renders them.</summary>
internal static class ChannelCapabilities
{
    private static readonly HashSet<string> TextOnly = new(StringComparer.OrdinalIgnoreCase) { "whatsapp", "sms" };

    public static bool RendersAdaptiveCards(string? channelId) => channelId is null || !TextOnly.Contains(channelId);
}
