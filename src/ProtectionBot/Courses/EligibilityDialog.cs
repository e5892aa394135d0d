using System.Text.Json;
using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using ProtectionBot.Content;
using ProtectionBot.Interview;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Courses;

/// <summary>The answers of one eligibility check.</summary>
internal sealed record EligibilityCheck
{
    public string CourseId { get; init; } = "";

    /// <summary>ISO code of the country the person works in.</summary>
    public string? Country { get; init; }

    /// <summary>Profile codes that describe the person or their work.</summary>
    public IReadOnlyList<string>? Profiles { get; init; }

    /// <summary>Null when the conversation's language is one the course is taught in.</summary>
    public bool? FollowsLanguage { get; init; }

    /// <summary>Null when the course has a single stage.</summary>
    public bool? Available { get; init; }
}

/// <summary>
/// "Can I apply?" in a few questions, each asked only when the course's data makes it matter and the interview has
/// not answered it already: the country (is it among the places the course is open to, the OAS members for the
/// IACHR course; is it a priority country), the groups and themes the course gives priority to, the language it is
/// taught in, and whether the person can attend every stage. It says where the person stands and which priority
/// applies, and never promises selection.
/// </summary>
internal sealed class EligibilityDialog(TextCatalog texts, CourseAnswers answers, CountryCatalog countries, Lexicon lexicon, TimeProvider time, ILogger<EligibilityDialog> logger)
{
    public const string Id = "courses.eligibility";
    private const string GroupPrompt = "courses.eligibility.group";
    private const string LanguagePrompt = "courses.eligibility.language";
    private const string AvailabilityPrompt = "courses.eligibility.availability";

    public IEnumerable<Dialog> Dialogs()
    {
        yield return new WaterfallDialog<EligibilityCheck>(Id, CourseJsonContext.Default.EligibilityCheck,
            AskCountryAsync,
            AskGroupAsync,
            AskLanguageAsync,
            AskAvailabilityAsync,
            TellAsync);
        yield return new MultiChoicePrompt(GroupPrompt);
        yield return new ConfirmPrompt(LanguagePrompt, lexicon);
        yield return new ConfirmPrompt(AvailabilityPrompt, lexicon);
    }

    private async Task<DialogTurnResult> AskCountryAsync(WaterfallStepContext<EligibilityCheck> step, CancellationToken cancellationToken)
    {
        step.State = step.Options ?? new EligibilityCheck();
        var course = Course(step);
        var language = ConversationLanguage.Of(step.Context);
        step.Context.SendText(texts.Get(language, "courses.eligibility.intro", CourseAnswers.ShortName(course, language)));
        if (course.OpenTo.Count == 0 && course.PriorityCountries.Count == 0)
            return await step.NextAsync(cancellationToken: cancellationToken);
        if (Case(step)?.Country is { } known)
            return await step.NextAsync(known, cancellationToken);
        return await step.BeginDialogAsync(CountryDialog.Id, new CountryQuestion { AskKey = "courses.eligibility.country" }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskGroupAsync(WaterfallStepContext<EligibilityCheck> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Country = step.Result as string };
        var course = Course(step);
        if (course.PriorityProfiles.Count == 0)
            return await step.NextAsync(cancellationToken: cancellationToken);
        if (Case(step) is { } finished)
            return await step.NextAsync(finished.Profiles, cancellationToken);
        var language = ConversationLanguage.Of(step.Context);
        return await step.PromptAsync(GroupPrompt, new PromptOptions
        {
            Prompt = Questions.Question(texts.Get(language, "courses.eligibility.group")),
            RetryPrompt = Questions.Question(texts.Get(language, "prompt.retry_numbered")),
            LastResort = texts.Get(language, "prompt.last_resort_help"),
            SubmitTitle = texts.Get(language, "prompt.submit"),
            Choices = [.. course.PriorityProfiles.Append(InterviewChoices.NoProfile)
                .Select(code => new Choice(code) { Title = texts.Get(language, $"interview.profile.{code}") })],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskLanguageAsync(WaterfallStepContext<EligibilityCheck> step, CancellationToken cancellationToken)
    {
        var profiles = step.Result switch
        {
            IReadOnlyList<FoundChoice> found => found.Select(f => f.Value).Where(v => v != InterviewChoices.NoProfile).ToList(),
            IReadOnlyList<string> known => known,
            _ => null,
        };
        step.State = step.State with { Profiles = profiles };
        var course = Course(step);
        var language = ConversationLanguage.Of(step.Context);
        var taught = course.Languages.Where(l => l != "any").ToList();
        // Someone chatting in a language the course is taught in reads it: nothing to ask.
        if (taught.Count == 0 || course.Languages.Contains("any") || taught.Contains(language))
            return await step.NextAsync(cancellationToken: cancellationToken);
        var names = answers.LanguageNames(taught, language);
        return await step.PromptAsync(LanguagePrompt, YesNo(language, texts.Get(language, "courses.eligibility.language", CourseAnswers.ShortName(course, language), names)), cancellationToken);
    }

    private async Task<DialogTurnResult> AskAvailabilityAsync(WaterfallStepContext<EligibilityCheck> step, CancellationToken cancellationToken)
    {
        if (step.Result is bool follows)
            step.State = step.State with { FollowsLanguage = follows };
        var course = Course(step);
        if (course.Stages.Count < 2)
            return await step.NextAsync(cancellationToken: cancellationToken);
        var language = ConversationLanguage.Of(step.Context);
        var question = texts.Get(language, "courses.eligibility.availability",
            CourseAnswers.ShortName(course, language), course.Stages.Count, answers.StageSummary(course, language, time.GetUtcNow()));
        return await step.PromptAsync(AvailabilityPrompt, YesNo(language, question), cancellationToken);
    }

    private async Task<DialogTurnResult> TellAsync(WaterfallStepContext<EligibilityCheck> step, CancellationToken cancellationToken)
    {
        if (step.Result is bool available)
            step.State = step.State with { Available = available };
        var check = step.State;
        var course = Course(step);
        var language = ConversationLanguage.Of(step.Context);
        var lines = new List<string> { texts.Get(language, "courses.eligibility.result.title") };
        var fits = true;

        if (check.Country is { } code && countries.Find(code) is { } country)
        {
            var name = country.Name.In(language);
            if (course.OpenTo.Count > 0)
            {
                var open = course.OpenTo.Any(country.IsIn);
                fits &= open;
                lines.Add(texts.Get(language, open ? "courses.eligibility.result.open" : "courses.eligibility.result.closed_to", name, answers.OpenTo(course, language)));
            }
            if (course.PriorityCountries.Contains(code))
                lines.Add(texts.Get(language, "courses.eligibility.result.priority_country", name));
        }
        var priorityProfiles = (check.Profiles ?? []).Where(course.PriorityProfiles.Contains).ToList();
        if (priorityProfiles.Count > 0)
            lines.Add(texts.Get(language, "courses.eligibility.result.priority_profile",
                string.Join(", ", priorityProfiles.Select(p => texts.Get(language, $"interview.profile.{p}")))));
        else if ((course.PriorityProfiles.Count > 0 || course.PriorityCountries.Count > 0) && fits)
        {
            // "You can apply anyway" only to someone whose country the course is open to.
            if (!(check.Country is { } c && course.PriorityCountries.Contains(c)))
                lines.Add(texts.Get(language, "courses.eligibility.result.no_priority"));
        }

        var taught = course.Languages.Where(l => l != "any").ToList();
        if (taught.Count > 0)
        {
            var names = answers.LanguageNames(taught, language);
            switch (check.FollowsLanguage)
            {
                case null when taught.Contains(language):
                    lines.Add(texts.Get(language, "courses.eligibility.result.language_known", texts.Get(language, $"courses.language_names.{language}")));
                    break;
                case true:
                    lines.Add(texts.Get(language, "courses.eligibility.result.language_yes", names));
                    break;
                case false:
                    fits = false;
                    lines.Add(texts.Get(language, "courses.eligibility.result.language_no", names));
                    break;
            }
        }
        if (check.Available is { } canAttend)
        {
            fits &= canAttend;
            lines.Add(texts.Get(language, canAttend ? "courses.eligibility.result.available" : "courses.eligibility.result.not_available"));
        }

        step.Context.SendText(string.Join("\n", lines));
        step.Context.SendText(texts.Get(language, fits ? "courses.eligibility.result.fits" : "courses.eligibility.result.does_not_fit"));
        step.Context.SendText(answers.Deadline(course, language, time.GetUtcNow()));
        if (logger.IsEnabled(LogLevel.Information))
            CourseLog.Checked(logger, course.Id, fits ? "fits" : "does not fit");
        return await step.EndDialogAsync(fits, cancellationToken);
    }

    private Training Course(WaterfallStepContext<EligibilityCheck> step) =>
        answers.Find(step.State.CourseId) ?? throw new InvalidOperationException($"No training '{step.State.CourseId}' for the eligibility check.");

    /// <summary>The finished interview's answers, when the person went through it: what is known is not asked again.</summary>
    private static CaseAnswers? Case(WaterfallStepContext<EligibilityCheck> step) =>
        step.Context.State.Properties.TryGetValue(InterviewDialog.CaseKey, out var stored)
            ? stored.Deserialize(InterviewJsonContext.Default.CaseAnswers)
            : null;

    private PromptOptions YesNo(string language, string question) => new()
    {
        Prompt = Questions.Question(question),
        RetryPrompt = Questions.Question(texts.Get(language, "prompt.retry_numbered")),
        LastResort = texts.Get(language, "prompt.last_resort_help"),
        Choices = [new Choice(texts.Get(language, "answer.yes")), new Choice(texts.Get(language, "answer.no"))],
    };
}
