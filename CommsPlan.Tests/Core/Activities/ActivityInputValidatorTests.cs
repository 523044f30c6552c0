using CommsPlan.Core.Activities;
using FluentValidation.Results;

namespace CommsPlan.Tests.Core.Activities;

/// <summary>One test per rule, at its boundaries, against a small hand-made catalogue (no database needed).</summary>
public sealed class ActivityInputValidatorTests
{
    private const int Stp = 1, Retired = 2;
    private const int Bao = 10, HoiNghi = 11, OldChannel = 12;
    private static readonly DateOnly Today = new(2021, 10, 20);

    private static readonly ActivityCatalogue Catalogue = new(
        "20/KH-UBND", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31),
        [new AgencyOption(Stp, "STP", "Sở Tư pháp", true), new AgencyOption(Retired, "CU", "Sở đã sáp nhập", false)],
        [new FormGroupOption(100, "HT1", "HT1", "Thông tin đại chúng"), new FormGroupOption(101, "HT2", "HT2", "Lồng ghép")],
        [
            new ChannelOption(Bao, "BAO", "Tin, bài trên báo", "tin, bài", null, null, true, 100, "HT1"),
            new ChannelOption(HoiNghi, "HOINGHI", "Hội nghị, hội thảo", "hội nghị, hội thảo", "Số người tham dự", "lượt người", true, 101, "HT2"),
            new ChannelOption(OldChannel, "CU", "Kênh cũ", "cái", null, null, false, 100, "HT1"),
        ],
        [new CatalogueOption(1, "MD1", "MĐ1", "a"), new CatalogueOption(2, "MD2", "MĐ2", "b")],
        [new CatalogueOption(11, "ND1", "ND1", "c"), new CatalogueOption(12, "ND2", "ND2", "d")],
        [new DistrictOption(21, "DAITU", "Huyện Đại Từ")]);

    private static ActivityInputValidator Validator(DateOnly? today = null) => new(new ActivityValidationContext(Catalogue, today ?? Today));

    private static ActivityInput Valid() => new()
    {
        AgencyId = Stp,
        ChannelId = HoiNghi,
        Title = "Hội nghị tập huấn TTHC",
        StartDate = new DateOnly(2021, 6, 1),
        Quantity = 1,
        ObjectiveIds = [1],
        ThemeIds = [11],
    };

    private static ActivityInput Valid(Action<ActivityInput> change)
    {
        var input = Valid();
        change(input);
        return input;
    }

    private static List<ValidationFailure> Errors(ActivityInput input, DateOnly? today = null) => Validator(today).Validate(input).Errors;

    /// <summary>Exactly one failure, on <paramref name="property"/>, whose message contains every fragment.</summary>
    private static void AssertRejected(ActivityInput input, string property, params string[] fragments) => AssertRejectedOn(input, null, property, fragments);

    private static void AssertRejectedOn(ActivityInput input, DateOnly? today, string property, params string[] fragments)
    {
        var error = Assert.Single(Errors(input, today));
        Assert.Equal(property, error.PropertyName);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.ErrorMessage);
    }

    private static void AssertAccepted(ActivityInput input, DateOnly? today = null) => Assert.Empty(Errors(input, today));

    [Fact]
    public void AcceptsAnInputWithOnlyTheRequiredFields() => AssertAccepted(Valid());

    [Fact]
    public void AcceptsAnInputWithEveryField() => AssertAccepted(Valid(i =>
    {
        i.Description = "Mô tả";
        i.EndDate = new DateOnly(2021, 6, 2);
        i.SecondMeasure = 120;
        i.ObjectiveIds = [1, 2];
        i.ThemeIds = [11, 12];
        i.DistrictId = 21;
        i.EvidenceUrl = "https://sotuphap.thainguyen.gov.vn/tin/123";
        i.Cost = 15_000_000;
        i.FundingSource = "Ngân sách nhà nước";
        i.Notes = "Ghi chú";
    }));

    [Fact]
    public void RejectsAMissingAgency() => AssertRejected(Valid(i => i.AgencyId = null), "AgencyId", "Đơn vị");

    [Fact]
    public void RejectsAnUnknownAgency() => AssertRejected(Valid(i => i.AgencyId = 999), "AgencyId", "Đơn vị", "không có trong danh mục");

    [Fact]
    public void RejectsAnInactiveAgency() => AssertRejected(Valid(i => i.AgencyId = Retired), "AgencyId", "Đơn vị", "ngừng hoạt động");

    [Fact]
    public void RejectsAMissingChannel() => AssertRejected(Valid(i => i.ChannelId = null), "ChannelId", "Hình thức");

    [Fact]
    public void RejectsAnUnknownChannel() => AssertRejected(Valid(i => i.ChannelId = 999), "ChannelId", "Hình thức", "không có trong danh mục");

    [Fact]
    public void RejectsAnInactiveChannel() => AssertRejected(Valid(i => i.ChannelId = OldChannel), "ChannelId", "Hình thức", "Kênh cũ", "ngừng sử dụng");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RejectsABlankTitle(string? title) => AssertRejected(Valid(i => i.Title = title), "Title", "Chưa nhập Tên hoạt động");

    [Fact]
    public void AcceptsATitleAtTheMaximumLength() => AssertAccepted(Valid(i => i.Title = new string('a', ActivityLimits.TitleMaxLength)));

    [Fact]
    public void RejectsATitleOneCharacterTooLong() =>
        AssertRejected(Valid(i => i.Title = new string('a', ActivityLimits.TitleMaxLength + 1)), "Title", "Tên hoạt động", "300 ký tự");

    [Fact]
    public void AcceptsADescriptionAtTheMaximumLength() =>
        AssertAccepted(Valid(i => i.Description = new string('a', ActivityLimits.DescriptionMaxLength)));

    [Fact]
    public void RejectsADescriptionOneCharacterTooLong() =>
        AssertRejected(Valid(i => i.Description = new string('a', ActivityLimits.DescriptionMaxLength + 1)), "Description", "Mô tả", "4.000 ký tự");

    [Fact]
    public void RejectsAMissingStartDate() => AssertRejected(Valid(i => i.StartDate = null), "StartDate", "Chưa nhập Ngày thực hiện");

    [Fact]
    public void AcceptsAStartDateOnTheFirstDayOfThePlan() => AssertAccepted(Valid(i => i.StartDate = new DateOnly(2021, 1, 1)));

    [Fact]
    public void RejectsAStartDateTheDayBeforeThePlan() =>
        AssertRejected(Valid(i => i.StartDate = new DateOnly(2020, 12, 31)), "StartDate", "Ngày thực hiện", "01/01/2021 – 31/12/2021");

    [Fact]
    public void AcceptsAStartDateOfToday() => AssertAccepted(Valid(i => i.StartDate = Today));

    [Fact]
    public void RejectsAStartDateTomorrow() =>
        AssertRejected(Valid(i => i.StartDate = Today.AddDays(1)), "StartDate", "Ngày thực hiện", "sau ngày hôm nay", "20/10/2021");

    [Fact]
    public void AcceptsAStartDateOnTheLastDayOfThePlanOnceItIsPast() =>
        AssertAccepted(Valid(i => i.StartDate = new DateOnly(2021, 12, 31)), today: new DateOnly(2022, 1, 5));

    [Fact]
    public void RejectsAStartDateTheDayAfterThePlanEvenWhenItIsPast() =>
        AssertRejectedOn(Valid(i => i.StartDate = new DateOnly(2022, 1, 1)), new DateOnly(2022, 1, 5), "StartDate", "thời gian thực hiện kế hoạch");

    [Fact]
    public void AcceptsAnEndDateEqualToTheStartDate() => AssertAccepted(Valid(i => i.EndDate = i.StartDate));

    [Fact]
    public void RejectsAnEndDateTheDayBeforeTheStartDate() =>
        AssertRejected(Valid(i => i.EndDate = i.StartDate!.Value.AddDays(-1)), "EndDate", "Ngày kết thúc", "không được trước Ngày thực hiện");

    [Fact]
    public void AcceptsAnEndDateOfToday() => AssertAccepted(Valid(i => i.EndDate = Today));

    [Fact]
    public void RejectsAnEndDateTomorrow() =>
        AssertRejected(Valid(i => i.EndDate = Today.AddDays(1)), "EndDate", "Ngày kết thúc", "sau ngày hôm nay");

    [Fact]
    public void RejectsAnEndDateAfterThePlan() =>
        AssertRejectedOn(Valid(i => i.EndDate = new DateOnly(2022, 1, 1)), new DateOnly(2022, 2, 1), "EndDate", "Ngày kết thúc", "thời gian thực hiện kế hoạch");

    [Fact]
    public void RejectsAMissingQuantity() => AssertRejected(Valid(i => i.Quantity = null), "Quantity", "Chưa nhập Số lượng");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void RejectsAQuantityBelowOne(int quantity) => AssertRejected(Valid(i => i.Quantity = quantity), "Quantity", "Số lượng", "từ 1 đến 1.000.000");

    [Fact]
    public void AcceptsAQuantityOfOne() => AssertAccepted(Valid(i => i.Quantity = 1));

    [Fact]
    public void AcceptsTheMaximumQuantity() => AssertAccepted(Valid(i => i.Quantity = ActivityLimits.MaxQuantity));

    [Fact]
    public void RejectsAQuantityOneAboveTheMaximum() =>
        AssertRejected(Valid(i => i.Quantity = ActivityLimits.MaxQuantity + 1), "Quantity", "Số lượng", "1.000.000");

    [Fact]
    public void RejectsAFractionalQuantity() => AssertRejected(Valid(i => i.Quantity = 1.5m), "Quantity", "Số lượng phải là số nguyên");

    [Fact]
    public void RejectsASecondMeasureForAChannelWithoutOne() =>
        AssertRejected(Valid(i => { i.ChannelId = Bao; i.SecondMeasure = 5; }), "SecondMeasure", "Tin, bài trên báo", "không có chỉ số phụ");

    [Fact]
    public void AcceptsNoSecondMeasureForAChannelThatHasOne() => AssertAccepted(Valid(i => i.SecondMeasure = null));

    [Fact]
    public void AcceptsASecondMeasureOfZero() => AssertAccepted(Valid(i => i.SecondMeasure = 0));

    [Fact]
    public void RejectsANegativeSecondMeasureNamingItByTheChannelsLabel() =>
        AssertRejected(Valid(i => i.SecondMeasure = -1), "SecondMeasure", "Số người tham dự", "từ 0");

    [Fact]
    public void RejectsAFractionalSecondMeasure() =>
        AssertRejected(Valid(i => i.SecondMeasure = 2.5m), "SecondMeasure", "Số người tham dự phải là số nguyên");

    [Fact]
    public void AcceptsTheMaximumSecondMeasure() => AssertAccepted(Valid(i => i.SecondMeasure = ActivityLimits.MaxSecondMeasure));

    [Fact]
    public void RejectsASecondMeasureOneAboveTheMaximum() =>
        AssertRejected(Valid(i => i.SecondMeasure = ActivityLimits.MaxSecondMeasure + 1), "SecondMeasure", "100.000.000");

    [Fact]
    public void RejectsNoObjective() => AssertRejected(Valid(i => i.ObjectiveIds = []), "ObjectiveIds", "Chưa chọn Mục đích");

    [Fact]
    public void RejectsAnObjectiveOutsideThePlan() => AssertRejected(Valid(i => i.ObjectiveIds = [1, 99]), "ObjectiveIds", "Mục đích", "không có trong kế hoạch");

    [Fact]
    public void RejectsNoTheme() => AssertRejected(Valid(i => i.ThemeIds = []), "ThemeIds", "Chưa chọn Nội dung tuyên truyền");

    [Fact]
    public void RejectsAThemeOutsideThePlan() => AssertRejected(Valid(i => i.ThemeIds = [99]), "ThemeIds", "Nội dung tuyên truyền", "không có trong kế hoạch");

    [Fact]
    public void RejectsAnUnknownDistrict() => AssertRejected(Valid(i => i.DistrictId = 999), "DistrictId", "Địa bàn");

    [Theory]
    [InlineData("http://thainguyen.gov.vn/tin")]
    [InlineData("https://thainguyen.gov.vn")]
    [InlineData("  https://baothainguyen.vn/a?b=1  ")]
    public void AcceptsAnHttpOrHttpsEvidenceLink(string url) => AssertAccepted(Valid(i => i.EvidenceUrl = url));

    [Theory]
    [InlineData("ftp://thainguyen.gov.vn/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("www.thainguyen.gov.vn")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://")]
    public void RejectsAnEvidenceLinkThatIsNotHttp(string url) =>
        AssertRejected(Valid(i => i.EvidenceUrl = url), "EvidenceUrl", "Minh chứng", "http:// hoặc https://");

    [Fact]
    public void RejectsAnEvidenceLinkOneCharacterTooLong()
    {
        var url = "https://a.vn/" + new string('x', ActivityLimits.UrlMaxLength - "https://a.vn/".Length + 1);
        AssertRejected(Valid(i => i.EvidenceUrl = url), "EvidenceUrl", "Minh chứng", "1.000 ký tự");
    }

    [Fact]
    public void AcceptsAnEvidenceLinkAtTheMaximumLength()
    {
        var url = "https://a.vn/" + new string('x', ActivityLimits.UrlMaxLength - "https://a.vn/".Length);
        AssertAccepted(Valid(i => i.EvidenceUrl = url));
    }

    [Fact]
    public void AcceptsACostOfZero() => AssertAccepted(Valid(i => i.Cost = 0));

    [Fact]
    public void RejectsANegativeCost() => AssertRejected(Valid(i => i.Cost = -1), "Cost", "Kinh phí (đồng)", "từ 0");

    [Fact]
    public void RejectsAFractionalCost() => AssertRejected(Valid(i => i.Cost = 1000.5m), "Cost", "Kinh phí (đồng) phải là số nguyên");

    [Fact]
    public void AcceptsTheMaximumCost() => AssertAccepted(Valid(i => i.Cost = ActivityLimits.MaxCost));

    [Fact]
    public void RejectsACostOneAboveTheMaximum() => AssertRejected(Valid(i => i.Cost = ActivityLimits.MaxCost + 1), "Cost", "Kinh phí (đồng)");

    [Fact]
    public void AcceptsAFundingSourceAtTheMaximumLength() =>
        AssertAccepted(Valid(i => i.FundingSource = new string('a', ActivityLimits.FundingSourceMaxLength)));

    [Fact]
    public void RejectsAFundingSourceOneCharacterTooLong() =>
        AssertRejected(Valid(i => i.FundingSource = new string('a', ActivityLimits.FundingSourceMaxLength + 1)), "FundingSource", "Nguồn kinh phí");

    [Fact]
    public void AcceptsNotesAtTheMaximumLength() => AssertAccepted(Valid(i => i.Notes = new string('a', ActivityLimits.NotesMaxLength)));

    [Fact]
    public void RejectsNotesOneCharacterTooLong() =>
        AssertRejected(Valid(i => i.Notes = new string('a', ActivityLimits.NotesMaxLength + 1)), "Notes", "Ghi chú", "2.000 ký tự");

    [Fact]
    public void ReportsEveryBrokenFieldAtOnceWithOneMessageEach()
    {
        var errors = Errors(new ActivityInput());

        Assert.Equal(
            ["AgencyId", "ChannelId", "Title", "StartDate", "Quantity", "ObjectiveIds", "ThemeIds"],
            errors.Select(e => e.PropertyName).ToArray());
    }
}
