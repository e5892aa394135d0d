using BotProtocol.Dialogs;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Courses;
using ProtectionBot.Handoff;
using ProtectionBot.Interview;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Conversation;

internal static class ConversationServiceCollectionExtensions
{
    /// <summary>The route table and the dialogs it runs; built once, stateless between turns.</summary>
    public static IHostApplicationBuilder AddConversation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.LoadContent(root => UnderstandingFiles.Load(root, InterviewChoices.Questions, InterviewChoices.Intents, builder.LoadUnderstandingWords())));
        builder.Services.AddSingleton<CommandWords>();
        builder.Services.AddSingleton(services => new Recommender(
            services.GetRequiredService<KnowledgeBase>().Mechanisms,
            services.GetRequiredService<KnowledgeBase>().Trainings,
            services.GetRequiredService<CountryCatalog>().Find,
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<InterviewPrompts>();
        builder.Services.AddSingleton<InterviewFacts>();
        builder.Services.AddSingleton<Intents>();
        builder.Services.AddSingleton<LanguageOffer>();
        builder.Services.AddSingleton<PersonRequestDialog>();
        builder.Services.AddSingleton<ResultPresenter>();
        builder.Services.AddSingleton<MoreOptions>();
        builder.Services.AddSingleton<CountryDialog>();
        builder.Services.AddSingleton<InterviewDialog>();
        builder.Services.AddSingleton(services =>
        {
            var set = new DialogSet(services.GetRequiredService<ILogger<DialogSet>>());
            foreach (var dialog in services.GetRequiredService<InterviewDialog>().Dialogs()
                .Concat(services.GetRequiredService<CountryDialog>().Dialogs())
                .Concat(services.GetRequiredService<PersonRequestDialog>().Dialogs())
                .Concat(services.GetRequiredService<HandoffDialog>().Dialogs())
                .Concat(services.GetRequiredService<OwnCase>().Dialogs())
                .Concat(services.GetRequiredService<CourseDialog>().Dialogs())
                .Concat(services.GetRequiredService<EligibilityDialog>().Dialogs()))
                set.Add(dialog);
            return set;
        });
        builder.Services.AddSingleton<ConversationErasure>();
        builder.Services.AddSingleton<ConversationRoutes>();
        builder.Services.AddSingleton<IBot>(services => services.GetRequiredService<ConversationRoutes>().Build());
        return builder;
    }
}
