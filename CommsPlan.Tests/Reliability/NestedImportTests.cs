using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using static CommsPlan.Tests.Reliability.HostileWorkbooks;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Reliability;

/// <summary>
/// Deeply nested elements in each part the importer reads, previewed by the real importer in a child process
/// (tools/CommsPlan.ImportProbe): a reader that recursed per level overflowed the stack, which ends the process whatever
/// catches it, so here it fails one test instead of the test host. The probe previews a good file, the hostile one and
/// the good one again, and reports what the hostile preview allocated.
/// </summary>
public sealed class NestedImportTests : IAsyncLifetime
{
    private const long AllocationBudget = 100L * 1024 * 1024;

    private TestDatabase _database = null!;
    private byte[] _template = null!;
    private string _good = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var kit = await ActivityTestKit.CreateAsync(_database);
        _template = await new ActivityImporter(_database.Factory, kit.Clock, kit.Notifier, new PeriodLock()).CreateTemplateAsync();
        _good = Path.Combine(_database.Folder, "good.xlsx");
        await File.WriteAllBytesAsync(_good, ActivityWorkbook.Fill(_template, [ActivityWorkbook.GoodRow("Hội nghị một"), ActivityWorkbook.GoodRow("Hội nghị hai")]));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(Part.Styles, 2_000)]
    [InlineData(Part.Styles, 20_000)]
    [InlineData(Part.Styles, 200_000)]
    [InlineData(Part.Workbook, 2_000)]
    [InlineData(Part.Workbook, 20_000)]
    [InlineData(Part.Workbook, 200_000)]
    [InlineData(Part.Sheet, 2_000)]
    [InlineData(Part.Sheet, 20_000)]
    [InlineData(Part.Sheet, 200_000)]
    public async Task DeepNestingIsRefusedByItsBudgetAndTheProcessGoesOnReadingGoodFiles(Part part, int depth)
    {
        var hostile = Path.Combine(_database.Folder, $"nested-{part}-{depth}.xlsx");
        await File.WriteAllBytesAsync(hostile, Nested(_template, part, depth));

        var (exitCode, answers, error) = await RunProbeAsync(hostile);

        Assert.True(exitCode == 0, $"The probe ended with exit code {exitCode}: {error[..Math.Min(error.Length, 2000)]}");
        Assert.Equal("READ 2 0", answers["GOOD"]);
        // The depth budget's own message: not the time budget's, not a generic "not a workbook".
        Assert.Equal("REFUSED " + ActivityImporter.TooComplexMessage(ImportBudgets.Default.DepthReason), answers["HOSTILE"]);
        var allocated = long.Parse(answers["ALLOCATED"], CultureInfo.InvariantCulture);
        Assert.True(allocated < AllocationBudget, $"{allocated / 1024 / 1024} MB allocated");
        Assert.Equal("READ 2 0", answers["AFTER"]);
    }

    private async Task<(int ExitCode, Dictionary<string, string> Answers, string Error)> RunProbeAsync(string hostile)
    {
        var dll = ReliabilityServices.Output("tools/CommsPlan.ImportProbe", "CommsPlan.ImportProbe.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built.");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[] { dll, _database.FilePath, _good, hostile }) info.ArgumentList.Add(argument);
        using var probe = Process.Start(info) ?? throw new InvalidOperationException("The probe did not start.");
        var output = probe.StandardOutput.ReadToEndAsync();
        var error = probe.StandardError.ReadToEndAsync();
        // Not a time measure: a bound so that a reader stuck for minutes fails the test rather than hanging the run.
        using var stuck = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await probe.WaitForExitAsync(stuck.Token);
        }
        catch (OperationCanceledException)
        {
            probe.Kill(entireProcessTree: true);
            await probe.WaitForExitAsync();
            Assert.Fail($"The probe was still running after 5 minutes: {await output}");
        }
        var answers = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .Where(words => words.Length == 2)
            .ToDictionary(words => words[0], words => words[1]);
        return (probe.ExitCode, answers, await error);
    }
}
