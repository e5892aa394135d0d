namespace ProtectionBot.Courses;

/// <summary>What the course questions log: outcomes, topics and course ids, never what the person typed.</summary>
internal static partial class CourseLog
{
    [LoggerMessage(EventId = LogEvents.Courses.Answered, Level = LogLevel.Information, Message = "Course question: {Outcome} (asks {Asks}, course {CourseId}) on {ChannelId}")]
    public static partial void Answered(ILogger logger, string outcome, string asks, string courseId, string? channelId);

    [LoggerMessage(EventId = LogEvents.Courses.Referred, Level = LogLevel.Information, Message = "Course question passed to the staff (course {CourseId}) on {ChannelId}")]
    public static partial void Referred(ILogger logger, string courseId, string? channelId);

    [LoggerMessage(EventId = LogEvents.Courses.FaqAdded, Level = LogLevel.Information, Message = "Staff FAQ added for {CourseId} in {Language} for {Days} days; {Count} staff answers kept")]
    public static partial void FaqAdded(ILogger logger, string courseId, string language, int days, int count);

    [LoggerMessage(EventId = LogEvents.Courses.Checked, Level = LogLevel.Information, Message = "Eligibility check for {CourseId}: {Outcome}")]
    public static partial void Checked(ILogger logger, string courseId, string outcome);

    [LoggerMessage(EventId = LogEvents.Courses.AskedWhichCourse, Level = LogLevel.Information, Message = "Course question: which course? (asks {Asks}) on {ChannelId}")]
    public static partial void AskedWhichCourse(ILogger logger, string asks, string? channelId);
}
