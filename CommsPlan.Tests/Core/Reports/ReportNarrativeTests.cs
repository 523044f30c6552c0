using CommsPlan.Core.Access;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.Reports;

public abstract class ReportNarrativeTests(ReportSeed seed)
{
    private static readonly CurrentUser Monitor = new("u-giamsat", "giamsat", [Roles.Monitor], null);
    private static readonly ReportingPeriod Q1 = ReportingPeriods.DecreeQuarter(2021, 1);

    private Task<ConsolidatedReport> LoadAsync(CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null) =>
        ReportWorkbook.Builder(seed).LoadAsync(user, period, scope);

    [Fact]
    public async Task TheSeededQuarterReadsAsAnOfficialReportWithVietnameseNumbers()
    {
        var narrative = (await LoadAsync(Monitor, Q1)).Narrative;

        Assert.Equal(
            ["1. Kết quả thực hiện các hoạt động truyền thông", "2. Xây dựng kế hoạch truyền thông của cơ quan, đơn vị",
             "3. Biểu dương tập thể, cá nhân tiêu biểu", "4. Khó khăn, vướng mắc", "5. Tình hình gửi báo cáo định kỳ"],
            narrative.Sections.Select(s => s.Heading));
        var results = narrative.Sections[0].Paragraphs;
        Assert.Equal(
            "Trong kỳ báo cáo (từ ngày 15/12/2020 đến ngày 14/3/2021), các cơ quan, đơn vị đã thực hiện 10 hoạt động truyền thông "
            + "hỗ trợ hoạt động kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông, trong đó: đăng tải 165 tin, bài trên "
            + "báo (123), Cổng thông tin điện tử tỉnh (30) và trang thông tin điện tử của đơn vị (12); phát 40 lượt trên đài truyền "
            + "thanh cấp huyện với tổng thời lượng 200 phút; tổ chức 2 hội nghị, hội thảo với 1.340 lượt người tham dự; treo 85 băng "
            + "rôn; phát hành 25.000 tờ rơi, tờ gấp. Tổng kinh phí thực hiện là 75.000.000 đồng.",
            results[0]);
        Assert.Equal(
            "Về nội dung tuyên truyền, có 2 hoạt động về chủ trương, chính sách, pháp luật; 2 hoạt động về dịch vụ công trực tuyến, "
            + "kết quả một cửa; 1 hoạt động về giải đáp, tháo gỡ khó khăn, vướng mắc. Chưa có hoạt động nào về “biểu dương tập thể, "
            + "cá nhân tiêu biểu”.",
            results[1]);
        Assert.StartsWith("Có 4/33 cơ quan, đơn vị có hoạt động được ghi nhận trong kỳ; 29 cơ quan, đơn vị chưa có hoạt động: "
            + "Văn phòng UBND tỉnh, Trung tâm Phục vụ hành chính công tỉnh, Sở Kế hoạch và Đầu tư,", results[2]);
        Assert.EndsWith(", và 14 cơ quan, đơn vị khác.", results[2]);

        Assert.StartsWith("Về việc xây dựng kế hoạch truyền thông của cơ quan, đơn vị (thời hạn hoàn thành: 31/3/2021), có 2/29 cơ quan, "
            + "đơn vị đã ban hành kế hoạch đúng hạn; 1 cơ quan, đơn vị ban hành chậm so với thời hạn (UBND huyện Đại Từ); 26 cơ quan, "
            + "đơn vị chưa ban hành kế hoạch (Trung tâm Phục vụ hành chính công tỉnh, Sở Kế hoạch và Đầu tư,",
            Assert.Single(narrative.Sections[1].Paragraphs));
        Assert.Equal(
            "Các cơ quan, đơn vị đã biểu dương 2 tập thể, cá nhân (1 tập thể, 1 cá nhân) có thành tích tiêu biểu trong công tác kiểm "
            + "soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông, gồm: Bộ phận Một cửa Sở Tư pháp (Sở Tư pháp); Nguyễn Thị Hoa "
            + "(UBND huyện Đại Từ).",
            Assert.Single(narrative.Sections[2].Paragraphs));
        Assert.Equal(
            ["Trong kỳ báo cáo, các cơ quan, đơn vị đã phản ánh 2 khó khăn, vướng mắc về Văn phòng UBND tỉnh; Văn phòng UBND tỉnh đã "
             + "trả lời, hướng dẫn 1 nội dung, còn 1 nội dung đang được xem xét, giải quyết.",
             "Các nội dung chưa được trả lời: Thiếu kinh phí in tờ rơi (UBND huyện Đại Từ, ngày 25/02/2021)."],
            narrative.Sections[3].Paragraphs);
    }

    [Fact]
    public async Task ChannelsWithNothingInThePeriodAreLeftOutNotWrittenAsZero()
    {
        var text = (await LoadAsync(Monitor, Q1)).Narrative.Sections[0].Paragraphs[0];

        foreach (var absent in new[] { "pano", "áp phích", "khẩu hiệu", "cuộc thi", "lớp đào tạo", "tài liệu", "phóng sự", " 0 " })
            Assert.DoesNotContain(absent, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnAgencysNarrativeNamesItAndItsOwnUnitPlan()
    {
        var officer = new CurrentUser("u-stp", "tuphap", [Roles.AgencyOfficer], seed.AgencyIds["STP"]);

        var narrative = (await LoadAsync(officer, Q1, MonitoringScope.ForGroup(AgencyGroup.Media))).Narrative;

        Assert.Equal(
            ["Trong kỳ báo cáo (từ ngày 15/12/2020 đến ngày 14/3/2021), Sở Tư pháp đã thực hiện 4 hoạt động truyền thông hỗ trợ "
             + "hoạt động kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông, trong đó: đăng tải 15 tin, bài trên báo (3) "
             + "và trang thông tin điện tử của đơn vị (12); tổ chức 1 hội nghị, hội thảo với 670 lượt người tham dự; phát hành 20.000 "
             + "tờ rơi, tờ gấp. Tổng kinh phí thực hiện là 51.500.000 đồng.",
             "Về nội dung tuyên truyền, có 2 hoạt động về chủ trương, chính sách, pháp luật; 2 hoạt động về dịch vụ công trực tuyến, "
             + "kết quả một cửa. Chưa có hoạt động nào về “giải đáp, tháo gỡ khó khăn, vướng mắc” và “biểu dương tập thể, cá nhân "
             + "tiêu biểu”."],
            narrative.Sections[0].Paragraphs);
        Assert.Equal(
            "Sở Tư pháp đã ban hành Kế hoạch số 12/KH-STP ngày 01/3/2021, đúng thời hạn (thời hạn hoàn thành: 31/3/2021).",
            Assert.Single(narrative.Sections[1].Paragraphs));
        Assert.Equal(
            "Sở Tư pháp đã biểu dương 1 tập thể có thành tích tiêu biểu trong công tác kiểm soát TTHC và thực hiện cơ chế một cửa, "
            + "một cửa liên thông, gồm: Bộ phận Một cửa Sở Tư pháp.",
            Assert.Single(narrative.Sections[2].Paragraphs));
        Assert.Equal(
            "Trong kỳ báo cáo, Sở Tư pháp đã phản ánh 1 khó khăn, vướng mắc về Văn phòng UBND tỉnh; Văn phòng UBND tỉnh đã trả lời, "
            + "hướng dẫn toàn bộ 1 nội dung.",
            Assert.Single(narrative.Sections[3].Paragraphs));
    }

    [Fact]
    public async Task TheMediaGroupIsNotBoundByUnitPlansSoThatSectionIsLeftOut()
    {
        var narrative = (await LoadAsync(Monitor, Q1, MonitoringScope.ForGroup(AgencyGroup.Media))).Narrative;

        Assert.Equal(["1. Kết quả thực hiện các hoạt động truyền thông", "2. Biểu dương tập thể, cá nhân tiêu biểu", "3. Khó khăn, vướng mắc",
                "4. Tình hình gửi báo cáo định kỳ"],
            narrative.Sections.Select(s => s.Heading));
        Assert.StartsWith("Trong kỳ báo cáo (từ ngày 15/12/2020 đến ngày 14/3/2021), các cơ quan báo chí đã thực hiện 1 hoạt động",
            narrative.Sections[0].Paragraphs[0]);
        Assert.Contains("đăng tải 120 tin, bài trên báo.", narrative.Sections[0].Paragraphs[0]);
        Assert.Equal("Trong kỳ báo cáo, chưa ghi nhận tập thể, cá nhân được biểu dương.", narrative.Sections[1].Paragraphs[0]);
        Assert.Equal("Trong kỳ báo cáo, các cơ quan báo chí không phản ánh khó khăn, vướng mắc về Văn phòng UBND tỉnh.",
            narrative.Sections[2].Paragraphs[0]);
    }

    [Fact]
    public async Task APeriodWithoutActivitiesSaysSoInOneSentence()
    {
        var narrative = (await LoadAsync(Monitor, ReportingPeriods.Month(2021, 12))).Narrative;

        Assert.Equal(
            "Trong kỳ báo cáo (từ ngày 01/12/2021 đến ngày 31/12/2021), chưa ghi nhận hoạt động truyền thông hỗ trợ hoạt động kiểm "
            + "soát TTHC nào của các cơ quan, đơn vị.",
            Assert.Single(narrative.Sections[0].Paragraphs));
    }

    [Fact]
    public async Task PlainTextPutsHeadingsAndParagraphsOnTheirOwnLines()
    {
        var narrative = (await LoadAsync(Monitor, Q1)).Narrative;

        var text = narrative.ToPlainText();
        Assert.StartsWith("1. Kết quả thực hiện các hoạt động truyền thông\nTrong kỳ báo cáo (từ ngày 15/12/2020", text);
        Assert.Contains("\n\n2. Xây dựng kế hoạch truyền thông của cơ quan, đơn vị\nVề việc xây dựng", text);
        Assert.Equal(narrative.Sections.Sum(s => s.Paragraphs.Count + 1) + narrative.Sections.Count - 1, text.Split('\n').Length);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1234, "1.234")]
    [InlineData(25000, "25.000")]
    [InlineData(1234567890, "1.234.567.890")]
    [InlineData(-1340, "-1.340")]
    public void NumbersUseTheVietnameseThousandsSeparator(long value, string expected) =>
        Assert.Equal(expected, ReportFormat.Number(value));

    public sealed class OnSqlite(ReportSeed.OnSqlite seed) : ReportNarrativeTests(seed), IClassFixture<ReportSeed.OnSqlite>;

    public sealed class OnPostgreSql(ReportSeed.OnPostgreSql seed) : ReportNarrativeTests(seed), IClassFixture<ReportSeed.OnPostgreSql>, IOnPostgreSql;
}
