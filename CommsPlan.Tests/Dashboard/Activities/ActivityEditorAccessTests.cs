using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Dashboard.Components.Pages.Activities;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Activities;

/// <summary>
/// Who gets the "Thêm hoạt động" form: an agency's officer, and the Office (a monitor) choosing the agency it enters for;
/// leadership and IT staff are told so, without a form.
/// </summary>
public sealed class ActivityEditorAccessTests : DashboardTestContext
{
    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(StoppedClock.DemoToday());
        services.AddScoped<UserContext>();
        _auth = AddAuthorization();
    }

    [Theory]
    [InlineData("lanhdao", Roles.Viewer)]
    [InlineData("admin", Roles.Admin)]
    public void ANewActivityIsNotOfferedToThoseWhoCannotSaveIt(string userName, string role)
    {
        _auth.SetAuthorized(userName);
        _auth.SetRoles(role);

        var page = Render<ActivityEditor>();

        page.WaitForAssertion(() => Assert.Contains("Chỉ cán bộ của đơn vị (hoặc Văn phòng UBND tỉnh nhập thay đơn vị) mới ghi nhận được hoạt động", page.Find("[data-testid=cannot-create]").TextContent));
        Assert.Empty(page.FindAll("input"));
        Assert.Empty(page.FindAll("[data-testid=save]"));
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "/activities");
    }

    [Fact]
    public void TheOfficeGetsTheFormWithAnAgencyToChooseAndIsToldItEntersOnTheAgencysBehalf()
    {
        _auth.SetAuthorized("giamsat");
        _auth.SetRoles(Roles.Monitor);

        var page = Render<ActivityEditor>();

        page.WaitForAssertion(() => Assert.Contains("Văn phòng nhập thay", page.Find("[data-testid=on-behalf]").TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=agency-picker]"));
        Assert.Empty(page.FindAll("[data-testid=cannot-create]"));
        Assert.NotEmpty(page.FindAll("[data-testid=save]"));
    }
}
