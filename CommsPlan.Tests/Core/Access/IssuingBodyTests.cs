using CommsPlan.Core.Access;
using CommsPlan.Core.Data.Seeding;

namespace CommsPlan.Tests.Core.Access;

/// <summary>Each of the 33 agencies of 2021 heads its documents as its own documents do.</summary>
public sealed class IssuingBodyTests
{
    private static IssuingBody Seeded(string code) =>
        IssuingBody.Of(Plan2021Catalogue.CreateAgencies().Single(a => a.Code == code));

    [Fact]
    public void EveryAgencyOf2021HasAHeaderASymbolAPlaceAndASignerTitle()
    {
        var agencies = Plan2021Catalogue.CreateAgencies();

        Assert.Equal(33, agencies.Count);
        Assert.All(agencies, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.IssuerName), a.Code);
            Assert.False(string.IsNullOrWhiteSpace(a.DocumentSymbol), a.Code);
            Assert.False(string.IsNullOrWhiteSpace(a.DocumentPlace), a.Code);
            Assert.False(string.IsNullOrWhiteSpace(a.SignerTitle), a.Code);
            // Names of people and mailboxes are not in the plan: nothing invented.
            Assert.Equal("", a.SignerName);
            Assert.Equal("", a.ContactEmail);
            Assert.Equal(a.IssuerName.ToUpperInvariant(), a.IssuerName);
        });
    }

    [Fact]
    public void TheOfficeIsTheProvincesOffice()
    {
        var office = Seeded("VPUBND");

        Assert.Equal(["UBND TỈNH THÁI NGUYÊN"], office.SuperiorLines);
        Assert.Equal(["VĂN PHÒNG"], office.NameLines);
        Assert.Equal("Số: 125/BC-VPUBND", office.Number("125", "BC"));
        Assert.Equal("Thái Nguyên, ngày 20 tháng 10 năm 2021", office.PlaceAndDate(new DateOnly(2021, 10, 20)));
        Assert.Equal(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], office.TitleLines);
    }

    [Fact]
    public void ADepartmentIsUnderTheProvincesCommittee()
    {
        var justice = Seeded("STP");

        Assert.Equal(["UBND TỈNH THÁI NGUYÊN"], justice.SuperiorLines);
        Assert.Equal(["SỞ TƯ PHÁP"], justice.NameLines);
        Assert.Equal("Số: 7/BC-STP", justice.Number("7", "BC"));
        Assert.Equal(["GIÁM ĐỐC"], justice.SignerTitleLines);
        Assert.Equal("Số: 1234/SKHĐT", Seeded("SKHDT").LetterNumber("1234", null));
    }

    [Theory]
    [InlineData("DAITU", "HUYỆN ĐẠI TỪ", "Đại Từ")]
    [InlineData("TPSC", "THÀNH PHỐ SÔNG CÔNG", "Sông Công")]
    [InlineData("TXPY", "THỊ XÃ PHỔ YÊN", "Phổ Yên")]
    public void ADistrictIsItsOwnCommitteeWithoutASuperiorAndDatesFromItsOwnPlace(string code, string area, string place)
    {
        var district = Seeded(code);

        Assert.Empty(district.SuperiorLines);
        Assert.Equal(["ỦY BAN NHÂN DÂN", area], district.NameLines);
        Assert.Equal($"{place}, ngày 05 tháng 02 năm 2021", district.PlaceAndDate(new DateOnly(2021, 2, 5)));
        Assert.Equal("Số: 30/BC-UBND", district.Number("30", "BC"));
        Assert.Equal(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], district.SignerTitleLines);
    }

    [Fact]
    public void TheNewspaperIsThePartyCommitteesAndNumbersItsDocumentsThePartysWay()
    {
        var paper = Seeded("BAOTN");

        Assert.Equal(DocumentStyle.Party, paper.Style);
        Assert.Equal(["TỈNH ỦY THÁI NGUYÊN"], paper.SuperiorLines);
        Assert.Equal(["BÁO THÁI NGUYÊN"], paper.NameLines);
        Assert.Equal(["ĐẢNG CỘNG SẢN VIỆT NAM"], paper.TitleLines);
        Assert.Equal("Số 12-BC/BTN", paper.Number("12", "BC"));
        Assert.Equal(["TỔNG BIÊN TẬP"], paper.SignerTitleLines);
    }

    [Fact]
    public void AnAgencyAddedLaterWithoutAHeaderGetsWhatItsKindImplies()
    {
        var district = IssuingBody.Of(new Agency { Code = "BACKAN", Name = "UBND thành phố Bắc Kạn", Kind = AgencyKind.DistrictCommittee });
        var department = IssuingBody.Of(new Agency { Code = "SDL", Name = "Sở Du lịch", Kind = AgencyKind.Department });

        Assert.Equal(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ BẮC KẠN"], district.NameLines);
        Assert.Equal("Bắc Kạn", district.Place);
        Assert.Equal(["UBND TỈNH THÁI NGUYÊN"], department.SuperiorLines);
        Assert.Equal(["SỞ DU LỊCH"], department.NameLines);
        Assert.Equal("SDL", department.Symbol);
    }

    [Fact]
    public void WithoutANumberTheSpaceIsLeftForTheClerk()
    {
        var number = Seeded("VPUBND").Number(null, "BC");

        Assert.StartsWith("Số: ", number);
        Assert.EndsWith("/BC-VPUBND", number);
        Assert.DoesNotContain("null", number);
    }
}
