using System.Net;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Core.Api;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// /api/v1/indicators over HTTP on the demo: what the province's system and an agency's system pull equals the Core
/// service's answer, the overview's figures for the same caller, and the workbook the Office downloads (both engines:
/// IndicatorServiceTests).
/// </summary>
public sealed class IndicatorApiTests(InProcessApp app) : IClassFixture<InProcessApp>
{
    private static readonly ReportingPeriod Q3 = ReportingPeriods.DecreeQuarter(2021, 3);

    [Fact]
    public async Task TheProvincesQuarterEqualsTheServiceTheOverviewAndTheDownloadedWorkbook()
    {
        var (token, secret) = await app.CreateTokenAsync(null);
        using var client = app.BearerClient(secret);
        using var leader = await app.SignedInClientAsync("lanhdao");
        var user = ApiTestClients.UserOf(token);

        var indicators = await (await client.GetAsync("/api/v1/indicators?period=2021-Q3")).JsonAsync(HttpStatusCode.OK);
        var overview = await app.Services.GetRequiredService<OverviewService>().GetOverviewAsync(user, Q3, MonitoringScope.Province, 2021);
        using var download = await leader.GetAsync("/api/reports/consolidated.xlsx?from=2021-06-15&to=2021-09-14");

        var expected = await app.Services.GetRequiredService<IndicatorService>().GetAsync(user, Q3, null, null);
        Assert.True(JsonNode.DeepEquals(ApiTestClients.Wire(expected), indicators), indicators.ToJsonString());
        Assert.Equal("2021-Q3", indicators["period"]!["key"]!.GetValue<string>());
        Assert.Equal(overview.Kpis.Activities, indicators["kpis"]!["activities"]!.GetValue<int>());
        Assert.Equal(overview.Kpis.TotalCost, indicators["kpis"]!["totalCost"]!.GetValue<long>());
        Assert.Equal(overview.Kpis.UnitPlansOnTime, indicators["kpis"]!["unitPlansOnTime"]!.GetValue<int>());
        Assert.Equal(overview.Agencies.Count, indicators["agencies"]!.AsArray().Count);
        Assert.Equal(overview.ByChannel.Select(c => (c.Code, c.Quantity, c.SecondMeasure)),
            indicators["formGroups"]!.AsArray().SelectMany(g => g!["channels"]!.AsArray())
                .Select(c => (c!["code"]!.GetValue<string>(), c["quantity"]!.GetValue<long>(), c["secondMeasure"]!.GetValue<long>())));
        Assert.Null(indicators["provinceKpis"]);
        Assert.True(indicators["kpis"]!["activities"]!.GetValue<int>() > 0);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var workbook = new XLWorkbook(await download.Content.ReadAsStreamAsync());
        SummarySheet.AssertMatches(workbook.Worksheet(ConsolidatedReportBuilder.SummarySheet), indicators);
    }

    [Fact]
    public async Task AnAgencyTokenGetsItsOwnAgencyWithTheProvincesHeadlineFigures()
    {
        using var agency = await app.TokenClientAsync("DAITU");
        using var province = await app.TokenClientAsync(null);

        var own = await (await agency.GetAsync("/api/v1/indicators?from=2021-06-15&to=2021-09-14")).JsonAsync(HttpStatusCode.OK);
        var same = await (await agency.GetAsync("/api/v1/indicators?period=2021-Q3&agency=daitu")).JsonAsync(HttpStatusCode.OK);
        var all = await (await province.GetAsync("/api/v1/indicators?period=2021-Q3&plan=2021")).JsonAsync(HttpStatusCode.OK);
        var narrowed = await (await province.GetAsync("/api/v1/indicators?period=2021-Q3&agency=DAITU")).JsonAsync(HttpStatusCode.OK);

        // A range that is exactly Quý III is named as Quý III, as the workbook names it.
        Assert.Equal("2021-Q3", own["period"]!["key"]!.GetValue<string>());
        Assert.True(own["scope"]!["ownAgencyOnly"]!.GetValue<bool>());
        Assert.Equal("DAITU", Assert.Single(own["agencies"]!.AsArray())!["code"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(all["kpis"], own["provinceKpis"]));
        Assert.True(JsonNode.DeepEquals(own, same));
        Assert.True(JsonNode.DeepEquals(own["kpis"], narrowed["kpis"]));
        Assert.True(JsonNode.DeepEquals(own["agencies"], narrowed["agencies"]));
        Assert.False(narrowed["scope"]!["ownAgencyOnly"]!.GetValue<bool>());
        var row = all["agencies"]!.AsArray().Single(a => a!["code"]!.GetValue<string>() == "DAITU")!;
        Assert.Equal(row["activities"]!.GetValue<int>(), own["kpis"]!["activities"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnotherAgencyIsNotFoundForAnAgencyToken()
    {
        using var agency = await app.TokenClientAsync("DAITU");

        var problem = await (await agency.GetAsync("/api/v1/indicators?period=2021-Q3&agency=STP")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("Không có cơ quan, đơn vị mã «STP» trong phạm vi được xem (tham số agency).", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("period=2021-Q5", "period")]
    [InlineData("period=quy-3", "period")]
    [InlineData("period=2021-Q3&from=2021-06-15&to=2021-09-14", "period")]
    [InlineData("from=2021-06-15", "to")]
    [InlineData("from=15/06/2021&to=2021-09-14", "from")]
    [InlineData("from=2021-09-14&to=2021-06-15", "to")]
    [InlineData("plan=21", "plan")]
    public async Task AMalformedParameterIsA422NamingIt(string query, string parameter)
    {
        using var client = await app.TokenClientAsync(null);

        var problem = await (await client.GetAsync("/api/v1/indicators?" + query)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(parameter, Assert.Single(errors).Key);
        Assert.NotEmpty(errors[parameter]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("period=2021-Q3&plan=2022", "tham số plan")]
    [InlineData("period=2021-Q3&agency=KHONGCO", "tham số agency")]
    public async Task AParameterNamingNothingThatExistsIsA404NamingIt(string query, string parameter)
    {
        using var client = await app.TokenClientAsync(null);

        var problem = await (await client.GetAsync("/api/v1/indicators?" + query)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains(parameter, problem["detail"]!.GetValue<string>());
    }
}
