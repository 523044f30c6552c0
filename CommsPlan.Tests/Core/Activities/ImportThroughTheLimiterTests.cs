using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.Options;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Core.Activities;

/// <summary>
/// The activity import's previews go through the heavy-job limiter as the import page sends them: however many an
/// officer starts at once (four tabs, a script), at most Limits:HeavyJobsPerUser of them parse at a time, and every
/// one still gets its answer.
/// </summary>
public sealed class ImportThroughTheLimiterTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private ActivityImporter _importer = null!;
    private byte[] _file = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _kit = await ActivityTestKit.CreateAsync(_database);
        _importer = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock());
        var template = await _importer.CreateTemplateAsync();
        _file = ActivityWorkbook.Fill(template, [.. Enumerable.Range(1, 300).Select(i => ActivityWorkbook.GoodRow($"Hội nghị số {i}"))]);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Previews through <paramref name="limiter"/>, counting how many parse at once, overall and per officer.</summary>
    private sealed class Counter
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, int> _running = [];
        private int _total;

        public int MostAtOnce { get; private set; }
        public Dictionary<string, int> MostAtOnceOf { get; } = [];

        public async Task<ActivityImportPreview> PreviewAsync(HeavyJobLimiter limiter, ActivityImporter importer,
            CommsPlan.Core.Access.CurrentUser officer, byte[] file) =>
            await limiter.RunAsync(new HeavyJobRequest(officer.UserId, "activity import preview"), async ct =>
            {
                lock (_gate)
                {
                    _total++;
                    _running[officer.UserId] = _running.GetValueOrDefault(officer.UserId) + 1;
                    MostAtOnce = Math.Max(MostAtOnce, _total);
                    MostAtOnceOf[officer.UserId] = Math.Max(MostAtOnceOf.GetValueOrDefault(officer.UserId), _running[officer.UserId]);
                }
                try
                {
                    return await importer.PreviewAsync(officer, new MemoryStream(file), ct);
                }
                finally
                {
                    lock (_gate)
                    {
                        _total--;
                        _running[officer.UserId]--;
                    }
                }
            });
    }

    [Fact]
    public async Task FourParallelPreviewsByOneOfficerParseOneAtATimeAndAllAnswer()
    {
        using var limiter = new HeavyJobLimiter(Options.Create(new HeavyJobLimits()));
        var officer = _kit.Officer("STP");
        var counter = new Counter();

        var previews = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => counter.PreviewAsync(limiter, _importer, officer, _file)));

        Assert.Equal(1, counter.MostAtOnce);
        Assert.All(previews, p => Assert.Equal(300, p.GoodCount));
        Assert.Equal(new HeavyJobSnapshot(0, 0), limiter.Snapshot());
    }

    [Fact]
    public async Task TwoOfficersPreviewingTwiceEachStayWithinTheServerAndThePerUserLimits()
    {
        using var limiter = new HeavyJobLimiter(Options.Create(new HeavyJobLimits { HeavyJobs = 2, HeavyJobsPerUser = 1 }));
        var officers = new[] { _kit.Officer("STP"), _kit.Officer("DAITU", "daitu") };
        var counter = new Counter();

        var previews = await Task.WhenAll(officers.Concat(officers).Select(o => counter.PreviewAsync(limiter, _importer, o, _file)));

        Assert.InRange(counter.MostAtOnce, 1, 2);
        Assert.All(counter.MostAtOnceOf.Values, most => Assert.Equal(1, most));
        Assert.All(previews, p => Assert.Null(p.FileError));
    }
}
