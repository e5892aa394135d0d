using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Content;
using ProtectionBot.Interview;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Interview;

/// <summary>
/// How the interview's questions look on a phone: a question of up to three options stays reply buttons on WhatsApp
/// (one tap, every choice in view) only if every title fits a button, and every question that only refines the routes
/// can be answered "prefer not to say".
/// </summary>
public sealed class QuestionOptionsTests
{
    /// <summary>Questions that decide what happens next rather than which routes: danger, a partner now, consent.</summary>
    private static readonly string[] FlowQuestions = ["danger", "partner_now", "consent"];

    [Fact]
    public async Task A_question_of_three_options_or_fewer_has_titles_that_fit_a_WhatsApp_button_in_every_language()
    {
        await using var app = new BotApplication();
        var prompts = app.Services.GetRequiredService<InterviewPrompts>();

        var tooLong = (
            from question in Asked
            from language in Language.All
            let choices = prompts.Options(question, language).Choices!
            where choices.Count <= WhatsAppLimits.Buttons
            from choice in choices
            where choice.DisplayTitle.Length > WhatsAppLimits.ButtonTitle
            select $"{language} {question}: \"{choice.Title}\"").ToList();

        Assert.Empty(tooLong);
    }

    [Fact]
    public async Task Every_question_that_only_refines_the_routes_can_be_answered_prefer_not_to_say()
    {
        await using var app = new BotApplication();
        var prompts = app.Services.GetRequiredService<InterviewPrompts>();

        var without = (
            from question in Asked.Except(FlowQuestions)
            from language in Language.All
            where !prompts.Options(question, language).Choices!.Any(c => c.Value == InterviewChoices.PreferNot)
            select $"{language} {question}").ToList();

        Assert.Empty(without);
    }

    // The decision date and the description are typed, not chosen: their only vocabularies are "I don't know" and skipping.
    // What a story says of a detention is never asked.
    private static IEnumerable<string> Asked => InterviewChoices.Questions.Keys.Where(q => q is not ("language" or "decision_date" or "description" or "detention"));
}
