using CommsPlan.Core.Common;

namespace CommsPlan.Tests.Core.Common;

public sealed class LogTextTests
{
    [Fact]
    public void LineBreaksAndControlCharactersAreWrittenAsEscapes()
    {
        var forged = LogText.Of("admin\r\ninfo: User giamsat signed in.\u0007\u202E");

        Assert.DoesNotContain('\r', forged);
        Assert.DoesNotContain('\n', forged);
        Assert.Equal("admin\\r\\ninfo: User giamsat signed in.\\u0007\\u202E", forged);
    }

    [Fact]
    public void ABackslashIsEscapedSoAnEscapeCannotBeFaked() => Assert.Equal("a\\\\nb", LogText.Of("a\\nb"));

    [Fact]
    public void OrdinaryTextIsUnchangedAndLongTextIsCut()
    {
        Assert.Equal("Nguyễn Thị Giám Sát", LogText.Of("Nguyễn Thị Giám Sát"));
        Assert.Equal(new string('x', 100) + "…", LogText.Of(new string('x', 5000)));
        Assert.Equal("", LogText.Of(null));
    }
}
