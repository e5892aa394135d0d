using System.Text.Json;
using BotProtocol.Schema;
using Microsoft.AspNetCore.Http;

namespace BotProtocol.Hosting;

/// <summary>
/// Reads one Activity from a request body: bounded in size by the server (the endpoint declares <see cref="MaxBodyBytes"/>), parsed with the source-generated schema, and checked for
/// the fields every channel-to-bot activity must carry (type A2010, channelId A2020, conversation.id A2080,
/// serviceUrl A2300). Errors say which field is wrong and never echo the body.
/// </summary>
internal static class ActivityReader
{
    /// <summary>Largest accepted body. Teams' own limit on a bot message is about 100 KB; this leaves room for cards.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static async Task<ActivityReadResult> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await request.ReadBodyAsync(cancellationToken) is { } body ? Parse(body) : ActivityReadResult.TooLarge();

    private static ActivityReadResult Parse(byte[] buffer)
    {
        if (buffer.Length == 0)
            return ActivityReadResult.Invalid("The body is empty; expected one Activity as a JSON object.");
        Activity? activity;
        try
        {
            var reader = new Utf8JsonReader(buffer);
            activity = JsonSerializer.Deserialize(ref reader, ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException e)
        {
            return ActivityReadResult.Invalid(e.Path is { Length: > 1 } path
                ? $"The field '{path.TrimStart('$', '.')}' has the wrong type or is not valid JSON."
                : "The body is not a JSON object.");
        }
        if (activity is null)
            return ActivityReadResult.Invalid("The body is not a JSON object.");

        var missing = new List<string>(4);
        if (string.IsNullOrEmpty(activity.Type)) missing.Add("type");
        if (string.IsNullOrEmpty(activity.ChannelId)) missing.Add("channelId");
        if (string.IsNullOrEmpty(activity.Conversation?.Id)) missing.Add("conversation.id");
        if (string.IsNullOrEmpty(activity.ServiceUrl)) missing.Add("serviceUrl");
        if (activity.IsType(ActivityTypes.Event) || activity.IsType(ActivityTypes.Invoke))
        {
            if (string.IsNullOrEmpty(activity.Name)) missing.Add("name");
        }
        if (missing.Count > 0)
            return ActivityReadResult.Invalid($"Required field(s) missing: {string.Join(", ", missing)}.");
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
            return ActivityReadResult.Invalid("The field 'serviceUrl' must be an absolute http(s) URL.");
        return ActivityReadResult.Read(WithoutNullItems(activity));
    }

    // JSON allows [null] where the schema has a list of objects; the serializer keeps the null, and every reader of the
    // list would have to expect it. A null member or attachment says nothing, so it is dropped here, once.
    private static Activity WithoutNullItems(Activity activity) =>
        HasNull(activity.MembersAdded) || HasNull(activity.MembersRemoved) || HasNull(activity.Attachments) || HasNull(activity.Entities)
            ? activity with
            {
                MembersAdded = WithoutNulls(activity.MembersAdded),
                MembersRemoved = WithoutNulls(activity.MembersRemoved),
                Attachments = WithoutNulls(activity.Attachments),
                Entities = WithoutNulls(activity.Entities),
            }
            : activity;

    private static bool HasNull<T>(List<T>? items) where T : class => items?.Contains(null!) == true;

    private static List<T>? WithoutNulls<T>(List<T>? items) where T : class => items?.Where(item => item is not null).ToList();
}

internal readonly record struct ActivityReadResult(Activity? Activity, int Status, string? Problem)
{
    public static ActivityReadResult Read(Activity activity) => new(activity, StatusCodes.Status200OK, null);

    public static ActivityReadResult Invalid(string problem) => new(null, StatusCodes.Status400BadRequest, problem);

    public static ActivityReadResult TooLarge() =>
        new(null, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {ActivityReader.MaxBodyBytes / 1024} KB.");
}
