using System.Text.Json.Nodes;
using BotProtocol.Schema;
using Microsoft.Extensions.Options;
using ProtectionBot.Content;

namespace ProtectionBot.Channels.WhatsApp;

/// <summary>
/// Sends to WhatsApp numbers: a turn's replies, and what the handoff sends to a defender or a caseworker. Free-form
/// messages go only inside the 24-hour customer service window; outside it, only <see cref="SendTemplateAsync"/>.
/// Every send returns the wamid(s) Meta gave, by which <see cref="WhatsAppDeliveryFailures"/> reports a later failure.
/// Failures throw <see cref="WhatsAppSendException"/>, whose category says whether to try again.
/// </summary>
internal sealed class WhatsAppMessenger
{
    private readonly GraphApiClient _graph;
    private readonly OutboundRenderer _renderer;
    private readonly CustomerServiceWindow _window;
    private readonly IOptions<WhatsAppOptions> _options;

    public WhatsAppMessenger(GraphApiClient graph, OutboundRenderer renderer, CustomerServiceWindow window, IOptions<WhatsAppOptions> options)
    {
        _graph = graph;
        _renderer = renderer;
        _window = window;
        _options = options;
    }

    /// <summary>Whether a template for <paramref name="purpose"/> is configured in <paramref name="language"/> or in English.</summary>
    public bool HasTemplate(string purpose, string language) =>
        _options.Value.TemplateName(purpose, language) is not null || _options.Value.TemplateName(purpose, Language.English) is not null;

    /// <summary>
    /// Sends a message activity (text, suggested actions, an Adaptive Card) rendered within WhatsApp's limits.
    /// Throws <see cref="WhatsAppSendException"/> with <see cref="WhatsAppErrorCategory.ReEngagementRequired"/>, without
    /// calling Meta, when the window is closed: send a template instead.
    /// </summary>
    public async Task<IReadOnlyList<string>> SendAsync(string waId, Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await _window.IsOpenAsync(waId, cancellationToken))
            throw WindowClosed();
        return await SendRenderedAsync(waId, message, cancellationToken);
    }

    /// <summary>
    /// Sends the approved template configured at <c>WhatsApp:Templates:{purpose}:{language}</c> (falling back to
    /// English), with <paramref name="parameters"/> as its body's positional parameters. Templates reach a number at
    /// any time, also one that never wrote to the bot. Returns the wamid.
    /// </summary>
    public Task<string?> SendTemplateAsync(string waId, string purpose, string language, IReadOnlyList<string> parameters, CancellationToken cancellationToken) =>
        SendTemplateAsync(waId, purpose, language, parameters, [], cancellationToken);

    /// <summary>
    /// As above, with the payloads of the template's quick-reply buttons, in the order the approved template lists them
    /// (a tap comes back as a <c>button</c> message carrying its payload).
    /// </summary>
    public async Task<string?> SendTemplateAsync(
        string waId, string purpose, string language, IReadOnlyList<string> parameters, IReadOnlyList<string> quickReplyPayloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(quickReplyPayloads);
        var settings = _options.Value;
        var code = settings.TemplateName(purpose, language) is not null ? language : Language.English;
        var name = settings.TemplateName(purpose, code)
            ?? throw new InvalidOperationException($"No WhatsApp template is configured at WhatsApp:Templates:{purpose}:{language}.");
        var template = new JsonObject { ["name"] = name, ["language"] = new JsonObject { ["code"] = code } };
        var components = new JsonArray();
        if (parameters.Count > 0)
        {
            components.Add(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. parameters.Select(p => new JsonObject { ["type"] = "text", ["text"] = p })]),
            });
        }
        foreach (var (payload, index) in quickReplyPayloads.Select((p, i) => (p, i)))
        {
            components.Add(new JsonObject
            {
                ["type"] = "button",
                ["sub_type"] = "quick_reply",
                ["index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "payload", ["payload"] = payload }),
            });
        }
        if (components.Count > 0)
            template["components"] = components;
        return await _graph.SendAsync(waId, new JsonObject { ["type"] = "template", ["template"] = template }, cancellationToken);
    }

    /// <summary>
    /// Sends media WhatsApp already holds, by its id, as <see cref="WhatsAppLimits.OutboundMediaType"/> says (the same
    /// business number received it in a webhook, within <see cref="WhatsAppLimits.WebhookMediaLifetime"/>): nothing is
    /// downloaded. A caption (image, video, document only) is cut at <see cref="WhatsAppLimits.MediaCaption"/>. Inside the
    /// window only, as <see cref="SendAsync"/>. Returns the wamid.
    /// </summary>
    public async Task<string?> SendMediaAsync(string waId, string kind, string? mimeType, string mediaId, string? caption, string? filename, CancellationToken cancellationToken)
    {
        var type = WhatsAppLimits.OutboundMediaType(kind, mimeType)
            ?? throw new WhatsAppSendException("WhatsApp does not send media of this type.");
        if (!await _window.IsOpenAsync(waId, cancellationToken))
            throw WindowClosed();
        var media = new JsonObject { ["id"] = mediaId };
        if (WhatsAppLimits.HasCaption(type) && !string.IsNullOrWhiteSpace(caption))
            media["caption"] = OutboundRenderer.Shorten(caption, WhatsAppLimits.MediaCaption);
        if (type == "document" && !string.IsNullOrWhiteSpace(filename))
            media["filename"] = filename;
        return await _graph.SendAsync(waId, new JsonObject { ["type"] = type, [type] = media }, cancellationToken);
    }

    /// <summary>A reply of the turn answering a message sent at <paramref name="lastInbound"/>.</summary>
    internal async Task SendReplyAsync(string waId, Activity reply, DateTimeOffset lastInbound, CancellationToken cancellationToken)
    {
        if (!_window.IsOpen(lastInbound))
            throw WindowClosed();
        await SendRenderedAsync(waId, reply, cancellationToken);
    }

    internal Task MarkReadAsync(string messageId, CancellationToken cancellationToken) => _graph.MarkReadAsync(messageId, cancellationToken);

    private async Task<IReadOnlyList<string>> SendRenderedAsync(string waId, Activity message, CancellationToken cancellationToken)
    {
        var sent = new List<string>();
        foreach (var body in _renderer.Render(message))
        {
            if (await _graph.SendAsync(waId, body, cancellationToken) is { } id)
                sent.Add(id);
        }
        return sent;
    }

    private static WhatsAppSendException WindowClosed() => new(
        WhatsAppErrorCategory.ReEngagementRequired,
        "More than 24 hours have passed since the person's last message: only an approved template can reach them.");
}
