using BotProtocol.Hosting;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Privacy;

namespace ProtectionBot.Courses;

internal static class CourseServiceCollectionExtensions
{
    /// <summary>Course questions, the eligibility check, the staff's FAQ and the referral of questions to the staff.</summary>
    public static IHostApplicationBuilder AddCourses(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(CourseVocabulary.Load(builder.LoadTexts()));
        builder.Services.AddSingleton(builder.LoadContent(root => CourseQuestionsFile.Load(
            root, KnowledgeServiceCollectionExtensions.Today, id => builder.LoadKnowledgeBase().Trainings.Any(t => t.Id == id))));
        builder.Services.AddSingleton(services => new CourseQuestionMatcher(
            services.GetRequiredService<CourseVocabulary>(),
            services.GetRequiredService<KnowledgeBase>().Trainings,
            services.GetRequiredService<CourseQuestionsFile>().Faq,
            services.GetRequiredService<CountryCatalog>()));
        builder.Services.AddSingleton<CourseAnswers>();
        builder.Services.AddSingleton<FaqStore>();
        builder.Services.AddSingleton<CourseStaffReferral>();
        builder.Services.AddSingleton<CourseDialog>();
        builder.Services.AddSingleton<EligibilityDialog>();
        builder.Services.AddSingleton<CourseEntry>();
        builder.Services.AddSingleton<Staff.CourseStaffDesk>();
        builder.Services.AddWorkHandler<Staff.StaffQuestionDelivery>();
        builder.Services.AddWorkHandler<Staff.StaffAnswerDelivery>();
        builder.Services.AddWorkHandler<Staff.StaffNoticeDelivery>();
        builder.Services.AddSingleton<Staff.StaffQuestionErasure>();
        builder.Services.AddPersonalDataHolder<Staff.StaffQuestionErasure>();
        return builder;
    }
}
