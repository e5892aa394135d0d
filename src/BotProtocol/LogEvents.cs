namespace BotProtocol;

/// <summary>
/// The event id of every log line the protocol library writes, by area and name. The app and this library write into one
/// log, so an id must name one event across both: the app's registry (<c>ProtectionBot.LogEvents</c>) takes the ranges
/// this one leaves free, and a test holds the two to each other and to every <c>[LoggerMessage]</c>. A new event takes the
/// next free id of its area's range (the table in docs/architecture.md).
/// </summary>
internal static class LogEvents
{
    internal static class Hosting
    {
        public const int AuthenticationDisabled = 1000;
        public const int ActivityRefused = 1001;
        public const int Unauthorized = 1002;
        public const int SigningKeysUnavailable = 1003;
        public const int RepliesNotDelivered = 1004;
        public const int AuthenticationDisabledOutsideDevelopment = 1005;
    }

    internal static class Turns
    {
        public const int TurnCompleted = 1100;
        public const int Redelivered = 1101;
        public const int ConcurrencyRetry = 1102;
        public const int TurnFailed = 1103;
        public const int UnreadableState = 1104;
    }

    internal static class Auth
    {
        public const int Refused = 1200;
        public const int KeysFetched = 1201;
        public const int RefreshFailedKeepingKeys = 1202;
        public const int KeysUnavailable = 1203;
    }

    internal static class Dialogs
    {
        public const int StepStarted = 1250;
        public const int PromptRetried = 1251;
        public const int PromptGaveUp = 1252;
        public const int UnknownDialog = 1253;
    }

    internal static class Connector
    {
        public const int RetryingStatus = 1300;
        public const int RetryingTransport = 1301;
        public const int TokenRefused = 1302;
        public const int CallFailed = 1303;
        public const int OutcomeUnknown = 1304;
    }

    internal static class Work
    {
        public const int Done = 1400;
        public const int WillRetry = 1401;
        public const int NoHandler = 1402;
        public const int LeaseLost = 1403;
        public const int PollFailed = 1404;
    }

    internal static class DirectLine
    {
        public const int DevelopmentSigningKey = 1700;
        public const int Disabled = 1701;
        public const int ConversationStarted = 1702;
        public const int Refused = 1703;
        public const int Full = 1704;
        public const int BotFailed = 1705;
        public const int Erased = 1706;
        public const int ConversationsExpired = 1707;
        public const int Stream = 1708;
        public const int StartRateLimited = 1709;
        public const int Evicted = 1710;
        public const int ForeignOrigin = 1711;
        public const int ActivityRateLimited = 1712;
    }
}
