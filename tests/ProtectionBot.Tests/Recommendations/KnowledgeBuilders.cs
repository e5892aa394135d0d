using ProtectionBot.Content;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>Knowledge records with only the fields the rules read; the rest is filler the rules never look at.</summary>
internal static class KnowledgeBuilders
{
    private static readonly LocalizedText Filler = new("texto", "texte", "text");

    public static Mechanism Mechanism(
        string id,
        string system = "NGO",
        string[]? kinds = null,
        string[]? covers = null,
        string[]? situations = null,
        string[]? profiles = null,
        string[]? languages = null) => new()
    {
        Id = id,
        Name = new LocalizedText(id, id, id),
        System = system,
        Kinds = kinds ?? ["advocacy"],
        Covers = covers ?? [],
        Situations = situations ?? [],
        Profiles = profiles ?? ["any"],
        Urgency = ["urgent"],
        Prepare = Filler,
        Submit = Filler,
        Languages = languages ?? ["es", "fr", "en"],
        Links = [new Uri("https://example.org/" + id)],
        Sources = ["catalogue"],
        LastVerified = new DateOnly(2026, 11, 22),
    };

    public static Country Country(string code, string es, string fr, string en, string region, params string[] memberships) => new()
    {
        Code = code,
        Name = new LocalizedText(es, fr, en),
        Region = region,
        Memberships = memberships.ToHashSet(StringComparer.Ordinal),
    };

    public static Training Training(string id, string availability, string[] languages, string[]? openTo = null, params TrainingEdition[] editions) => new()
    {
        Id = id,
        Name = new LocalizedText(id, id, id),
        Organiser = "organiser",
        Availability = availability,
        Editions = editions,
        Description = Filler,
        Eligibility = Filler,
        OpenTo = openTo ?? [],
        Languages = languages,
        HowToApply = Filler,
        Links = [new Uri("https://example.org/" + id)],
        Sources = ["catalogue"],
        LastVerified = new DateOnly(2026, 11, 22),
    };

    public static TrainingEdition Edition(string label, DateTimeOffset? opens, DateTimeOffset closes, string timeZone = "Europe/Zurich") => new()
    {
        Label = label,
        RegistrationOpens = opens,
        RegistrationCloses = closes,
        TimeZone = timeZone,
    };
}
