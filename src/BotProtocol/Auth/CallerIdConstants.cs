namespace BotProtocol.Auth;

/// <summary>
/// The <c>callerId</c> values authentication puts on an activity (Activity spec A2250–A2252; the SDKs' names). An
/// activity that was not authenticated has none, so code that grants authority from what an activity says checks it.
/// </summary>
public static class CallerIdConstants
{
    /// <summary>A channel of the public Azure cloud (its token was signed by the Bot Connector), or the Emulator signed in as the bot.</summary>
    public const string PublicAzureChannel = "urn:botframework:azure";

    /// <summary>Followed by the calling bot's app id: a skill call.</summary>
    public const string BotToBotPrefix = "urn:botframework:aadappid:";
}
