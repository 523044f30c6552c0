using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CommsPlan.Core.Reports;

/// <summary>
/// Enumerates a sequence on the thread pool ahead of its reader, into a small bounded buffer: the database reads the
/// next rows while the current ones are written, and memory stays flat however long the sequence is. Items travel in
/// batches, so the hand-over costs little per item. Disposing stops the reading and waits for it.
/// </summary>
internal sealed class ReadAhead<T> : IAsyncDisposable
{
    /// <summary>Items per batch handed over.</summary>
    public const int BatchSize = 256;

    private readonly Channel<List<T>> _channel;
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    /// <param name="batches">How many batches of <see cref="BatchSize"/> items may wait for the reader.</param>
    public ReadAhead(IAsyncEnumerable<T> source, int batches, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        _channel = Channel.CreateBounded<List<T>>(
            new BoundedChannelOptions(batches) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _reading = Task.Run(() => ReadAsync(source, _stop.Token), CancellationToken.None);
    }

    /// <summary>The items in their order; throws what the reading threw.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var batch in _channel.Reader.ReadAllAsync(ct))
        {
            foreach (var item in batch) yield return item;
        }
    }

    private async Task ReadAsync(IAsyncEnumerable<T> source, CancellationToken ct)
    {
        var batch = new List<T>(BatchSize);
        Exception? failure = null;
        try
        {
            await foreach (var item in source.WithCancellation(ct))
            {
                batch.Add(item);
                if (batch.Count < BatchSize) continue;
                await _channel.Writer.WriteAsync(batch, ct);
                batch = new List<T>(BatchSize);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        try
        {
            // The items read before a failure still reach the reader, then the failure.
            if (batch.Count > 0 && !ct.IsCancellationRequested) await _channel.Writer.WriteAsync(batch, ct);
        }
        catch (OperationCanceledException ex)
        {
            failure ??= ex;
        }
        _channel.Writer.TryComplete(failure);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
