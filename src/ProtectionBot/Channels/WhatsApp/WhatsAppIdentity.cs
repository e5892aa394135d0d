using System.Security.Cryptography;
using System.Text;
using BotProtocol.Schema;
using BotProtocol.Turns;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// Who a WhatsApp conversation is with, without saying it: the conversation id is a keyed hash of the business
/// number's id and the person's wa_id (their phone number), so stored keys, work item owners and logged hashes never
/// hold the number and cannot be reversed by trying every number without the key. The wa_id itself travels only in
/// the activity's <c>from.id</c>, which is needed to answer.
/// </summary>
internal sealed class WhatsAppIdentity
{
    public const string ChannelId = "whatsapp";

    private readonly byte[] _key;
    private readonly IOptions<WhatsAppOptions> _options;

    public WhatsAppIdentity(IOptions<WhatsAppOptions> options)
    {
        _options = options;
        var settings = options.Value;
        _key = WhatsAppOptions.IsSet(settings.ConversationIdKey)
            ? SHA256.HashData(Encoding.UTF8.GetBytes(settings.ConversationIdKey!))
            // A key of its own, so that the id reveals nothing about the webhook signing key it comes from.
            : HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(settings.AppSecret ?? ""), 32,
                salt: [], info: "ProtectionBot WhatsApp conversation id v1"u8.ToArray());
    }

    /// <summary>128 bits of HMAC-SHA256, base64url: <c>wa.</c> followed by 22 characters.</summary>
    public string ConversationId(string phoneNumberId, string waId)
    {
        Span<byte> digest = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{phoneNumberId}:{waId}"), digest);
        return "wa." + Convert.ToBase64String(digest[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The state key of the conversation between the configured business number and <paramref name="waId"/>.</summary>
    public string ConversationKey(string waId) => StateKey(_options.Value.PhoneNumberId!, waId);

    /// <summary>The conversation's state key, as the turn processor names it.</summary>
    public string StateKey(string phoneNumberId, string waId) =>
        TurnProcessor.StateKey(new Activity { ChannelId = ChannelId, Conversation = new ConversationAccount { Id = ConversationId(phoneNumberId, waId) } });
}
