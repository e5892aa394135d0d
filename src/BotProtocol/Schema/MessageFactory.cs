namespace BotProtocol.Schema;

/// <summary>Shorthands for the activities a bot sends most, under the Bot Framework SDK's names.</summary>
public static class MessageFactory
{
    public static Activity Text(string text, string? inputHint = null) =>
        new() { Type = ActivityTypes.Message, Text = text, InputHint = inputHint };
}
