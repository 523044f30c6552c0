using System.Text.Json;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>`GET /api/reports/consolidated.xlsx` over HTTP through the running app, with real sign-in cookies.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportEndpointTests(AppFixture app)
{
    private const string QuarterOne = "/api/reports/consolidated.xlsx?from=2020-12-15&to=2021-03-14";

    [Fact]
    public async Task AMonitorGetsTheProvinceWorkbookNamedForItsPeriod()
    {
        var page = await app.LoginAsync("giamsat");

        var response = await page.Context.APIRequest.GetAsync(QuarterOne);

        Assert.Equal(200, response.Status);
        Assert.Equal(ConsolidatedReportBuilder.ContentType, response.Headers["content-type"]);
        Assert.Contains("attachment", response.Headers["content-disposition"]);
        Assert.Contains("filename=BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.xlsx", response.Headers["content-disposition"]);
        using var workbook = await OpenAsync(response);
        Assert.Equal(ConsolidatedReportBuilder.SheetNames, workbook.Worksheets.Select(w => w.Name));
        Assert.Equal("Kỳ báo cáo: Quý I/2021; phạm vi: Toàn tỉnh", workbook.Worksheet("Tổng hợp").Cell("A8").GetString());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("&agency=DAITU")]
    [InlineData("&group=District")]
    [InlineData("")]
    public async Task AnOfficerGetsOnlyItsOwnAgencyWhateverItAsksFor(string scope)
    {
        var own = ReportTestData.UniqueTitle("Hội nghị Sở Tư pháp");
        var other = ReportTestData.UniqueTitle("Hội nghị Đại Từ");
        await ReportTestData.AddQuarterOneActivitiesAsync(app, ("STP", own), ("DAITU", other));
        var page = await app.LoginAsync("tuphap");

        var response = await page.Context.APIRequest.GetAsync(QuarterOne + scope);

        Assert.Equal(200, response.Status);
        Assert.Contains("filename=BaoCao_TruyenThong_TTHC_STP_2020-12-15_2021-03-14.xlsx", response.Headers["content-disposition"]);
        using var workbook = await OpenAsync(response);
        var detail = workbook.Worksheet("Chi tiết");
        var agencies = detail.Column(4).CellsUsed().Where(c => c.Address.RowNumber > 10).Select(c => c.GetString()).Distinct().ToList();
        Assert.Equal(["Sở Tư pháp"], agencies);
        var titles = detail.Column(7).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(own, titles);
        Assert.DoesNotContain(other, titles);
        Assert.Equal("SỞ TƯ PHÁP", workbook.Worksheet("Tổng hợp").Cell("A2").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LeadershipNarrowsToAGroupAndAnAdministratorToAnAgency()
    {
        var district = ReportTestData.UniqueTitle("Hội nghị Đại Từ");
        await ReportTestData.AddQuarterOneActivitiesAsync(app, ("DAITU", district), ("STP", ReportTestData.UniqueTitle("Hội nghị Sở")));
        var leader = await app.LoginAsync("lanhdao");
        var admin = await app.LoginAsync("admin");

        var byGroup = await leader.Context.APIRequest.GetAsync(QuarterOne + "&group=District");
        var byAgency = await admin.Context.APIRequest.GetAsync(QuarterOne + "&agency=DAITU");

        Assert.Equal(200, byGroup.Status);
        Assert.Contains("filename=BaoCao_TruyenThong_TTHC_District_2020-12-15_2021-03-14.xlsx", byGroup.Headers["content-disposition"]);
        using (var workbook = await OpenAsync(byGroup))
        {
            var names = workbook.Worksheet("Chi tiết").Column(4).CellsUsed().Where(c => c.Address.RowNumber > 10).Select(c => c.GetString()).Distinct();
            Assert.All(names, n => Assert.StartsWith("UBND ", n));
        }
        Assert.Equal(200, byAgency.Status);
        Assert.Contains("filename=BaoCao_TruyenThong_TTHC_DAITU_2020-12-15_2021-03-14.xlsx", byAgency.Headers["content-disposition"]);
        using (var workbook = await OpenAsync(byAgency))
            Assert.Contains(district, workbook.Worksheet("Chi tiết").Column(7).CellsUsed().Select(c => c.GetString()));
        await leader.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Theory]
    [InlineData("?from=2020-12-15", "Thiếu ngày bắt đầu (from) hoặc ngày kết thúc (to)")]
    [InlineData("?from=15-12-2020&to=2021-03-14", "Ngày bắt đầu “15-12-2020” không hợp lệ")]
    [InlineData("?from=2021-03-14&to=2020-12-15", "Ngày kết thúc của kỳ báo cáo phải bằng hoặc sau ngày bắt đầu.")]
    [InlineData("?from=2020-12-15&to=2021-03-14&agency=STP&group=Media", "Chỉ chọn một phạm vi")]
    [InlineData("?from=2020-12-15&to=2021-03-14&group=Tinh", "Nhóm cơ quan “Tinh” không hợp lệ")]
    [InlineData("?from=2020-12-15&to=2021-03-14&agency=KHONGCO", "Không tìm thấy cơ quan, đơn vị có mã “KHONGCO”.")]
    public async Task BadParametersAnswer400WithAVietnameseReason(string query, string reason)
    {
        var page = await app.LoginAsync("giamsat");

        var response = await page.Context.APIRequest.GetAsync("/api/reports/consolidated.xlsx" + query);

        Assert.Equal(400, response.Status);
        using var problem = JsonDocument.Parse(await response.TextAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAnonymousRequestGets401NotTheSignInPage()
    {
        await using var context = await app.NewContextAsync();

        var response = await context.APIRequest.GetAsync(QuarterOne, new() { MaxRedirects = 0 });

        Assert.Equal(401, response.Status);
        Assert.False(response.Headers.ContainsKey("location"));
        Assert.Empty(await response.BodyAsync());
    }

    [Fact]
    public async Task ASignedInUserWithoutARoleIsRefused()
    {
        var userName = $"norole{Guid.NewGuid():N}"[..14];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { UserName = userName, FullName = "Không vai trò" }, "Sao-mai#Thu92")).Succeeded);
        }
        var page = await app.LoginAsync(userName, "Sao-mai#Thu92", waitForInteractive: false);

        var response = await page.Context.APIRequest.GetAsync(QuarterOne, new() { MaxRedirects = 0 });

        Assert.Equal(403, response.Status);
        Assert.DoesNotContain(ConsolidatedReportBuilder.ContentType, response.Headers.GetValueOrDefault("content-type") ?? "");
        await page.Context.CloseAsync();
    }

    private static async Task<XLWorkbook> OpenAsync(IAPIResponse response) => new(new MemoryStream(await response.BodyAsync()));
}
