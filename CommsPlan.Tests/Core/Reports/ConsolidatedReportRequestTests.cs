using CommsPlan.Core.Access;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;

namespace CommsPlan.Tests.Core.Reports;

public sealed class ConsolidatedReportRequestTests
{
    [Fact]
    public void ARangeThatIsADecreeQuarterIsReportedUnderItsName()
    {
        Assert.True(ConsolidatedReportRequest.TryParse("2020-12-15", "2021-03-14", null, null, out var request, out _));

        Assert.Equal(ReportingPeriods.DecreeQuarter(2021, 1), request.Period);
        Assert.Equal("Quý I/2021", request.Period.Title);
        Assert.True(request.Scope.IsProvince);
    }

    [Fact]
    public void AnyOtherRangeIsACustomPeriod()
    {
        Assert.True(ConsolidatedReportRequest.TryParse("2021-02-03", "2021-05-06", null, null, out var request, out _));

        Assert.Equal(ReportingPeriodKind.Custom, request.Period.Kind);
        Assert.Equal((new DateOnly(2021, 2, 3), new DateOnly(2021, 5, 6)), (request.Period.From, request.Period.To));
    }

    [Fact]
    public void AgencyAndGroupBecomeTheScopeAndRoundTripThroughTheQueryString()
    {
        Assert.True(ConsolidatedReportRequest.TryParse("2021-01-01", "2021-03-31", " STP ", null, out var agency, out _));
        Assert.Equal("STP", agency.Scope.AgencyCode);
        Assert.Equal("from=2021-01-01&to=2021-03-31&agency=STP", agency.ToQueryString());

        Assert.True(ConsolidatedReportRequest.TryParse("2021-01-01", "2021-03-31", null, "district", out var group, out _));
        Assert.Equal(AgencyGroup.District, group.Scope.Group);
        Assert.Equal("from=2021-01-01&to=2021-03-31&group=District", group.ToQueryString());
    }

    [Theory]
    [InlineData(null, "2021-03-14", null, null, "Thiếu ngày bắt đầu")]
    [InlineData("2020-12-15", "", null, null, "Thiếu ngày bắt đầu (from) hoặc ngày kết thúc (to)")]
    [InlineData("15/12/2020", "2021-03-14", null, null, "Ngày bắt đầu “15/12/2020” không hợp lệ")]
    [InlineData("2020-12-15", "2021-02-30", null, null, "Ngày kết thúc “2021-02-30” không hợp lệ")]
    [InlineData("2021-03-14", "2020-12-15", null, null, "phải bằng hoặc sau ngày bắt đầu")]
    [InlineData("1999-12-15", "2021-03-14", null, null, "2000 – 2100")]
    [InlineData("2020-12-15", "2021-03-14", "STP", "Media", "Chỉ chọn một phạm vi")]
    [InlineData("2020-12-15", "2021-03-14", null, "1", "Nhóm cơ quan “1” không hợp lệ")]
    [InlineData("2020-12-15", "2021-03-14", null, "Tinh", "Nhóm cơ quan “Tinh” không hợp lệ")]
    public void BadParametersAreRefusedWithAVietnameseReason(string? from, string? to, string? agency, string? group, string reason)
    {
        Assert.False(ConsolidatedReportRequest.TryParse(from, to, agency, group, out var request, out var error));

        Assert.Null(request);
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(" ", null)]
    [InlineData("125", "125")]
    [InlineData("0125", "125")]
    public void AReportNumberIsDigitsAndGoesBackIntoTheLink(string? typed, string? expected)
    {
        Assert.True(ConsolidatedReportRequest.TryParse("2020-12-15", "2021-03-14", null, null, typed, out var request, out _));

        Assert.Equal(expected, request.Number);
        Assert.Equal(expected is null ? "from=2020-12-15&to=2021-03-14" : $"from=2020-12-15&to=2021-03-14&number={expected}", request.ToQueryString());
    }

    [Theory]
    [InlineData("12a")]
    [InlineData("1234567")]
    [InlineData("000")]
    [InlineData("-5")]
    public void AReportNumberThatIsNotDigitsIsRefusedInVietnamese(string typed)
    {
        Assert.False(ConsolidatedReportRequest.TryParse("2020-12-15", "2021-03-14", null, null, typed, out _, out var error));

        Assert.Contains("Số báo cáo", error);
    }
}
