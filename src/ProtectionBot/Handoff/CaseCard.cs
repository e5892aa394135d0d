using System.Globalization;
using System.Text.Json.Nodes;
using BotProtocol.Schema;
using ProtectionBot.Content;

namespace ProtectionBot.Handoff;

/// <summary>
/// The case card caseworkers see in their channel (<c>cards/handoff-case.json</c>), in the case's language: the same
/// summary lines the defender agreed to, what they chose to share to be contacted, where the case stands, and the
/// actions that fit that state.
/// </summary>
internal sealed class CaseCard(CardTemplates cards, TextCatalog texts, CaseSummary summary)
{
    public const string Accept = "accept";
    public const string Decline = "decline";
    public const string Close = "close";

    /// <param name="status">
    /// A <c>handoff.card.status_*</c> suffix: offered, accepted, closed, withdrawn, taken_elsewhere (an agent of the
    /// person's channel took the conversation), passed_on or declined (with <c>_last</c> when no organisation was left).
    /// </param>
    public Attachment Render(HandoffCase handoffCase, string status, string? ownerName = null)
    {
        var language = handoffCase.Answers.Language;
        var contact = new JsonArray([.. summary.ContactLines(handoffCase.Contact, language).Select(l => JsonValue.Create(l))]);
        if (contact.Count == 0)
            contact.Add(texts.Get(language, "handoff.card.anonymous"));

        string[] actions = status switch
        {
            "offered" => [Accept, Decline],
            "accepted" => [Close],
            _ => [],
        };
        var data = new JsonObject
        {
            ["title"] = texts.Get(language, handoffCase.Urgent ? "handoff.card.title_urgent" : "handoff.card.title"),
            ["lines"] = new JsonArray([.. summary.Lines(handoffCase.Answers, handoffCase.Mechanisms, language, SummaryReader.Caseworker).Select(l => JsonValue.Create(l))]),
            ["contact"] = contact,
            ["status"] = texts.Get(language, $"handoff.card.status_{status}", ownerName ?? ""),
            ["actions"] = new JsonArray([.. actions.Select(action => new JsonObject
            {
                ["title"] = texts.Get(language, $"handoff.card.{action}"),
                ["action"] = action,
                ["case"] = handoffCase.Id,
                ["offer"] = handoffCase.OfferIndex.ToString(CultureInfo.InvariantCulture),
            })]),
        };
        return cards.Render("handoff-case", data);
    }
}

/// <summary>The <c>value</c> of a case card's submit: <c>{ "handoff": "accept", "case": "…", "offer": "0" }</c>.</summary>
internal sealed record CaseAction(string? Handoff, string? Case, string? Offer)
{
    public int? OfferIndex => int.TryParse(Offer, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
}

/// <summary>Which case a caseworker's Teams thread belongs to, kept in that thread's conversation state once accepted.</summary>
internal sealed record CaseworkerThread(string CaseId)
{
    public const string Key = "handoff.thread";
}
