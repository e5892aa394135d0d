namespace ProtectionBot;

/// <summary>
/// The event id of every log line the app writes, by area and name. The protocol library keeps its own events in its
/// registry (<c>BotProtocol.LogEvents</c>: 1000–1299, 1300–1389, 1400–1499, 1700–1799), because it knows nothing of the
/// app; both write into one log, so a test holds the two registries to each other and to every <c>[LoggerMessage]</c>.
/// A new event takes the next free id of its area's range (the table in docs/architecture.md).
/// </summary>
internal static class LogEvents
{
    internal static class Retention
    {
        public const int Erased = 1391;
        public const int SweepFailed = 1392;
    }

    internal static class Storage
    {
        public const int UnreadableDocument = 1500;
        public const int UnreadableItem = 1501;
        public const int LocalKeyCreated = 1502;
        public const int LocalKeyUsed = 1503;
        public const int FormerSection = 1504;
    }

    internal static class Handoff
    {
        public const int Posted = 1600;
        public const int Accepted = 1601;
        public const int PassedOn = 1602;
        public const int Unrouted = 1603;
        public const int Closed = 1604;
        public const int Refused = 1605;
        public const int DeskUnreachable = 1606;
        public const int ExamplePartners = 1607;
        public const int WhatsAppNotified = 1608;
        public const int WhatsAppUnreachable = 1609;
        public const int WhatsAppWillRetry = 1610;
        public const int WhatsAppWaiting = 1611;
        public const int TemplateMissing = 1612;
        public const int HubStatus = 1613;
        public const int ContactShared = 1614;
        public const int FileForwarded = 1615;
        public const int FileNotForwarded = 1616;
        public const int PostUncertain = 1617;
        public const int PostLearnt = 1618;
    }

    internal static class Diagnostics
    {
        public const int Enabled = 1800;
    }

    internal static class WhatsApp
    {
        public const int ChannelOff = 2000;
        public const int WebhookRefused = 2001;
        public const int Verification = 2002;
        public const int WebhookAccepted = 2003;
        public const int OtherNumber = 2004;
        public const int MessageIncomplete = 2005;
        public const int StatusReceived = 2006;
        public const int DeliveryFailed = 2007;
        public const int AccessDenied = 2008;
        public const int SendWillRetry = 2009;
        public const int SendGivenUp = 2010;
        public const int WindowClosed = 2011;
        public const int MarkReadFailed = 2012;
        public const int WebhookError = 2013;
        public const int EnqueueFailed = 2014;
        public const int InboundTurn = 2015;
        public const int EnvelopeUnreadable = 2016;
        public const int SubscriberFailed = 2017;
    }

    internal static class Courses
    {
        public const int Answered = 2100;
        public const int Referred = 2101;
        public const int FaqAdded = 2102;
        public const int Checked = 2103;
        public const int AskedWhichCourse = 2104;
        public const int Left = 2105;
        public const int PostUncertain = 2106;
    }

    internal static class WebChat
    {
        public const int BundleMissing = 2200;
        public const int TokenRefused = 2201;
        public const int TokenFailed = 2202;
    }

    internal static class Conversation
    {
        public const int Erased = 2300;
    }
}
