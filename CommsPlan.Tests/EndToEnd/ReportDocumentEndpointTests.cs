using System.Text.Json;
using CommsPlan.Core.Access;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>`GET /api/reports/report.docx` over HTTP through the running app, with real sign-in cookies.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportDocumentEndpointTests(AppFixture app)
{
    private const string QuarterOne = "/api/reports/report.docx?from=2020-12-15&to=2021-03-14";
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Fact]
    public async Task AMonitorGetsTheOfficesReportWithItsNumber()
    {
        var page = await app.LoginAsync("giamsat");

        var response = await page.Context.APIRequest.GetAsync(QuarterOne + "&number=125");

        Assert.Equal(200, response.Status);
        Assert.Equal(DocxType, response.Headers["content-type"]);
        Assert.Contains("filename=BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.docx", response.Headers["content-disposition"]);
        var text = await ParagraphsAsync(response);
        Assert.Equal(["UBND TỈNH THÁI NGUYÊN", "VĂN PHÒNG", "Số: 125/BC-VPUBND"], text.Take(3));
        Assert.Contains("I. KẾT QUẢ THỰC HIỆN", text);
        Assert.Contains("III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", text);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("&agency=DAITU")]
    [InlineData("&group=District")]
    public async Task AnOfficerCannotGetAnotherAgencysDocument(string scope)
    {
        var page = await app.LoginAsync("tuphap");

        var response = await page.Context.APIRequest.GetAsync(QuarterOne + scope);

        // Core narrows an officer to its own agency whatever it asks for: the answer is its own paper, never Đại Từ's.
        Assert.Equal(200, response.Status);
        Assert.Contains("filename=BaoCao_TruyenThong_TTHC_STP_2020-12-15_2021-03-14.docx", response.Headers["content-disposition"]);
        var text = await ParagraphsAsync(response);
        Assert.Equal(["UBND TỈNH THÁI NGUYÊN", "SỞ TƯ PHÁP"], text.Take(2));
        Assert.DoesNotContain(text, p => p.Contains("Đại Từ", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDownloadedDocumentCarriesTheSavedText()
    {
        var edited = $"Các huyện đề nghị bổ sung kinh phí in tài liệu {Guid.NewGuid():N}.";
        var monitor = new CurrentUser("id-giamsat", "giamsat", [Roles.Monitor], null);
        var documents = app.Services.GetRequiredService<ReportDocumentBuilder>();
        var period = ReportingPeriods.DecreeQuarter(2021, 1);
        var media = MonitoringScope.ForGroup(AgencyGroup.Media);
        var loaded = (await documents.LoadDraftAsync(monitor, period, media)).Sections.Single(s => s.Key == ReportSections.Proposals);
        await documents.SaveSectionAsync(monitor, period, media, ReportSections.Proposals, edited, loaded.Version);
        var page = await app.LoginAsync("giamsat");

        var response = await page.Context.APIRequest.GetAsync(QuarterOne + "&group=Media");

        var text = (await ParagraphsAsync(response)).ToList();
        Assert.Equal(edited, text[text.IndexOf("2. Đề xuất, kiến nghị") + 1]);
        var province = await ParagraphsAsync(await page.Context.APIRequest.GetAsync(QuarterOne));
        Assert.DoesNotContain(edited, province);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("?from=2020-12-15", "Thiếu ngày bắt đầu (from) hoặc ngày kết thúc (to)")]
    [InlineData("?from=2020-12-15&to=2021-03-14&agency=KHONGCO", "Không tìm thấy cơ quan, đơn vị có mã “KHONGCO”.")]
    public async Task BadParametersAnswer400WithAVietnameseReason(string query, string reason)
    {
        var page = await app.LoginAsync("giamsat");

        var response = await page.Context.APIRequest.GetAsync("/api/reports/report.docx" + query);

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
    }

    private static async Task<IReadOnlyList<string>> ParagraphsAsync(IAPIResponse response)
    {
        Assert.Equal(200, response.Status);
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.BodyAsync()), false);
        return [.. document.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0)];
    }
}
