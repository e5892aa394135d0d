using ProtectionBot.Content;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Knowledge;

internal static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates <c>knowledge/</c>: the countries (and the places that tell one, in <c>dialogs/understanding</c>),
    /// then the mechanisms and trainings that name them.
    /// </summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.LoadCountries());
        builder.Services.AddSingleton(builder.LoadContent(root => CountryHints.Load(root, builder.LoadCountries(), builder.LoadUnderstandingWords().Lexicon)));
        builder.Services.AddSingleton(builder.LoadKnowledgeBase());
        return builder;
    }

    internal static CountryCatalog LoadCountries(this IHostApplicationBuilder builder) => builder.LoadContent(root => CountryCatalog.Load(root, builder.LoadUnderstandingWords()));

    internal static KnowledgeBase LoadKnowledgeBase(this IHostApplicationBuilder builder) =>
        builder.LoadContent(root => KnowledgeBase.Load(root, Today, builder.LoadCountries().Contains));

    /// <summary>The day content is checked against (dates to come, courses still open), read before any service exists.</summary>
    internal static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
}
