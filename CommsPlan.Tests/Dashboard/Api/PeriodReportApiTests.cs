using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommsPlan.Core.Api;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// /api/v1/period-reports over HTTP on the demo (20/10/2021: Quý I–III are due; STP has sent none but Quý II, BAOTN's
/// Quý III was sent back): the list in each token's scope, and an agency's write token submitting under the service's rules.
/// </summary>
public sealed class PeriodReportApiTests(InProcessApp app) : IClassFixture<InProcessApp>
{
    [Fact]
    public async Task TheListIsTheReportingBoardInTheTokensScope()
    {
        var (provinceToken, provinceSecret) = await app.CreateTokenAsync(null);
        using var province = app.BearerClient(provinceSecret);
        using var agency = await app.TokenClientAsync("DAITU");
        await using var db = app.CreateContext();
        var active = await db.Agencies.CountAsync(a => a.IsActive);

        var all = await (await province.GetAsync("/api/v1/period-reports?plan=2021")).JsonAsync(HttpStatusCode.OK);
        var own = await (await agency.GetAsync("/api/v1/period-reports")).JsonAsync(HttpStatusCode.OK);

        var board = await app.Services.GetRequiredService<PeriodReportService>().GetBoardAsync(ApiTestClients.UserOf(provinceToken), 2021);
        Assert.True(JsonNode.DeepEquals(ApiTestClients.Wire(ApiPeriodReportList.From(board)), all));
        Assert.Equal(active * 4, all["reports"]!.AsArray().Count);
        var reports = own["reports"]!.AsArray();
        Assert.Equal(["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"], reports.Select(r => r!["periodKey"]!.GetValue<string>()));
        Assert.All(reports, r => Assert.Equal("DAITU", r!["agencyCode"]!.GetValue<string>()));
        Assert.Equal("Submitted", reports[2]!["status"]!.GetValue<string>());
        Assert.Equal("Đã gửi", reports[2]!["statusName"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAgencyWriteTokenSubmitsItsReportOnceAndTheServiceRefusesASecondSubmission()
    {
        using var client = await app.TokenClientAsync("STP", ApiScopes.Write, name: "Cổng Sở Tư pháp");

        using var submitted = await client.PostAsJsonAsync("/api/v1/period-reports/2021-Q1/submit", new { commentary = "Đã hoàn thành các nhiệm vụ quý I." });
        using var again = await client.PostAsJsonAsync("/api/v1/period-reports/2021-Q1/submit", new { commentary = "Gửi lại" });

        var body = await submitted.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Submitted", "STP", "Đã hoàn thành các nhiệm vụ quý I.", "api:Cổng Sở Tư pháp"),
            (body["status"]!.GetValue<string>(), body["agencyCode"]!.GetValue<string>(), body["commentary"]!.GetValue<string>(),
             body["submittedBy"]!.GetValue<string>()));
        Assert.Equal("2021-10-20", body["submittedOn"]!.GetValue<string>());
        Assert.Equal($"\"{body["version"]!.GetValue<long>()}\"", submitted.Headers.ETag!.Tag);
        var refused = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Không thể gửi báo cáo Quý I/2021 đang ở trạng thái «Đã gửi».", refused["detail"]!.GetValue<string>());
        await using var db = app.CreateContext();
        var stored = await db.PeriodReports.SingleAsync(r => r.Agency!.Code == "STP" && r.PeriodKey == "2021-Q1");
        Assert.Equal(PeriodReportStatus.Submitted, stored.Status);
        Assert.Equal("api:Cổng Sở Tư pháp", stored.UpdatedBy);
    }

    [Fact]
    public async Task ASentBackReportIsResubmittedWithTheVersionItWasReadAt()
    {
        using var client = await app.TokenClientAsync("BAOTN", ApiScopes.Write);
        var list = await (await client.GetAsync("/api/v1/period-reports")).JsonAsync(HttpStatusCode.OK);
        var q3 = list["reports"]!.AsArray().Single(r => r!["periodKey"]!.GetValue<string>() == "2021-Q3")!;
        Assert.Equal("SentBack", q3["status"]!.GetValue<string>());

        using var stale = await SubmitAsync(client, "2021-Q3", "\"0\"");
        using var fresh = await SubmitAsync(client, "2021-Q3", $"\"{q3["version"]!.GetValue<long>()}\"");

        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Submitted", (await fresh.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheServicesRulesAnswerAsHttpMeansThem()
    {
        using var client = await app.TokenClientAsync("STP", ApiScopes.Write);

        var notDue = await (await client.PostAsJsonAsync("/api/v1/period-reports/2021-Q4/submit", new { })).ProblemAsync(HttpStatusCode.Conflict);
        var notAQuarter = await (await client.PostAsync("/api/v1/period-reports/2021-H1/submit", null)).ProblemAsync(HttpStatusCode.NotFound);
        var tooLong = await (await client.PostAsJsonAsync("/api/v1/period-reports/2021-Q3/submit", new { commentary = new string('x', 2001) }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("chưa đến ngày chốt số liệu", notDue["detail"]!.GetValue<string>());
        Assert.Contains("tham số periodKey", notAQuarter["detail"]!.GetValue<string>());
        Assert.Equal("Nhận xét của đơn vị không được dài quá 2.000 ký tự.", tooLong["errors"]!["commentary"]![0]!.GetValue<string>());
        await using var db = app.CreateContext();
        Assert.False(await db.PeriodReports.AnyAsync(r => r.Agency!.Code == "STP" && (r.PeriodKey == "2021-Q3" || r.PeriodKey == "2021-Q4")));
    }

    [Fact]
    public async Task AReadOnlyTokenAndTheProvincesTokenMayNotSubmit()
    {
        using var readOnly = await app.TokenClientAsync("TPTN");
        using var province = await app.TokenClientAsync(null);

        var refused = await (await readOnly.PostAsJsonAsync("/api/v1/period-reports/2021-Q3/submit", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await province.PostAsJsonAsync("/api/v1/period-reports/2021-Q3/submit", new { })).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("Không có quyền", refused["title"]!.GetValue<string>());
        await using var db = app.CreateContext();
        Assert.DoesNotContain(await db.PeriodReports.Where(r => r.Agency!.Code == "TPTN").Select(r => r.UpdatedBy).ToListAsync(),
            by => by.StartsWith("api:", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string periodKey, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/period-reports/{periodKey}/submit") { Content = JsonContent.Create(new { }) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return client.SendAsync(request);
    }
}
