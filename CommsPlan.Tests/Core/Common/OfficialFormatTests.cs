using CommsPlan.Core.Common;

namespace CommsPlan.Tests.Core.Common;

/// <summary>Dates and amounts as Decree 30 documents write them, whatever the machine's culture.</summary>
public sealed class OfficialFormatTests
{
    [Theory]
    [InlineData(2021, 2, 5, "ngày 05 tháng 02 năm 2021")]
    [InlineData(2021, 1, 15, "ngày 15 tháng 01 năm 2021")]
    [InlineData(2021, 3, 14, "ngày 14 tháng 3 năm 2021")]
    [InlineData(2021, 10, 9, "ngày 09 tháng 10 năm 2021")]
    [InlineData(2021, 12, 31, "ngày 31 tháng 12 năm 2021")]
    public void DatesInWordsTakeLeadingZerosOnlyOnDaysBelowTenAndMonthsOneAndTwo(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, new DateOnly(year, month, day).ToOfficialWords());
    }

    [Fact]
    public void ThePlaceAndDateLineNamesThePlaceFirst()
    {
        Assert.Equal("Đại Từ, ngày 05 tháng 02 năm 2021", OfficialDate.PlaceAndDate("Đại Từ", new DateOnly(2021, 2, 5)));
    }

    [Theory]
    [InlineData(3_427_425_000L, "3.427.425.000 đồng")]
    [InlineData(0L, "0 đồng")]
    [InlineData(999L, "999 đồng")]
    [InlineData(1_000L, "1.000 đồng")]
    public void AmountsUseDotsForThousandsAndSayDong(long value, string expected)
    {
        Assert.Equal(expected, OfficialNumber.Amount(value));
    }

    [Fact]
    public void NumbersAreTheSameUnderAnyThreadCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("1.234.567", OfficialNumber.Number(1_234_567));
            Assert.Equal("85,5", OfficialNumber.Decimal(85.5));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("vanthu@stp.thainguyen.gov.vn", true)]
    [InlineData("a.b+c@sub.example.org", true)]
    [InlineData("Văn thư <vanthu@stp.thainguyen.gov.vn>", false)]
    [InlineData("a@b", false)]
    [InlineData("a@b.vn, c@d.vn", false)]
    [InlineData("không phải địa chỉ", false)]
    [InlineData("", false)]
    public void AMailAddressIsOneBareAddress(string text, bool valid)
    {
        Assert.Equal(valid, MailAddressRule.IsValid(text));
    }
}
