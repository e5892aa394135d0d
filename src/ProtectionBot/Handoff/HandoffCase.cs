using BotProtocol.Schema;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Handoff;

/// <summary>
/// A case on its way to, or with, a partner organisation: exactly what the defender agreed to share, where to reach
/// them, the partners to try in order, and who took it. Stored as its own document; erased when the case is closed,
/// when the defender erases their conversation, or at the retention limit.
/// </summary>
internal sealed record HandoffCase
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Immediate danger: on-call partners first and a shorter wait before the next partner is tried.</summary>
    public bool Urgent { get; init; }

    /// <summary>Where the defender is, to reach them proactively; never shown to a caseworker.</summary>
    public required ConversationReference Defender { get; init; }

    /// <summary>The state key of the defender's conversation.</summary>
    public required string DefenderKey { get; init; }

    /// <summary>The answers the defender agreed to share, description included only if they kept it.</summary>
    public required CaseAnswers Answers { get; init; }

    /// <summary>Ids of the recommended mechanisms, best first.</summary>
    public IReadOnlyList<string> Mechanisms { get; init; } = [];

    /// <summary>Only what the defender chose to share to be contacted directly.</summary>
    public SharedContact? Contact { get; init; }

    /// <summary>The defender shared <see cref="Contact"/> after the case was sent: caseworkers told of it before must hear it again.</summary>
    public bool ContactSharedLater { get; init; }

    /// <summary>Partner ids, best first: the fallback order.</summary>
    public required IReadOnlyList<string> Route { get; init; }

    /// <summary>Which partner of <see cref="Route"/> has the case now.</summary>
    public int OfferIndex { get; init; }

    /// <summary>Where the current offer was posted, once it was.</summary>
    public PostedOffer? Posted { get; init; }

    /// <summary>
    /// A post of the card that may have opened its thread without Teams saying so (it answered too late, or a gateway
    /// failed). It is never posted again for that offer: the offer counts as made, and the thread is learnt when a
    /// caseworker presses one of the card's buttons.
    /// </summary>
    public UncertainPost? UncertainPost { get; init; }

    /// <summary>Offers that ended (declined, not answered in time), with where their cards are, to mark them.</summary>
    public IReadOnlyList<PostedOffer> Earlier { get; init; } = [];

    /// <summary>
    /// The WhatsApp caseworkers told of an offer, one entry per number and offer, written as each is sent, so a
    /// retried delivery tells nobody twice and an acceptance can tell the others the case is taken.
    /// </summary>
    public IReadOnlyList<WhatsAppNotice> Notified { get; init; } = [];

    public Caseworker? Owner { get; init; }

    public string CurrentPartnerId => Route[OfferIndex];
}

internal static class CaseStatuses
{
    /// <summary>Offered to <see cref="HandoffCase.CurrentPartnerId"/>, waiting for a caseworker to accept.</summary>
    public const string Offered = "offered";

    /// <summary>A caseworker took it: messages are relayed.</summary>
    public const string Accepted = "accepted";

    /// <summary>Every partner declined or let the time run out; the defender was told and the case is erased.</summary>
    public const string Unrouted = "unrouted";
}

/// <summary>What the defender chose to share to be contacted directly: the name their channel shows, or their WhatsApp number.</summary>
internal sealed record SharedContact(string? Name, string? Number)
{
    /// <summary>
    /// What the person's channel tells the bot about them, which they may choose to share: on WhatsApp their number (the
    /// bot never reads the profile name there), elsewhere the name the channel shows. Null when the channel gives neither.
    /// The question asking for it and what is sent are both made from this, so the person agrees to exactly what goes.
    /// </summary>
    public static SharedContact? Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.Equals(activity.ChannelId, CaseworkerChannels.WhatsApp, StringComparison.OrdinalIgnoreCase))
            return activity.From?.Id is { Length: > 0 } number ? new SharedContact(null, number) : null;
        return activity.From?.Name is { Length: > 0 } name ? new SharedContact(name.Trim(), null) : null;
    }
}

/// <param name="OfferIndex">The offer whose card it was.</param>
/// <param name="At">When the post was sent.</param>
internal sealed record UncertainPost(int OfferIndex, DateTimeOffset At);

/// <summary>A case card in a partner's Teams channel: the thread it opened, and the card's message id to update it.</summary>
internal sealed record PostedOffer(string PartnerId, string ServiceUrl, string ThreadId, string ActivityId, DateTimeOffset PostedAt)
{
    /// <summary>What the card says now that the offer ended: <c>passed-on</c>, <c>declined</c>, <c>withdrawn</c>, <c>closed</c>.</summary>
    public string? Outcome { get; init; }
}

/// <summary>
/// The caseworker who accepted, and where the defender's messages reach them: on Teams the case's thread
/// (<see cref="ServiceUrl"/> and <see cref="ThreadId"/>); on WhatsApp their own chat with the bot, whose address is
/// their number (<see cref="ThreadId"/>, with <see cref="UserId"/> the same and no service URL).
/// </summary>
internal sealed record Caseworker(string PartnerId, string UserId, string DisplayName, string ServiceUrl, string ThreadId)
{
    /// <summary><see cref="CaseworkerChannels.Teams"/> (the default, as cases written before WhatsApp desks have) or <see cref="CaseworkerChannels.WhatsApp"/>.</summary>
    public string Channel { get; init; } = CaseworkerChannels.Teams;

    /// <summary>When a caseworker on WhatsApp was last sent a template asking them to reopen the chat; null if never.</summary>
    public DateTimeOffset? RemindedAt { get; init; }

    public bool IsOnWhatsApp => Channel == CaseworkerChannels.WhatsApp;

    public static Caseworker OnWhatsApp(string partnerId, string number, string displayName) =>
        new(partnerId, number, displayName, "", number) { Channel = CaseworkerChannels.WhatsApp };
}

internal static class CaseworkerChannels
{
    public const string Teams = "msteams";
    public const string WhatsApp = Channels.WhatsApp.WhatsAppIdentity.ChannelId;
}

/// <summary>One WhatsApp caseworker told of an offer: as a message with the summary (<c>message</c>), as a template outside their window (<c>template</c>), or not reachable (<c>unreachable</c>).</summary>
internal sealed record WhatsAppNotice(int OfferIndex, string PartnerId, string Number, string Via)
{
    public const string Message = "message";
    public const string Template = "template";
    public const string Unreachable = "unreachable";
}
