namespace CommsPlan.Core.Common.HeavyJobs;

/// <summary>One heavy job asked for by <see cref="Owner"/> (a user id); <see cref="Name"/> says what it is, for the log.</summary>
/// <remarks>
/// The <see cref="Ticket"/> lets a page follow a job it did not start itself: the report page makes one, passes it to
/// the download endpoint, and watches it (<see cref="HeavyJobLimiter.Watch"/>) to show the queue position.
/// </remarks>
public sealed record HeavyJobRequest(string Owner, string Name)
{
    public Guid Ticket { get; init; } = Guid.NewGuid();
}

public enum HeavyJobState
{
    /// <summary>Not (or no longer, or not yet) known to the limiter.</summary>
    None,
    Waiting,
    Running,
}

/// <summary>
/// Where a job stands. <see cref="Position"/> is its place in the line (1 = next), while waiting.
/// <see cref="AfterOwnJob"/>: it waits for the same user's running job to finish (the per-user limit), so a job of
/// someone else further back may start first.
/// </summary>
public readonly record struct HeavyJobStatus(HeavyJobState State, int Position = 0, bool AfterOwnJob = false)
{
    public static readonly HeavyJobStatus None = new(HeavyJobState.None);
    public static readonly HeavyJobStatus Running = new(HeavyJobState.Running);
}

/// <summary>How busy the server's heavy work is: for the health report and the tests.</summary>
public readonly record struct HeavyJobSnapshot(int Running, int Waiting);

/// <summary>
/// The queue is full (or the user already has as many jobs waiting as allowed): nothing was started, and the same request
/// may succeed after <see cref="RetryAfter"/>. Endpoints answer 503 with Retry-After; pages show the message.
/// </summary>
public sealed class HeavyQueueFullException(bool ownQueueFull, TimeSpan retryAfter)
    : Exception(ownQueueFull
        ? "Bạn đang có nhiều yêu cầu tải tệp hoặc nhập dữ liệu chờ xử lý. Vui lòng chờ các yêu cầu đó xong rồi thử lại."
        : "Máy chủ đang bận xử lý nhiều yêu cầu tải tệp và nhập dữ liệu. Vui lòng thử lại sau ít phút.")
{
    /// <summary>The user's own waiting jobs, not everyone's, reached the limit.</summary>
    public bool OwnQueueFull { get; } = ownQueueFull;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
