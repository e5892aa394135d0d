using System.Text.Json.Serialization;

namespace ProtectionBot.Courses;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CourseStaffQuestion))]
[JsonSerializable(typeof(StaffFaqDocument))]
[JsonSerializable(typeof(CourseQuestionState))]
[JsonSerializable(typeof(CourseAskerContext))]
[JsonSerializable(typeof(EligibilityCheck))]
[JsonSerializable(typeof(Staff.PostedStaffQuestion))]
[JsonSerializable(typeof(Staff.StaffAnswer))]
[JsonSerializable(typeof(Staff.StaffThreadLink))]
[JsonSerializable(typeof(Staff.StaffThreadLeft))]
[JsonSerializable(typeof(Staff.StaffNotice))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class CourseJsonContext : JsonSerializerContext;
