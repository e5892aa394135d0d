using System.Text.Json;
using System.Text.RegularExpressions;
using BotProtocol.Auth;
using BotProtocol.Turns;

namespace ProtectionBot.Handoff.Teams;

/// <summary>What a Teams channel activity says about where it comes from, and its text without the bot's mention.</summary>
internal static partial class TeamsChannel
{
    /// <summary>Anything in a Teams channel (not a personal or group chat).</summary>
    public static bool IsChannelActivity(TurnContext turn) =>
        turn.Activity.ChannelId == "msteams" && turn.Activity.Conversation?.ConversationType == "channel";

    /// <summary>
    /// Whether the activity comes from <paramref name="desk"/>: the Bot Connector signed it, its tenant and channel
    /// (channelData) are the desk's, and the conversation is one of that channel's threads. An activity nobody signed
    /// (authentication off, in Development or by <c>UnsafeAllowAnonymousRequests</c>) names whatever tenant its sender
    /// typed, so it never speaks for a desk.
    /// </summary>
    public static bool IsFrom(TurnContext turn, TeamsDesk desk)
    {
        if (!IsChannelActivity(turn) || turn.Activity.CallerId != CallerIdConstants.PublicAzureChannel
            || turn.Activity.ChannelData is not { ValueKind: JsonValueKind.Object } data)
        {
            return false;
        }
        return string.Equals(Id(data, "tenant"), desk.TenantId, StringComparison.OrdinalIgnoreCase)
            && Id(data, "channel") == desk.ChannelId
            && turn.Activity.Conversation?.Id?.StartsWith(desk.ChannelId, StringComparison.Ordinal) == true;
    }

    /// <summary>The tenant and channel ids the activity's channelData names.</summary>
    public static (string? Tenant, string? Channel) Of(TurnContext turn) =>
        turn.Activity.ChannelData is { ValueKind: JsonValueKind.Object } data ? (Id(data, "tenant"), Id(data, "channel")) : (null, null);

    /// <summary>Teams puts <c>&lt;at&gt;Bot&lt;/at&gt;</c> in the text of a message that mentions the bot; the other side need not see it.</summary>
    public static string WithoutMentions(string? text) => text is null ? "" : Mention().Replace(text, "").Trim();

    private static string? Id(JsonElement data, string property) =>
        data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object && value.TryGetProperty("id", out var id) ? id.GetString() : null;

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
