using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommsPlan.Core.Changes;

/// <summary>
/// The notifier when several app instances share one PostgreSQL database: a change saved through any instance reaches
/// the open pages of every instance. Each change is delivered to this instance's pages at once (through an
/// <see cref="InProcessDataChangeNotifier"/>, with its coalescing of bursts) and published with <c>NOTIFY</c> on
/// <see cref="ChannelName"/>; every instance <c>LISTEN</c>s on one dedicated connection and hands the changes of the
/// others to its own pages. When that connection breaks (the server restarted, a network cut), the listener reconnects
/// with a growing pause and then tells its pages that anything may have changed, because PostgreSQL does not keep
/// notifications for a listener that was away; notifications after the reconnect arrive as usual.
/// </summary>
public sealed class PostgresDataChangeNotifier : IDataChangeNotifier, IDataVersion, IHostedService, IAsyncDisposable
{
    /// <summary>NOTIFY channels are per database, so every CommsPlan instance on one database shares this one.</summary>
    public const string ChannelName = "commsplan_changes";

    /// <summary>Only letters, digits and underscores: the name goes into the LISTEN statement as it is.</summary>
    private static readonly System.Text.RegularExpressions.Regex ChannelNamePattern = new("^[a-z_][a-z0-9_]*$");

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly InProcessDataChangeNotifier _local;
    private readonly ILogger _logger;
    private readonly Channel<DataChange> _outbox = Channel.CreateUnbounded<DataChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _listener = Task.CompletedTask;
    private Task _publisher = Task.CompletedTask;
    private int _started;
    private readonly Lock _stopGate = new();
    private Task? _stop;
    private int _disposed;
    private long _reconnects;
    private long _connectionFailures;

    /// <summary>
    /// A notifier on the database of <paramref name="connectionString"/>, on <paramref name="channel"/> (the data
    /// changes' <see cref="ChannelName"/> unless another stream of changes, such as ended sessions, needs its own).
    /// </summary>
    public PostgresDataChangeNotifier(string connectionString, TimeProvider time, ILoggerFactory? loggers = null, string channel = ChannelName)
    {
        if (!ChannelNamePattern.IsMatch(channel)) throw new ArgumentException($"\"{channel}\" is not a plain channel name.", nameof(channel));
        _channel = channel;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        loggers ??= NullLoggerFactory.Instance;
        _local = new InProcessDataChangeNotifier(time, loggers.CreateLogger<InProcessDataChangeNotifier>());
        _logger = loggers.CreateLogger<PostgresDataChangeNotifier>();
    }

    /// <summary>Tells this instance apart from the others in the payload, so it does not deliver its own changes twice.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Shown in <c>pg_stat_activity.application_name</c> for the listening connection.</summary>
    public string ListenerApplicationName => $"commsplan-listener-{InstanceId:N}";

    /// <summary>How many times the listening connection was lost and opened again since the start.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>How many times the listening connection failed or could not be opened.</summary>
    public long ConnectionFailures => Interlocked.Read(ref _connectionFailures);

    /// <summary>Completes once the first <c>LISTEN</c> is in place: changes published from then on reach this instance.</summary>
    public Task Listening => _listening.Task;

    public long Current => _local.Current;

    public int SubscriberCount => _local.SubscriberCount;

    public void NotifyChanged(DataChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _local.NotifyChanged(change);
        _outbox.Writer.TryWrite(change);
    }

    public IDisposable Subscribe(Func<DataChange, Task> onChanged) => _local.Subscribe(onChanged);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return Task.CompletedTask;
        _listener = Task.Run(() => ListenAsync(_stopping.Token), CancellationToken.None);
        _publisher = Task.Run(() => PublishAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Drains the outbox, then stops listening. Every caller awaits the same stop: the host stops its services more
    /// than once when the app runs through <c>RunAsync</c> (the test host stops it while <c>RunAsync</c> stops and
    /// disposes it), and nothing may be disposed while the first stop is still draining.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
            return _stop ??= StopOnceAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _local.Dispose();
        _stopping.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        _outbox.Writer.TryComplete();
        try
        {
            // Changes already queued still go out, unless the server is gone or the host stops waiting.
            await _publisher.WaitAsync(DrainTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning("Stopped before every data change was published");
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_listener, _publisher).ConfigureAwait(false);
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var delay = FirstRetryDelay;
        var everConnected = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await OpenListenerAsync(ct).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {_channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);

                if (everConnected)
                {
                    Interlocked.Increment(ref _reconnects);
                    _logger.LogInformation("Change listener reconnected to the database");
                    // Whatever other instances published while this one was away is lost: let every page refresh.
                    _local.NotifyChanged(new DataChange(InProcessDataChangeNotifier.MixedKind, null));
                }
                everConnected = true;
                delay = FirstRetryDelay;
                _listening.TrySetResult();
                while (true) await connection.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // Whatever broke the connection, the listener must outlive it: it is the instance's only ear.
                Interlocked.Increment(ref _connectionFailures);
                _logger.LogWarning(ex, "Change listener lost the database; retrying in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = delay * 2 > LongestRetryDelay ? LongestRetryDelay : delay * 2;
            }
        }
    }

    private async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken ct)
    {
        // A connection of its own, outside the pool: it lives as long as the instance and must notice a dead server
        // (keepalive) rather than wait on a socket forever.
        var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = ListenerApplicationName,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var change = Payload.Read(e.Payload, InstanceId);
        if (change is not null) _local.NotifyChanged(change);
    }

    private async Task PublishAsync(CancellationToken ct)
    {
        var reader = _outbox.Reader;
        var delay = FirstRetryDelay;
        List<DataChange> batch = [];
        try
        {
            while (true)
            {
                // A batch that failed is retried before waiting for anything new.
                if (batch.Count == 0 && !await reader.WaitToReadAsync(ct).ConfigureAwait(false)) return;
                // A burst (an import's changes) goes out as one round trip, each distinct change once.
                while (reader.TryRead(out var change))
                    if (!batch.Contains(change)) batch.Add(change);
                if (batch.Count == 0) continue;
                try
                {
                    await SendAsync(batch, ct).ConfigureAwait(false);
                    batch.Clear();
                    delay = FirstRetryDelay;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // Kept for the next attempt: the other instances learn of the change late rather than never.
                    _logger.LogWarning(ex, "Could not publish {Count} data changes; retrying in {Delay}", batch.Count, delay);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                    delay = delay * 2 > LongestRetryDelay ? LongestRetryDelay : delay * 2;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(IReadOnlyList<DataChange> changes, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var change in changes)
        {
            var command = new NpgsqlBatchCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", _channel);
            command.Parameters.AddWithValue("payload", Payload.Write(change, InstanceId));
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The NOTIFY payload: a small JSON object, well under PostgreSQL's 8,000-byte limit.</summary>
    internal static class Payload
    {
        public static string Write(DataChange change, Guid from) =>
            JsonSerializer.Serialize(new PayloadMessage(from, change.Kind, change.AgencyId), PayloadJson.Default.PayloadMessage);

        /// <summary>The change another instance published; null for this instance's own and for anything unreadable.</summary>
        public static DataChange? Read(string payload, Guid self)
        {
            try
            {
                var message = JsonSerializer.Deserialize(payload, PayloadJson.Default.PayloadMessage);
                if (message is null || message.From == self || string.IsNullOrEmpty(message.Kind)) return null;
                return new DataChange(message.Kind, message.AgencyId);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>What one NOTIFY carries: the publishing instance, the kind of record and its agency.</summary>
internal sealed record PayloadMessage(Guid From, string Kind, int? AgencyId);

[JsonSerializable(typeof(PayloadMessage))]
internal sealed partial class PayloadJson : JsonSerializerContext;
