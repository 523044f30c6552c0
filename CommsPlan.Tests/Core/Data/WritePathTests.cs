using System.Globalization;
using CommsPlan.Benchmarks;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Writing;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using S = CommsPlan.Core.Activities.Import.ActivitySheet;

namespace CommsPlan.Tests.Core.Data;

/// <summary>
/// The one write path (docs/decisions/0014-one-write-path.md): every context is configured by UseCommsPlan, and the
/// form's save and the import's bulk insert leave the same rows, history and figures.
/// </summary>
public abstract class WritePathTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _formDatabase = null!;
    private TestDatabase _importDatabase = null!;

    public async Task InitializeAsync()
    {
        _formDatabase = await TestDatabase.CreateAsync(provider);
        _importDatabase = await TestDatabase.CreateAsync(provider);
    }

    public async Task DisposeAsync()
    {
        await _formDatabase.DisposeAsync();
        await _importDatabase.DisposeAsync();
    }

    [Fact]
    public async Task TheFormAndTheImportWriteTheSameStampsHistoryAndFiguresForTheSameRows()
    {
        var importKit = await ActivityTestKit.CreateAsync(_importDatabase);
        var importer = new ActivityImporter(_importDatabase.Factory, importKit.Clock, importKit.Notifier, new PeriodLock());
        var preview = await importer.PreviewAsync(importKit.Officer("STP"), new MemoryStream(ActivityWorkbook.Fill(await importer.CreateTemplateAsync(), Rows())));
        Assert.True(preview.CanImport, string.Join("; ", preview.BadRows.SelectMany(r => r.Errors)));

        Assert.Equal(preview.Rows.Count, await importer.CommitAsync(importKit.Officer("STP"), preview));
        var formKit = await ActivityTestKit.CreateAsync(_formDatabase);
        foreach (var row in preview.Rows) await formKit.Service().CreateAsync(formKit.Officer("STP"), row.Input);

        var fromForm = await WrittenAsync(_formDatabase);
        var fromImport = await WrittenAsync(_importDatabase);
        Assert.Equal(preview.Rows.Count, fromForm.Activities.Count);
        Assert.Equal(fromForm.Activities, fromImport.Activities);
        Assert.Equal(fromForm.History, fromImport.History);
        Assert.NotEmpty(fromForm.Figures);
        Assert.Equal(fromForm.Figures, fromImport.Figures);
        // The search keys are among the columns compared: both paths fill them, neither leaves them empty.
        Assert.Contains(fromImport.Activities, row => row.Contains("SearchKey=hoi nghi tap huan kiem soat tthc nam 2021\ntap huan cho can bo mot cua\nco dai bieu cap xa |", StringComparison.Ordinal));
    }

    /// <summary>Rows unlike each other: every optional column filled or left empty, several channels, months and tags.</summary>
    private static IEnumerable<Dictionary<string, object?>> Rows()
    {
        yield return new()
        {
            [S.Channel] = "HOINGHI", [S.Title] = "Hội nghị tập huấn kiểm soát TTHC năm 2021", [S.StartDate] = new DateTime(2021, 6, 15),
            [S.EndDate] = new DateTime(2021, 6, 16), [S.Quantity] = 2, [S.SecondMeasure] = 150, [S.Objectives] = "MĐ3; MĐ1",
            [S.Themes] = "ND4;ND2", [S.District] = "Đại Từ", [S.Evidence] = "https://stp.thainguyen.gov.vn/tin/hoi-nghi",
            [S.Cost] = 25_000_000, [S.Notes] = "Có đại biểu cấp xã", [S.Description] = "Tập huấn cho cán bộ một cửa", [S.FundingSource] = "Ngân sách tỉnh",
        };
        yield return new()
        {
            [S.Channel] = "BAO", [S.Title] = "Bài viết về dịch vụ công trực tuyến", [S.StartDate] = new DateTime(2021, 3, 2),
            [S.Quantity] = 1, [S.Objectives] = "MĐ2", [S.Themes] = "ND1",
        };
        yield return new()
        {
            [S.Channel] = "TOROI", [S.Title] = "Phát tờ rơi hướng dẫn nộp hồ sơ trực tuyến", [S.StartDate] = new DateTime(2021, 3, 20),
            [S.Quantity] = 1500, [S.Objectives] = "MĐ1, MĐ4", [S.Themes] = "ND3", [S.District] = "TPTN", [S.Cost] = 3_000_000,
        };
        yield return new()
        {
            [S.Channel] = "HOINGHI", [S.Title] = "Hội nghị đối thoại với doanh nghiệp", [S.StartDate] = new DateTime(2021, 6, 15),
            [S.Quantity] = 1, [S.SecondMeasure] = 80, [S.Objectives] = "MĐ1", [S.Themes] = "ND2", [S.Notes] = "Lần hai trong tháng",
        };
    }

    private sealed record Written(List<string> Activities, List<string> History, List<string> Figures);

    /// <summary>
    /// What a database holds after the writes, ids aside: each activity's every column and tags, each history entry
    /// (its record named by position, not id), and every figure row.
    /// </summary>
    private static async Task<Written> WrittenAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var activities = await db.Activities.AsNoTracking().Include(a => a.Objectives).Include(a => a.Themes).AsSplitQuery()
            .OrderBy(a => a.Id).ToListAsync();
        var position = activities.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id.ToString(CultureInfo.InvariantCulture), x => x.i);
        var entityType = db.Model.FindEntityType(typeof(Activity))!;
        var rows = activities.Select(a => string.Join(" | ", entityType.GetProperties().Where(p => !p.IsPrimaryKey())
                .Select(p => $"{p.Name}={Convert.ToString(p.GetGetter().GetClrValue(a), CultureInfo.InvariantCulture)}"))
            + $" | Objectives={string.Join(",", a.Objectives.Select(o => o.Code).Order())} | Themes={string.Join(",", a.Themes.Select(t => t.Code).Order())}")
            .ToList();
        var history = (await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
            .Select(e => $"{e.EntityType} #{(e.EntityType == nameof(Activity) ? position[e.EntityId] : e.EntityId)} {e.Action} by {e.UserId}/{e.UserName} at {e.At:O}: {e.Changes}")
            .ToList();
        var figures = (await db.ActivityFigures.AsNoTracking().ToListAsync())
            .Select(f => $"{f.Grain} {f.Day} {f.AgencyId} {f.ChannelId}: {f.Activities} {f.Quantity} {f.SecondMeasure} {f.Cost}")
            .Concat((await db.ActivityObjectiveFigures.AsNoTracking().ToListAsync())
                .Select(f => $"{f.Grain} {f.Day} {f.AgencyId} objective {f.ObjectiveId}: {f.Activities}"))
            .Concat((await db.ActivityThemeFigures.AsNoTracking().ToListAsync())
                .Select(f => $"{f.Grain} {f.Day} {f.AgencyId} {f.ChannelId} theme {f.ThemeId}: {f.Activities}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new Written(rows, history, figures);
    }

    [Fact]
    public async Task ASynchronousSaveOfAnAuditedRecordIsRefusedBeforeAnythingIsWrittenOrStamped()
    {
        var kit = await ActivityTestKit.CreateAsync(_formDatabase);
        var id = (await kit.Service().CreateAsync(kit.Officer("STP"), kit.Input(title: "Lưu đồng bộ"))).Id;

        await using (var db = await _formDatabase.Factory.CreateForAsync(kit.Officer("STP"), kit.Clock))
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == id);
            activity.Notes = "Ghi chú mới";

            var refused = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

            Assert.Equal(WritePipeline.SynchronousSaveRefused, refused.Message);
            Assert.Equal(1, activity.Version);
        }
        await using var check = _formDatabase.CreateContext();
        Assert.Null(await check.Activities.Where(a => a.Id == id).Select(a => a.Notes).SingleAsync());
        Assert.Equal(0, await check.AuditEntries.CountAsync(e => e.EntityId == id.ToString(CultureInfo.InvariantCulture) && e.Action == AuditAction.Updated));
    }

    [Fact]
    public async Task ASynchronousSaveOfRowsWithoutHistoryOrFiguresIsWritten()
    {
        // Data Protection's key store saves synchronously; its rows have neither history nor figures.
        await using (var db = _formDatabase.CreateContext())
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-test", Xml = "<key />" });
            Assert.Equal(1, db.SaveChanges());
        }

        await using var check = _formDatabase.CreateContext();
        Assert.Equal("<key />", await check.DataProtectionKeys.Where(k => k.FriendlyName == "key-test").Select(k => k.Xml).SingleAsync());
    }

    public sealed class OnSqlite() : WritePathTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : WritePathTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}

/// <summary>Every context the app, the tests and the benchmarks open is configured by UseCommsPlan.</summary>
public sealed class UseCommsPlanTests
{
    [Fact]
    public async Task AContextOfTheAppsFactoryAndIdentitysScopedContextRunTheWritePathTheFailureMappingAndSqlitesDurability()
    {
        await using var services = await AccessTestServices.CreateAsync();

        await using var fromFactory = await services.Get<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync();
        await using var scope = services.Services.CreateAsyncScope();
        var scoped = scope.ServiceProvider.GetRequiredService<CommsPlanDbContext>();

        foreach (var db in new[] { fromFactory, scoped })
        {
            Assert.Equal(
                [nameof(SqliteDurabilityInterceptor), nameof(SqliteSearchKeyFunction), nameof(DatabaseFailureInterceptor), nameof(WriteInterceptor)],
                Interceptors(db));
            // The app's clock, not the system's: stamps and history read the demo's day.
            Assert.Same(services.Time, db.Time);
        }
    }

    [Fact]
    public async Task TheTestsDatabasesAndTheBenchmarksFactoriesAreConfiguredLikeTheApp()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var forTests = database.CreateContext();
        await using var forBenchmarks = DataGenerator.Factory(database.FilePath).CreateDbContext();

        Assert.Equal([nameof(SqliteDurabilityInterceptor), nameof(SqliteSearchKeyFunction), nameof(DatabaseFailureInterceptor), nameof(WriteInterceptor)], Interceptors(forTests));
        Assert.Equal([nameof(SqliteDurabilityInterceptor), nameof(SqliteSearchKeyFunction), nameof(DatabaseFailureInterceptor), nameof(WriteInterceptor)], Interceptors(forBenchmarks));
    }

    [Fact]
    public void OnPostgreSqlTheSqliteOnlyPiecesAreLeftOut()
    {
        var options = new DbContextOptionsBuilder<CommsPlanDbContext>()
            .UseCommsPlan(DatabaseProvider.PostgreSQL, "Host=localhost;Database=not_opened").Options;
        using var db = DatabaseProviders.CreateContext(DatabaseProvider.PostgreSQL, options);

        Assert.Equal([nameof(DatabaseFailureInterceptor), nameof(WriteInterceptor)], Interceptors(db));
    }

    [Fact]
    public void AContextConfiguredWithoutUseCommsPlanCannotBeConstructed()
    {
        var options = new DbContextOptionsBuilder<CommsPlanDbContext>().UseSqlite("Data Source=never-opened.db").Options;

        var refused = Assert.Throws<InvalidOperationException>(() => new CommsPlanDbContext(options));

        Assert.Contains("UseCommsPlan", refused.Message);
    }

    private static List<string> Interceptors(CommsPlanDbContext db) =>
        [.. db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!.Select(i => i.GetType().Name)];
}
