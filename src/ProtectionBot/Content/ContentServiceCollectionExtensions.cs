using ProtectionBot.Courses;
using ProtectionBot.Handoff;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates <c>dialogs/</c>, <c>cards/</c> and <c>knowledge/</c> (the partners file included, at
    /// <c>Handoff:PartnersFile</c>) from <c>Content:Root</c> (default: next to the app, where the build copies them).
    /// Invalid content stops the start-up with the file and line of each problem.
    /// </summary>
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        var root = builder.Configuration["Content:Root"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : AppContext.BaseDirectory;
        var texts = TextCatalog.Load(root);
        builder.Services.AddSingleton(texts);
        builder.Services.AddSingleton(CourseVocabulary.Load(texts));
        builder.Services.AddSingleton(UnderstandingFiles.Load(root, Interview.InterviewChoices.Questions, Interview.InterviewChoices.Intents));
        builder.Services.AddSingleton(CardTemplates.Load(root));
        var countries = CountryCatalog.Load(root);
        builder.Services.AddSingleton(countries);
        builder.Services.AddSingleton(CountryHints.Load(root, countries));
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var knowledge = KnowledgeBase.Load(root, today, countries.Contains);
        builder.Services.AddSingleton(knowledge);
        builder.Services.AddSingleton(CourseQuestionsFile.Load(root, today, id => knowledge.Trainings.Any(t => t.Id == id)));
        var partners = builder.Configuration[$"{HandoffOptions.Section}:{nameof(HandoffOptions.PartnersFile)}"] is { Length: > 0 } file ? file : new HandoffOptions().PartnersFile;
        builder.Services.AddSingleton(PartnerDirectory.Load(Path.GetFullPath(partners, root), partners, countries));
        return builder;
    }
}
