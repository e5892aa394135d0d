namespace ProtectionBot.Courses;

/// <summary>
/// What a course question can be about. Each topic's words are texts (<c>courses.topics.{topic}</c>), so a translator
/// adds a synonym without touching code; <see cref="Staff"/> is a request to reach a person, not a fact to look up.
/// </summary>
internal static class CourseTopics
{
    public const string Dates = "dates";
    public const string Deadline = "deadline";
    public const string Eligibility = "eligibility";
    public const string Priorities = "priorities";
    public const string Places = "places";
    public const string Cost = "cost";
    public const string Scholarships = "scholarships";
    public const string Language = "language";
    public const string Stages = "stages";
    public const string Certificate = "certificate";
    public const string Obligations = "obligations";
    public const string Apply = "apply";
    public const string Contact = "contact";
    public const string Staff = "staff";

    public static readonly IReadOnlyList<string> All =
        [Dates, Deadline, Eligibility, Priorities, Places, Cost, Scholarships, Language, Stages, Certificate, Obligations, Apply, Contact, Staff];
}
