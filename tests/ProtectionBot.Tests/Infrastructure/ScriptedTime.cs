namespace ProtectionBot.Tests.Infrastructure;

/// <summary>
/// A clock that starts at a set moment and then runs as the real one does. What the bot says can depend on the hour
/// (a partner desk that keeps office hours is chosen only while open), so a scripted conversation must not change
/// with the time of day the tests run at; timers stay real, so nothing waits on a clock that stands still.
/// </summary>
public sealed class ScriptedTime(DateTimeOffset start) : TimeProvider
{
    /// <summary>Friday 4 December 2026, 03:00 UTC: night for the desks that keep office hours, so the on-call desks answer.</summary>
    public static DateTimeOffset Night { get; } = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    private readonly long _started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started);
}
