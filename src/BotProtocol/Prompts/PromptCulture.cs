using BotProtocol.Turns;

namespace BotProtocol.Prompts;

/// <summary>
/// The few words prompts show on their own when the application passed none: confirm buttons and the
/// card submit button, per language. Locale data, not content: applications pass their own texts to override it.
/// </summary>
internal static class PromptCulture
{
    private static readonly Dictionary<string, Words> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["es"] = new("Sí", "No", "Enviar"),
        ["fr"] = new("Oui", "Non", "Envoyer"),
        ["en"] = new("Yes", "No", "Submit"),
    };

    /// <summary>The words for the turn's locale (<c>es-CO</c> → es), else the prompt's default locale, else English.</summary>
    public static Words For(TurnContext turn, string? defaultLocale) =>
        Find(turn.Activity.Locale) ?? Find(defaultLocale) ?? ByLanguage["en"];

    private static Words? Find(string? locale)
    {
        if (string.IsNullOrEmpty(locale))
            return null;
        var dash = locale.IndexOfAny(['-', '_']);
        var language = dash < 0 ? locale : locale[..dash];
        return ByLanguage.GetValueOrDefault(language);
    }

    internal sealed record Words(string Yes, string No, string Submit);
}
