using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Reliability;

/// <summary>
/// Workbooks of a few hundred kilobytes whose parsing cost far more than their size: millions of cells or shared strings.
/// Each is refused by the budget it exceeds, allocating less than 100 MB on the preview's own thread, and the importer
/// reads a good file correctly afterwards.
/// </summary>
public sealed class HostileWorkbookTests : IAsyncLifetime
{
    private const long AllocationBudget = 100L * 1024 * 1024;

    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private ActivityImporter _importer = null!;
    private byte[] _template = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _kit = await ActivityTestKit.CreateAsync(_database);
        _importer = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock());
        _template = await _importer.CreateTemplateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task FourMillionCellsWithoutReferencesInTheHeaderRowAreRefusedUnderTheAllocationBudget()
    {
        var file = HostileWorkbooks.ImplicitHeaderCells(_template, 4_000_000);
        Assert.True(file.Length < ActivityImporter.MaxFileBytes);

        var (preview, allocated) = await Task.Run(() => PreviewCountingAllocations(file));

        Assert.Equal(ActivityImporter.TooComplexMessage(ImportBudgets.Default.CellsReason(1)), preview.FileError);
        Assert.True(allocated < AllocationBudget, $"{allocated / 1024 / 1024} MB allocated");
        await AssertAGoodFileIsReadAndNothingWasSavedAsync(preview);
    }

    [Fact]
    public async Task FourMillionTinySharedStringsAreRefusedUnderTheAllocationBudget()
    {
        var file = HostileWorkbooks.TinySharedStrings(_template, 4_000_000);
        Assert.True(file.Length < ActivityImporter.MaxFileBytes);

        var (preview, allocated) = await Task.Run(() => PreviewCountingAllocations(file));

        Assert.Equal(ActivityImporter.TooComplexMessage(ImportBudgets.Default.SharedStringsReason), preview.FileError);
        Assert.True(allocated < AllocationBudget, $"{allocated / 1024 / 1024} MB allocated");
        await AssertAGoodFileIsReadAndNothingWasSavedAsync(preview);
    }

    /// <summary>
    /// The preview completes synchronously here (SQLite and a MemoryStream never yield, and a caller without a
    /// synchronization context gets the reading in place), so this thread's allocations are its whole cost, unaffected
    /// by tests running in parallel.
    /// </summary>
    private (ActivityImportPreview Preview, long Allocated) PreviewCountingAllocations(byte[] file)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var preview = _importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(file)).GetAwaiter().GetResult();
        return (preview, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private async Task AssertAGoodFileIsReadAndNothingWasSavedAsync(ActivityImportPreview refused)
    {
        await Assert.ThrowsAsync<BusinessRuleException>(() => _importer.CommitAsync(_kit.Officer("STP"), refused));
        Assert.Equal(0, await _kit.CountActivitiesAsync());

        var good = await _importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(
            ActivityWorkbook.Fill(_template, [ActivityWorkbook.GoodRow("Hội nghị một"), ActivityWorkbook.GoodRow("Hội nghị hai")])));

        Assert.True(good.CanImport, good.FileError ?? string.Join("; ", good.BadRows.SelectMany(r => r.Errors)));
        Assert.Equal(["Hội nghị một", "Hội nghị hai"], good.Rows.Select(r => r.Input.Title));
    }
}
