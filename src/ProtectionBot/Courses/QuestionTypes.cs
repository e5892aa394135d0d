namespace ProtectionBot.Courses;

/// <summary>
/// What a course question asks. The words that say each type are data (<c>courses.asks.{type}</c> in
/// <c>dialogs/texts/{es,fr,en}/courses.yaml</c>), checked at start-up by <see cref="CourseVocabulary"/>, so a
/// translator adds a way of asking without touching code. <see cref="Staff"/> asks for a person, not for a fact.
/// </summary>
internal static class QuestionTypes
{
    public const string Dates = "dates";
    public const string Deadline = "deadline";
    public const string Place = "place";
    public const string Cost = "cost";
    public const string Scholarships = "scholarships";
    public const string Language = "language";
    public const string Places = "places";
    public const string Obligations = "obligations";
    public const string Topics = "topics";
    public const string Stages = "stages";
    public const string Certificate = "certificate";
    public const string Selection = "selection";
    public const string Notification = "notification";
    public const string NextEdition = "next-edition";
    public const string Eligibility = "eligibility";
    public const string HowToApply = "how-to-apply";
    public const string Organiser = "organiser";
    public const string Funder = "funder";
    public const string Contact = "contact";
    public const string Staff = "staff";

    /// <summary>In the order a tie between two types is settled: the first listed wins only when the scores differ.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Dates, Deadline, Place, Cost, Scholarships, Language, Places, Obligations, Topics, Stages, Certificate, Selection,
        Notification, NextEdition, Eligibility, HowToApply, Organiser, Funder, Contact, Staff,
    ];

    /// <summary>The types a course's own facts answer (all but a request for a person).</summary>
    public static readonly IReadOnlyList<string> Answerable = [.. All.Where(t => t != Staff)];
}
