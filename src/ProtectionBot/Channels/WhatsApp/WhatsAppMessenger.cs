using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Schema;
using BotProtocol.State;
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
    private readonly WhatsAppIdentity _identity;
    private readonly IConversationStore _store;
    private readonly IOptions<WhatsAppOptions> _options;
    private readonly TimeProvider _time;

    public WhatsAppMessenger(
        GraphApiClient graph, OutboundRenderer renderer, WhatsAppIdentity identity, IConversationStore store,
        IOptions<WhatsAppOptions> options, TimeProvider time)
    {
        _graph = graph;
        _renderer = renderer;
        _identity = identity;
        _store = store;
        _options = options;
        _time = time;
    }

    /// <summary>The state key of the conversation with <paramref name="waId"/> (to find their case or their window).</summary>
    public string ConversationKey(string waId) => _identity.StateKey(_options.Value.PhoneNumberId!, waId);

    /// <summary>True when <paramref name="waId"/> wrote to the bot less than 24 hours ago, so free-form messages reach them.</summary>
    public async Task<bool> IsWindowOpenAsync(string waId, CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(ConversationKey(waId), cancellationToken);
        if (stored is null)
            return false;
        var state = JsonSerializer.Deserialize(stored.Data.Span, ProtocolJsonContext.Default.ConversationState);
        return state is not null && CustomerServiceWindow.LastInbound(state) is { } last && CustomerServiceWindow.IsOpen(last, _time.GetUtcNow());
    }

    /// <summary>
    /// Sends a message activity (text, suggested actions, an Adaptive Card) rendered within WhatsApp's limits.
    /// Throws <see cref="WhatsAppSendException"/> with <see cref="WhatsAppErrorCategory.ReEngagementRequired"/>, without
    /// calling Meta, when the window is closed: send a template instead.
    /// </summary>
    public async Task<IReadOnlyList<string>> SendAsync(string waId, Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await IsWindowOpenAsync(waId, cancellationToken))
            throw WindowClosed();
        return await SendRenderedAsync(waId, message, cancellationToken);
    }

    /// <summary>
    /// Sends the approved template configured at <c>WhatsApp:Templates:{purpose}:{language}</c> (falling back to
    /// English), with <paramref name="parameters"/> as its body's positional parameters. Templates reach a number at
    /// any time, also one that never wrote to the bot. Returns the wamid.
    /// </summary>
    public async Task<string?> SendTemplateAsync(string waId, string purpose, string language, IReadOnlyList<string> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var settings = _options.Value;
        var code = settings.TemplateName(purpose, language) is not null ? language : Language.English;
        var name = settings.TemplateName(purpose, code)
            ?? throw new InvalidOperationException($"No WhatsApp template is configured at WhatsApp:Templates:{purpose}:{language}.");
        var template = new JsonObject { ["name"] = name, ["language"] = new JsonObject { ["code"] = code } };
        if (parameters.Count > 0)
        {
            template["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. parameters.Select(p => new JsonObject { ["type"] = "text", ["text"] = p })]),
            });
        }
        return await _graph.SendAsync(waId, new JsonObject { ["type"] = "template", ["template"] = template }, cancellationToken);
    }

    /// <summary>A reply of the turn answering a message sent at <paramref name="lastInbound"/>.</summary>
    internal async Task SendReplyAsync(string waId, Activity reply, DateTimeOffset lastInbound, CancellationToken cancellationToken)
    {
        if (!CustomerServiceWindow.IsOpen(lastInbound, _time.GetUtcNow()))
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
