using System.Text.Json;

namespace ProtectionBot.Tests.Conformance;

/// <summary>The JSON document <c>tests/conformance/channel-host.js</c> prints (see the README next to it).</summary>
public sealed record ChannelHostReport(
    bool Ok,
    string ConversationId,
    string ServiceUrl,
    IReadOnlyList<ChannelHostStep> Steps,
    IReadOnlyList<ConnectorCall> Unattributed,
    IReadOnlyList<string> Problems)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <param name="Via"><c>connector</c> (replies were Connector calls) or <c>expectReplies</c> (replies were in the HTTP answer).</param>
/// <param name="Body">The bot's HTTP answer, when it had one.</param>
/// <param name="Calls">Every Connector request made while the step was open; reply bodies are in <paramref name="Replies"/>.</param>
public sealed record ChannelHostStep(
    string Name,
    JsonElement Sent,
    int? HttpStatus,
    JsonElement? Body,
    string Via,
    IReadOnlyList<JsonElement> Replies,
    IReadOnlyList<ConnectorCall> Calls,
    IReadOnlyList<string> Problems);

/// <param name="Path">The raw request path, as the bot encoded it.</param>
/// <param name="Status">What botbuilder's Connector routes answered.</param>
/// <param name="Params">Path parameters, decoded the way express decodes them.</param>
/// <param name="RawParams">The same parameters as they were on the wire.</param>
/// <param name="Authorization">The scheme of the <c>Authorization</c> header, or null when there was none.</param>
public sealed record ConnectorCall(
    string Method,
    string Path,
    string? Operation,
    int? Status,
    string? Authorization,
    IReadOnlyDictionary<string, string>? Params,
    IReadOnlyDictionary<string, string>? RawParams);
