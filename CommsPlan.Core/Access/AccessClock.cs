namespace CommsPlan.Core.Access;

/// <summary>
/// The clock of sign-in failures and sessions: the real one, never the demo's shifted day, so a lockout lasts its
/// 15 minutes and a session its hours whatever "today" the demo shows. Tests give it a clock they move.
/// </summary>
public sealed class AccessClock(TimeProvider time)
{
    public static AccessClock System { get; } = new(TimeProvider.System);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
}
