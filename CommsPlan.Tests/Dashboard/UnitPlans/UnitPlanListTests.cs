using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Dashboard.Components.Pages.UnitPlans;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.UnitPlans;

public sealed class UnitPlanListTests : DashboardTestContext
{
    private static readonly DateOnly DemoToday = new(2021, 10, 20);

    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FixedClock(DemoToday));
        services.AddScoped<UserContext>();
        // Before anything is rendered: bUnit freezes the services at the first resolution.
        _auth = AddAuthorization();
    }

    private async Task<int> SignInOfficerAsync(string code, string agencyName)
    {
        var agencyId = await Database.AgencyIdAsync(code);
        var auth = _auth;
        auth.SetAuthorized("tuphap");
        auth.SetRoles(Roles.AgencyOfficer);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "id-tuphap"), new Claim(CommsPlanClaims.AgencyId, agencyId.ToString()),
            new Claim(CommsPlanClaims.AgencyName, agencyName));
        return agencyId;
    }

    private void SignInMonitor()
    {
        var auth = _auth;
        auth.SetAuthorized("giamsat");
        auth.SetRoles(Roles.Monitor);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "id-giamsat"));
    }

    [Fact]
    public async Task AnOfficerGetsItsOwnEditorAndNotTheProvinceTable()
    {
        await SignInOfficerAsync("STP", "Sở Tư pháp");
        Render<MudPopoverProvider>();

        var page = Render<UnitPlanList>();

        page.WaitForAssertion(() => Assert.Contains("Kế hoạch của Sở Tư pháp", page.Find("[data-testid=unit-plan-editor]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=unit-plan-table]"));
        Assert.Equal("Chưa ban hành", page.Find("[data-testid=unit-plan-status]").TextContent.Trim());
        Assert.Contains("Hội nghị, hội thảo", page.Find("[data-testid=targets]").TextContent);
    }

    [Fact]
    public async Task LettersTypedIntoATargetAreRefusedInVietnamese()
    {
        await SignInOfficerAsync("STP", "Sở Tư pháp");
        Render<MudPopoverProvider>();
        var page = Render<UnitPlanList>();
        page.WaitForElement("#target-WEB");

        page.Find("#target-WEB").Change("abc");

        page.WaitForAssertion(() =>
        {
            var describedBy = page.Find("#target-WEB").GetAttribute("aria-describedby");
            Assert.Equal("Không phải là số hợp lệ: chỉ nhập chữ số (ví dụ 1.500 hoặc 2,5).", page.Find($"[id='{describedBy}']").TextContent.Trim());
        });
    }

    [Fact]
    public async Task SavingAnEmptyFormShowsVietnameseReasonsAndSavesNothing()
    {
        await SignInOfficerAsync("STP", "Sở Tư pháp");
        Render<MudPopoverProvider>();
        var page = Render<UnitPlanList>();
        page.WaitForElement("[data-testid=save]");

        await page.Find("[data-testid=save]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            var problems = page.Find("[data-testid=problems]").TextContent;
            Assert.Contains("Số văn bản là bắt buộc.", problems);
            Assert.Contains("Ngày ban hành là bắt buộc.", problems);
        });
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.UnitPlans.CountAsync());
    }

    [Fact]
    public async Task TheMonitorSeesEachBoundAgencyWithItsStatusAndNoEditor()
    {
        var stp = await Database.AgencyIdAsync("STP");
        var clock = new FixedClock(DemoToday);
        await new UnitPlanService(Database.Factory, clock, new CapturingChangeNotifier())
            .SaveAsync(ActingUsers.Officer(stp), stp, new UnitPlanInput { DocumentNumber = "15/KH-STP", IssuedOn = new DateOnly(2021, 4, 2) });
        SignInMonitor();
        Render<MudPopoverProvider>();

        var page = Render<UnitPlanList>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=unit-plan-table] tbody tr")));
        var row = page.FindAll("[data-testid=unit-plan-table] tbody tr").Single(r => r.TextContent.Contains("Sở Tư pháp"));
        Assert.Contains("Trễ hạn", row.TextContent);
        Assert.Contains("15/KH-STP", row.TextContent);
        Assert.Contains("02/04/2021", row.TextContent);
        Assert.Contains("Chưa ban hành: 28", page.Find("[data-testid=status-summary]").TextContent.Replace("\n", " ").Replace("  ", " "));
        Assert.Empty(page.FindAll("[data-testid=unit-plan-editor]"));
    }
}
