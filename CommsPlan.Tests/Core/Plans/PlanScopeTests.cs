using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Plans;

/// <summary>
/// Two issued plans, 2021 and 2022, with the same channel codes: every service answers for the plan it is given and
/// never counts the other plan's activities. The activities sit where a date alone would mix them: 20/12/2021 (2021's
/// plan) lies in Quý I/2022 (15/12/2021 – 14/03/2022), beside one of 2022's dated 10/01/2022.
/// </summary>
public abstract class PlanScopeTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly CurrentUser Monitor = new("u-giamsat", "giamsat", [Roles.Monitor], null);
    private static readonly ReportingPeriod Q1Of2022 = ReportingPeriods.DecreeQuarter(2022, 1);
    private static readonly DateOnly InDecember = new(2021, 12, 20);
    private static readonly DateOnly InJanuary = new(2022, 1, 10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 2, 20, 3, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier _notifier = new();
    private TestDatabase _database = null!;
    private SecondPlan.Catalogue _first = null!;
    private SecondPlan.Catalogue _second = null!;
    private int _stp;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _first = await SecondPlan.FirstAsync(_database);
        _second = await SecondPlan.AddAsync(_database, 2022);
        await using var db = _database.CreateContext();
        _stp = db.Agencies.Single(a => a.Code == "STP").Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CurrentUser Officer => new("u-tuphap", "tuphap", [Roles.AgencyOfficer], _stp);

    private ActivityService Activities(int exactCountLimit = ActivityListTotal.ExactCountLimit) =>
        new(_database.Factory, _time, _notifier, new PeriodLock()) { ExactCountLimit = exactCountLimit };

    private OverviewService Overviews(IDataVersion? versions = null) => new(_database.Factory, _time, versions: versions);

    private ActivityInput Input(SecondPlan.Catalogue plan, DateOnly day, int quantity) => new()
    {
        AgencyId = _stp,
        ChannelId = plan.Channels["BAO"],
        Title = $"Tin bài năm {plan.Year} ngày {day:dd/MM/yyyy}",
        StartDate = day,
        Quantity = quantity,
        ObjectiveIds = [plan.Objectives["MD1"]],
        ThemeIds = [plan.Themes["ND1"]],
    };

    /// <summary>One activity of each plan, both inside Quý I/2022's window.</summary>
    private async Task RecordBothAsync()
    {
        await Activities().CreateAsync(Officer, Input(_first, InDecember, 3));
        await Activities().CreateAsync(Officer, Input(_second, InJanuary, 5));
    }

    [Fact]
    public async Task TheOverviewCountsOnlyThePlansOwnActivitiesInAWindowBothReach()
    {
        await RecordBothAsync();
        var window = ReportingPeriods.Custom(new DateOnly(2021, 12, 1), new DateOnly(2022, 1, 31));

        var of2022 = await Overviews().GetOverviewAsync(Monitor, Q1Of2022, planYear: 2022);
        var of2021 = await Overviews().GetOverviewAsync(Monitor, window, planYear: 2021);
        var bothIn2022 = await Overviews().GetOverviewAsync(Monitor, window, planYear: 2022);

        Assert.Equal((1, 5L), (of2022.Kpis.Activities, of2022.Kpis.MassMediaItems));
        Assert.Equal((1, 3L), (of2021.Kpis.Activities, of2021.Kpis.MassMediaItems));
        Assert.Equal(1, bothIn2022.Kpis.Activities);
        // The year to date of 2022 starts on 01/01/2022: December's activity is 2021's.
        Assert.Equal(5, of2022.Agencies.Single(a => a.Agency.Code == "STP").Channels.Sum(c => c.YearToDateQuantity));
    }

    [Fact]
    public async Task TheAgencyPageListsOnlyThePlansOwnActivities()
    {
        await RecordBothAsync();
        var agencies = new AgencyDetailService(_database.Factory, _time);

        var of2022 = await agencies.GetAgencyActivitiesAsync(Monitor, "STP", Q1Of2022, 0, 50, planYear: 2022);
        var of2021 = await agencies.GetAgencyActivitiesAsync(Monitor, "STP", Q1Of2022, 0, 50, planYear: 2021);
        var detail = await agencies.GetAgencyDetailAsync(Monitor, "STP", Q1Of2022, planYear: 2022);

        Assert.Equal([InJanuary], of2022.Items.Select(a => a.StartDate));
        Assert.Equal([InDecember], of2021.Items.Select(a => a.StartDate));
        Assert.Equal(1, detail.Kpis.Activities);
    }

    [Theory]
    [InlineData(ActivityListTotal.ExactCountLimit)]
    [InlineData(0)] // the total summed from the pre-aggregated figures instead of counted
    public async Task TheActivityListItsTotalsAndItsExportHoldOnlyThePlansActivities(int exactCountLimit)
    {
        await RecordBothAsync();
        var service = Activities(exactCountLimit);
        var query = new ActivityQuery { PlanYear = 2022, From = Q1Of2022.From, To = Q1Of2022.To };

        var page = await service.ListAsync(Monitor, query);
        var totals = await service.TotalsAsync(Monitor, query);
        var exported = new List<ActivityRow>();
        await foreach (var row in service.StreamAsync(Monitor, query)) exported.Add(row);
        var of2021 = await service.ListAsync(Monitor, query with { PlanYear = 2021 });

        Assert.Equal(1, page.TotalCount);
        Assert.Equal([InJanuary], page.Rows.Select(r => r.StartDate));
        Assert.Equal((1, 5L), (totals.Activities, totals.Quantities.Sum(q => q.Value)));
        Assert.Equal([InJanuary], exported.Select(r => r.StartDate));
        Assert.Equal((1, InDecember), (of2021.TotalCount, of2021.Rows.Single().StartDate));
    }

    [Fact]
    public async Task APeriodReportCountsTheActivitiesOfItsYearsPlanOnly()
    {
        await RecordBothAsync();
        var reports = new PeriodReportService(_database.Factory, _time, _notifier, Options.Create(new ReportingOptions()));

        var q1 = await reports.GetAsync(Monitor, _stp, Q1Of2022.Key);
        var board = await reports.GetBoardAsync(Monitor, 2022);

        Assert.Equal(1, q1.Activities);
        Assert.Equal(2022, board.Year);
    }

    [Fact]
    public async Task TheWorkbookOfAPlanHoldsItsOwnActivitiesAndDefaultsToThePlanOfThePeriodsEnd()
    {
        await RecordBothAsync();
        var builder = new ConsolidatedReportBuilder(_database.Factory, Overviews(), _time);
        var request = new ConsolidatedReportRequest(Q1Of2022, MonitoringScope.Province);

        using var byDefault = new MemoryStream();
        var defaulted = await builder.WriteAsync(Monitor, request, byDefault);
        using var of2021 = new MemoryStream();
        var named2021 = await builder.WriteAsync(Monitor, request with { PlanYear = 2021 }, of2021);
        var report = await builder.LoadAsync(Monitor, Q1Of2022, null, 2021);

        Assert.Equal(1, defaulted.DetailRows); // 14/03/2022 lies in the 2022 plan: January's activity only
        Assert.Equal(1, named2021.DetailRows);
        Assert.Equal((1, 3L), (report.Overview.Kpis.Activities, report.Overview.Kpis.MassMediaItems));
        Assert.Equal(_first.PlanId, report.Plan!.Id);
    }

    [Fact]
    public void TheWorkbookLinkCarriesThePlanYearAndRefusesANonYear()
    {
        Assert.True(ConsolidatedReportRequest.TryParse("2021-12-15", "2022-03-14", null, null, null, "2021", out var request, out _));
        Assert.Equal(2021, request.PlanYear);
        Assert.Contains("plan=2021", request.ToQueryString());

        Assert.False(ConsolidatedReportRequest.TryParse("2021-12-15", "2022-03-14", null, null, null, "năm", out _, out var error));
        Assert.Contains("Năm kế hoạch", error);
    }

    [Fact]
    public async Task TheImportIntoThe2022PlanRefusesA2021DateNamingTheRow()
    {
        var importer = new ActivityImporter(_database.Factory, _time, _notifier, new PeriodLock());
        var template = await importer.CreateTemplateAsync(2022);
        var file = ActivityWorkbook.Fill(template,
        [
            new Dictionary<string, object?>
            {
                ["Hình thức"] = "BAO", ["Tên hoạt động"] = "Tin đầu năm", ["Ngày thực hiện"] = "10/01/2022", ["Số lượng"] = 2,
                ["Mục đích"] = "MĐ1", ["Nội dung"] = "ND1",
            },
            new Dictionary<string, object?>
            {
                ["Hình thức"] = "BAO", ["Tên hoạt động"] = "Tin của năm trước", ["Ngày thực hiện"] = "20/06/2021", ["Số lượng"] = 1,
                ["Mục đích"] = "MĐ1", ["Nội dung"] = "ND1",
            },
        ]);

        var preview = await importer.PreviewAsync(Officer, new MemoryStream(file), 2022);

        Assert.Equal(2022, preview.PlanYear);
        var bad = Assert.Single(preview.BadRows);
        Assert.Equal(3, bad.RowNumber);
        Assert.Contains(bad.Errors, e => e.Contains("Ngày thực hiện phải trong thời gian thực hiện kế hoạch (01/01/2022 – 31/12/2022)", StringComparison.Ordinal));
        Assert.Equal(_second.Channels["BAO"], preview.Rows.Single(r => r.RowNumber == 2).Input.ChannelId);
        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => importer.CommitAsync(Officer, preview));
        Assert.Contains("lỗi", refused.Message);
    }

    [Fact]
    public async Task TheFormsValidatorRefusesADateOutsideTheChosenPlan()
    {
        var validator = await Activities().CreateValidatorAsync(2022);

        var result = await validator.ValidateAsync(Input(_second, InDecember, 1));

        Assert.Equal(_second.Year, validator.Context.Catalogue.PlanYear);
        Assert.Contains(result.Errors, e => e.PropertyName == nameof(ActivityInput.StartDate)
            && e.ErrorMessage.Contains("(01/01/2022 – 31/12/2022)", StringComparison.Ordinal));
        // The service checks an input against its channel's plan: a 2022 channel dated in 2021 is refused the same way.
        await Assert.ThrowsAsync<ValidationException>(() => Activities().CreateAsync(Officer, Input(_second, InDecember, 1)));
        // And a 2021 channel with a 2022 objective: the objective is not of its plan.
        var mixed = Input(_first, InDecember, 1);
        mixed.ObjectiveIds = [_second.Objectives["MD1"]];
        await Assert.ThrowsAsync<ValidationException>(() => Activities().CreateAsync(Officer, mixed));
    }

    [Fact]
    public void The2022ReportingPeriodsKeepTheDecree09Dates()
    {
        var periods = ReportingPeriods.DecreePeriods(2022);

        Assert.Equal((new DateOnly(2021, 12, 15), new DateOnly(2022, 3, 14), "Quý I/2022"), (periods[0].From, periods[0].To, periods[0].Title));
        Assert.Equal((new DateOnly(2022, 3, 15), new DateOnly(2022, 6, 14)), (periods[1].From, periods[1].To));
        Assert.Equal((new DateOnly(2021, 12, 15), new DateOnly(2022, 12, 14)), (periods[6].From, periods[6].To));
    }

    [Fact]
    public async Task TheSharedOverviewNeverAnswersOnePlanWithTheOthersFigures()
    {
        await RecordBothAsync();
        var service = Overviews(new FixedVersion());

        var of2022 = await service.GetOverviewAsync(Monitor, Q1Of2022, planYear: 2022);
        var of2021 = await service.GetOverviewAsync(Monitor, Q1Of2022, planYear: 2021);
        var current = await service.GetOverviewAsync(Monitor, Q1Of2022);

        Assert.NotSame(of2022, of2021);
        Assert.Equal((5L, 3L), (of2022.Kpis.MassMediaItems, of2021.Kpis.MassMediaItems));
        // No year named is the current plan, 2022 on 20/02/2022: the same entry as naming it.
        Assert.Same(of2022, current);
    }

    [Fact]
    public async Task AYearWithoutAnIssuedPlanIsRefusedWithAMessageAndADraftIsNeverTheDefault()
    {
        await SecondPlan.AddAsync(_database, 2023, issued: false);
        _time.SetUtcNow(new DateTimeOffset(2023, 2, 1, 3, 0, 0, TimeSpan.Zero));

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => Activities().GetCatalogueAsync(2023));
        var current = await Activities().GetCatalogueAsync();
        await using var db = _database.CreateContext();
        var issued = await PlanChoice.ListIssuedAsync(db);

        Assert.Equal("Không có kế hoạch năm 2023 đã ban hành.", refused.Message);
        Assert.Equal(2022, current.PlanYear);
        Assert.Equal([2022, 2021], issued.Select(p => p.Year));
    }

    private sealed class FixedVersion : IDataVersion
    {
        public long Current => 1;
    }

    public sealed class OnSqlite() : PlanScopeTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : PlanScopeTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
