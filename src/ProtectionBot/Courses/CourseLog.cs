namespace ProtectionBot.Courses;

/// <summary>What the course questions log: outcomes, topics and course ids, never what the person typed.</summary>
internal static partial class CourseLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Course question: {Outcome} (topic {Topic}, course {CourseId}) on {ChannelId}")]
    public static partial void Answered(ILogger logger, string outcome, string topic, string courseId, string? channelId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Course question passed to the staff (course {CourseId}) on {ChannelId}")]
    public static partial void Referred(ILogger logger, string courseId, string? channelId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Staff FAQ added for {CourseId} in {Language}; {Count} staff answers kept")]
    public static partial void FaqAdded(ILogger logger, string courseId, string language, int count);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Eligibility check for {CourseId}: {Outcome}")]
    public static partial void Checked(ILogger logger, string courseId, string outcome);
}
