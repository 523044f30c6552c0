using System.Collections.Concurrent;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.Time.Testing;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Core.Activities;

/// <summary>
/// A preview ends when its time budget runs out or its caller cancels, and a caller on a single-threaded context (a
/// Blazor circuit) does not carry the reading on its own thread.
/// </summary>
public sealed class ActivityImportCancellationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private byte[] _template = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _kit = await ActivityTestKit.CreateAsync(_database);
        _template = await new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock()).CreateTemplateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task APreviewStillRunningWhenItsTimeIsUpIsRefusedWithAVietnameseMessage()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 10, 20, 3, 0, 0, TimeSpan.Zero));
        var importer = new ActivityImporter(_database.Factory, clock, _kit.Notifier, new PeriodLock());
        var upload = new StalledStream();
        var preview = importer.PreviewAsync(_kit.Officer("STP"), upload);
        await upload.Reading;

        clock.Advance(ImportBudgets.Default.PreviewTime);

        Assert.Equal(ActivityImporter.TooSlowMessage(ImportBudgets.Default.PreviewTime), (await preview).FileError);
        Assert.Equal("Việc đọc và kiểm tra tệp đã quá 60 giây nên đã dừng; chưa có gì thay đổi. "
            + "Hãy chia thành nhiều tệp nhỏ hơn, hoặc chép các dòng sang tệp mẫu mới rồi tải lên lại.", (await preview).FileError);
    }

    [Fact]
    public async Task APreviewWhoseCallerCancelsEndsWithACancellationNotARefusal()
    {
        using var cancel = new CancellationTokenSource();
        var upload = new StalledStream();
        var preview = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock()).PreviewAsync(_kit.Officer("STP"), upload, cancel.Token);
        await upload.Reading;

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => preview);
        Assert.True(upload.Cancelled.IsCompleted);
    }

    [Fact]
    public async Task ACallerOnASingleThreadedContextDoesNotCarryTheReadingOnItsThread()
    {
        var importer = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock());
        var file = ActivityWorkbook.Fill(_template, Enumerable.Range(1, 2_000).Select(i => ActivityWorkbook.GoodRow($"Hội nghị {i}")));
        // Without a context the preview runs in place: this thread's allocations are the preview's whole cost.
        var (inPlace, inPlaceAllocated) = await Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var preview = importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(file)).GetAwaiter().GetResult();
            return (preview, GC.GetAllocatedBytesForCurrentThread() - before);
        });

        var (onContext, contextAllocated) = await new SingleThreadContext().RunAsync(() => importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(file)));

        Assert.Equal(2_000, inPlace.GoodCount);
        Assert.Equal(inPlace.Rows.Select(r => r.Input.Title), onContext.Rows.Select(r => r.Input.Title));
        Assert.True(contextAllocated * 4 < inPlaceAllocated,
            $"The context's thread allocated {contextAllocated / 1024} KB of the preview's {inPlaceAllocated / 1024} KB.");
    }

    /// <summary>A synchronization context of one thread, as a Blazor circuit's renderer is: whatever is posted to it runs there.</summary>
    private sealed class SingleThreadContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        /// <summary>Runs <paramref name="work"/> on a thread of its own under this context; its result and what that thread allocated.</summary>
        public Task<(T Result, long Allocated)> RunAsync<T>(Func<Task<T>> work)
        {
            var done = new TaskCompletionSource<(T, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var task = work();
                task.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
                foreach (var (callback, state) in _queue.GetConsumingEnumerable()) callback(state);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (task.IsCompletedSuccessfully) done.SetResult((task.Result, allocated));
                else done.SetException(task.Exception?.InnerExceptions ?? [new OperationCanceledException()]);
            });
            thread.Start();
            return done.Task;
        }
    }
}
