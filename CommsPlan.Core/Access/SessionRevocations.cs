using CommsPlan.Core.Changes;
using Microsoft.Extensions.Hosting;

namespace CommsPlan.Core.Access;

/// <summary>
/// Tells open pages, on every instance, that a user's sessions were ended (a sign-out, or an administrator's lock,
/// role or agency change, password reset or deletion), so each page of that user checks its session at once instead
/// of at its next periodic re-check. It is a change notifier of its own, apart from the data changes the overviews
/// follow: on PostgreSQL its own LISTEN/NOTIFY channel (<see cref="ChannelName"/>), so an ended session never makes
/// the overviews recompute, and a listener that reconnects makes every page re-check (notices may have been missed).
/// </summary>
public sealed class SessionRevocations(IDataChangeNotifier channel) : IHostedService, IAsyncDisposable
{
    public const string ChannelName = "commsplan_sessions";

    /// <summary>Publishes that <paramref name="userId"/>'s sessions changed (after the change was saved).</summary>
    public void Publish(string userId) => channel.NotifyChanged(new DataChange(userId, null));

    /// <summary>
    /// Calls <paramref name="onEnded"/> with the user whose sessions changed, or with null when it may be anyone
    /// (several users' changes arrived together, or the listener was away).
    /// </summary>
    public IDisposable Subscribe(Func<string?, Task> onEnded) =>
        channel.Subscribe(change => onEnded(change.Kind == InProcessDataChangeNotifier.MixedKind ? null : change.Kind));

    public Task StartAsync(CancellationToken cancellationToken) =>
        channel is IHostedService hosted ? hosted.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        channel is IHostedService hosted ? hosted.StopAsync(cancellationToken) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        switch (channel)
        {
            case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
            case IDisposable disposable: disposable.Dispose(); break;
        }
    }
}
