using CommsPlan.Core.Common;
using CommsPlan.Core.Reports;

namespace CommsPlan.Tests.Core.Reports;

public sealed class ReadAheadTests
{
    [Fact]
    public async Task EveryItemArrivesOnceInItsOrderAcrossManyBatches()
    {
        await using var ahead = new ReadAhead<int>(Numbers(10_000), batches: 2, CancellationToken.None);

        var read = new List<int>();
        await foreach (var item in ahead.ReadAllAsync()) read.Add(item);

        Assert.Equal(Enumerable.Range(0, 10_000), read);
    }

    [Fact]
    public async Task WhatTheSourceThrowsReachesTheReaderAfterTheItemsBeforeIt()
    {
        await using var ahead = new ReadAhead<int>(Failing(300), batches: 2, CancellationToken.None);

        var read = new List<int>();
        await Assert.ThrowsAsync<NotFoundException>(async () =>
        {
            await foreach (var item in ahead.ReadAllAsync()) read.Add(item);
        });
        Assert.Equal(Enumerable.Range(0, 300), read);
    }

    [Fact]
    public async Task DisposingBeforeTheEndStopsTheSourceAndWaitsForIt()
    {
        var source = new Endless();
        var ahead = new ReadAhead<int>(source.ItemsAsync(), batches: 2, CancellationToken.None);
        await foreach (var item in ahead.ReadAllAsync())
        {
            if (item == 5) break;
        }

        await ahead.DisposeAsync();

        Assert.True(source.Finished);
    }

    private static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 1000 == 0) await Task.Yield();
            yield return i;
        }
    }

    private static async IAsyncEnumerable<int> Failing(int before)
    {
        await foreach (var i in Numbers(before)) yield return i;
        throw new NotFoundException();
    }

    /// <summary>Never ends by itself; records that its enumeration was ended (its finally ran).</summary>
    private sealed class Endless
    {
        public bool Finished { get; private set; }

        public async IAsyncEnumerable<int> ItemsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    await Task.Yield();
                    yield return i;
                }
            }
            finally
            {
                Finished = true;
            }
        }
    }
}
