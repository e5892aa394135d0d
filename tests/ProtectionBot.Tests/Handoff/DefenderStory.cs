using BotProtocol.Schema;
using ProtectionBot.Tests.Channels.WhatsApp;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Handoff;

/// <summary>
/// A defender telling their situation the way people type it (lower case, no accents, short answers), in one language,
/// up to the summary of what would be shared; <see cref="Send"/> is what they answer to it. The Spanish and English
/// stories happen in Colombia (desk A, then desk B); the French one in Haiti, which only desk B covers.
/// </summary>
internal sealed record DefenderStory(string Locale, string DeskChannel, string Description, IReadOnlyList<string> UntilSummary, string Send)
{
    public static readonly DefenderStory Spanish = new("es-CO", HandoffHarness.ChannelA, "me siguen desde la marcha del lunes",
        ["hola", "si, en español", "no", "si de acuerdo", "colombia", "amenazas", "yo", "mujer", "periodismo", "no se quienes son", "por ahora no",
            "me siguen desde la marcha del lunes", "si"], "enviarlo");

    public static readonly DefenderStory French = new("fr-FR", HandoffHarness.ChannelB, "on me suit depuis la manif",
        ["bonjour", "oui", "non", "oui d'accord", "haiti", "menaces", "moi", "une femme", "journalisme", "non pas pour l'instant",
            "on me suit depuis la manif", "oui"], "l'envoyer");

    public static readonly DefenderStory English = new("en-GB", HandoffHarness.ChannelA, "they follow me since the march",
        ["hello", "yes", "no", "yes I agree", "colombia", "threats", "me", "a woman", "journalism", "i dont know who", "not for now",
            "they follow me since the march", "yes please"], "send it");

    public static DefenderStory In(string language) => language switch
    {
        "es" => Spanish,
        "fr" => French,
        _ => English,
    };

    public string Language => Locale[..2];

    /// <summary>Tells the story on a Bot Framework channel; returns the replies to the last answer (the summary).</summary>
    public async Task<IReadOnlyList<Activity>> TellAsync(BotClient defender)
    {
        IReadOnlyList<Activity> replies = [];
        foreach (var line in UntilSummary)
            replies = await defender.SayAsync(line);
        return replies;
    }

    /// <summary>Tells the story and sends the summary; returns the replies to the send.</summary>
    public async Task<IReadOnlyList<Activity>> TellAndSendAsync(BotClient defender)
    {
        await TellAsync(defender);
        return await defender.SayAsync(Send);
    }

    /// <summary>Tells the story typing on WhatsApp; returns what the bot answered to the last answer (the summary).</summary>
    public async Task<IReadOnlyList<BotMessage>> TellAsync(WhatsAppPhone phone)
    {
        IReadOnlyList<BotMessage> heard = [];
        foreach (var line in UntilSummary)
            heard = await phone.SaysAsync(line);
        return heard;
    }
}
