using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Data;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using S = CommsPlan.Core.Activities.Import.ActivitySheet;

namespace CommsPlan.Tests.Core.Activities;

/// <summary>The one duplicate rule (same agency, channel, start date and folded title), as the import and the form use it.</summary>
public abstract class ActivityDuplicateTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private ActivityImporter _importer = null!;
    private byte[] _template = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _kit = await ActivityTestKit.CreateAsync(_database);
        _importer = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock());
        _template = await _importer.CreateTemplateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<ActivityImportPreview> PreviewAsync(byte[] file, string agency = "STP", string userName = "tuphap") =>
        _importer.PreviewAsync(_kit.Officer(agency, userName), new MemoryStream(file));

    private byte[] Fill(params Dictionary<string, object?>[] rows) => ActivityWorkbook.Fill(_template, rows);

    private static ActivityInput OnJune15(ActivityInput input)
    {
        input.StartDate = new DateOnly(2021, 6, 15);
        return input;
    }

    [Fact]
    public async Task TheSameFileImportedTwiceAddsNothingTheSecondTime()
    {
        var file = Fill(ActivityWorkbook.GoodRow("Hội nghị một cửa"), ActivityWorkbook.GoodRow("Tập huấn TTHC"),
            ActivityWorkbook.GoodRow("Hội nghị một cửa", new DateTime(2021, 6, 16)));
        Assert.Equal(3, await _importer.CommitAsync(_kit.Officer("STP"), await PreviewAsync(file)));

        var again = await PreviewAsync(file);

        Assert.True(again.CanImport);
        Assert.Equal(3, again.PossibleDuplicates.Count);
        Assert.All(again.Rows, r => Assert.NotNull(r.Duplicate?.Existing));
        Assert.Equal(0, again.ImportCount(keepDuplicates: false));
        Assert.Equal(0, await _importer.CommitAsync(_kit.Officer("STP"), again));
        Assert.Equal(3, await _kit.CountActivitiesAsync());
    }

    [Fact]
    public async Task APreviewTakenBeforeTheSameFileWasImportedAddsNothingWhenCommittedAfterIt()
    {
        var file = Fill(ActivityWorkbook.GoodRow("Hội nghị một cửa"));
        var first = await PreviewAsync(file);
        var second = await PreviewAsync(file);
        Assert.Empty(second.PossibleDuplicates);

        Assert.Equal(1, await _importer.CommitAsync(_kit.Officer("STP"), first));

        Assert.Equal(0, await _importer.CommitAsync(_kit.Officer("STP"), second));
        Assert.Equal(1, await _kit.CountActivitiesAsync());
    }

    [Fact]
    public async Task ARowRepeatedInsideAFileIsFlaggedWithTheEarlierRowAndLeftOut()
    {
        var preview = await PreviewAsync(Fill(
            ActivityWorkbook.GoodRow("Hội nghị một cửa"),
            ActivityWorkbook.GoodRow("Tập huấn TTHC"),
            ActivityWorkbook.GoodRow("  HỘI NGHỊ  MỘT CỬA ")));

        var flagged = Assert.Single(preview.PossibleDuplicates);
        Assert.Equal(4, flagged.RowNumber);
        Assert.Equal(2, flagged.Duplicate!.SameAsRow);
        Assert.Null(flagged.Duplicate.Existing);
        Assert.Equal("Có thể trùng với dòng 2 của tệp.", flagged.Duplicate.Message);
        Assert.Equal(2, await _importer.CommitAsync(_kit.Officer("STP"), preview));
        Assert.Equal(2, await _kit.CountActivitiesAsync());
    }

    [Fact]
    public async Task TitlesMatchAfterFoldingAndTheFlagLinksTheRecordedActivity()
    {
        var recorded = await _kit.Service().CreateAsync(_kit.Officer("STP"), OnJune15(_kit.Input(title: "Tập huấn")));

        var preview = await PreviewAsync(Fill(ActivityWorkbook.GoodRow("TAP HUAN")));

        var flagged = Assert.Single(preview.PossibleDuplicates);
        Assert.Equal(new ActivityMatch(recorded.Id, "Tập huấn", new DateOnly(2021, 6, 15)), flagged.Duplicate!.Existing);
        Assert.Equal("Có thể trùng với hoạt động «Tập huấn» ngày 15/06/2021 đã có.", flagged.Duplicate.Message);
    }

    [Fact]
    public async Task AnotherChannelDateTitleOrAgencyIsNoDuplicate()
    {
        await _kit.Service().CreateAsync(_kit.Officer("STP"), OnJune15(_kit.Input(title: "Tập huấn")));

        var preview = await PreviewAsync(Fill(
            ActivityWorkbook.GoodRow("Tập huấn", new DateTime(2021, 6, 16)),
            ActivityWorkbook.GoodRow("Tập huấn lần 2"),
            ActivityWorkbook.GoodRow("Tập huấn").With(S.Channel, "BAO").With(S.SecondMeasure, null)));
        var otherAgency = await PreviewAsync(Fill(ActivityWorkbook.GoodRow("Tập huấn")), "DAITU", "daitu");

        Assert.True(preview.CanImport, string.Join("; ", preview.BadRows.SelectMany(r => r.Errors)));
        Assert.Empty(preview.PossibleDuplicates);
        Assert.Empty(otherAgency.PossibleDuplicates);
    }

    [Fact]
    public async Task KeepingFlaggedRowsImportsThemAll()
    {
        var file = Fill(ActivityWorkbook.GoodRow("Hội nghị một cửa"), ActivityWorkbook.GoodRow("Hội nghị một cửa"));
        Assert.Equal(1, await _importer.CommitAsync(_kit.Officer("STP"), await PreviewAsync(file)));

        var again = await PreviewAsync(file);
        Assert.Equal(2, again.ImportCount(keepDuplicates: true));

        Assert.Equal(2, await _importer.CommitAsync(_kit.Officer("STP"), again, keepDuplicates: true));
        Assert.Equal(3, await _kit.CountActivitiesAsync());
    }

    [Fact]
    public async Task ABadRowIsNotComparedAndDoesNotHideALaterGoodOne()
    {
        var preview = await PreviewAsync(Fill(
            ActivityWorkbook.GoodRow("Hội nghị một cửa").With(S.Quantity, 0),
            ActivityWorkbook.GoodRow("Hội nghị một cửa")));

        Assert.Single(preview.BadRows);
        Assert.Empty(preview.PossibleDuplicates);
    }

    [Fact]
    public async Task TheFormsCheckFindsAFoldedMatchOfTheOfficersAgencyButNotTheRecordBeingEdited()
    {
        var service = _kit.Service();
        var recorded = await service.CreateAsync(_kit.Officer("STP"), _kit.Input(title: "Tập huấn nghiệp vụ"));

        var matches = await service.FindDuplicatesAsync(_kit.Officer("STP"), _kit.Input(title: "TAP HUAN  nghiep vu"), null);

        Assert.Equal(recorded.Id, Assert.Single(matches).Id);
        Assert.Empty(await service.FindDuplicatesAsync(_kit.Officer("STP"), recorded.ToInput(), recorded.Id));
        Assert.Empty(await service.FindDuplicatesAsync(_kit.Officer("DAITU", "daitu"), _kit.Input("DAITU", title: "Tập huấn nghiệp vụ"), null));
        Assert.Empty(await service.FindDuplicatesAsync(_kit.Officer("STP"), _kit.Input(title: "Tập huấn nghiệp vụ", channel: "BAO"), null));
    }

    public sealed class OnSqlite() : ActivityDuplicateTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ActivityDuplicateTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
