using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Dashboard.Components.Layout;
using CommsPlan.Dashboard.Components.Pages.ReportingCycle;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.ReportingCycle;

/// <summary>/reporting and the bell, on a real seeded database, as each kind of user.</summary>
public sealed class ReportingPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 10, 20, 3, 0, 0, TimeSpan.Zero));
    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_time);
        services.AddScoped<UserContext>();
        _auth = AddAuthorization();
    }

    [Fact]
    public async Task AMonitorSeesTheSharesPerQuarterAndEveryAgencysStatus()
    {
        var expected = await ActiveAgenciesAsync();
        await StoreAsync("STP", "2021-Q1", PeriodReportStatus.Accepted, new DateOnly(2021, 3, 19));
        await StoreAsync("DAITU", "2021-Q1", PeriodReportStatus.Submitted, new DateOnly(2021, 3, 22));
        await SignInAsync("giamsat", Roles.Monitor, null);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains($"2/{expected}", page.Find("[data-testid=completeness-2021-Q1] [data-testid=submitted-share]").TextContent), Patience);
        Assert.Contains($"1/{expected}", page.Find("[data-testid=completeness-2021-Q1] [data-testid=on-time-share]").TextContent);
        Assert.Contains("Chưa đến ngày chốt số liệu", page.Find("[data-testid=completeness-2021-Q4]").TextContent);
        Assert.Equal(expected, page.FindAll("[data-testid=reporting-row]").Count);
        Assert.Equal("Accepted", StatusOf(page, "STP", "2021-Q1"));
        Assert.Contains("22/03/2021 (trễ hạn)", page.Find("[data-testid=report-DAITU-2021-Q1]").TextContent);
        Assert.Contains("Quá hạn", page.Find("[data-testid=report-BAOTN-2021-Q1]").TextContent);
        Assert.Contains("Chưa đến kỳ", page.Find("[data-testid=report-BAOTN-2021-Q4]").TextContent);
    }

    [Fact]
    public async Task EachReportIsAButtonThatSaysItOpensAndTheTableSaysHowToScrollIt()
    {
        await SignInAsync("giamsat", Roles.Monitor, null);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=reporting-row]")), Patience);
        Assert.Contains("kéo ngang", page.Find("[data-testid=reporting-hint]").TextContent);
        // The agency's name is the sticky column, in the header and in every row.
        Assert.Contains("reporting-agency", page.Find("[data-testid=reporting-table] thead th").ClassList);
        Assert.All(page.FindAll("[data-testid=reporting-row]"), row => Assert.Contains("reporting-agency", row.QuerySelector("td")!.ClassList));
        var cell = page.Find("[data-testid=report-STP-2021-Q1]");
        Assert.Equal("BUTTON", cell.TagName);
        Assert.Equal("dialog", cell.GetAttribute("aria-haspopup"));
        Assert.StartsWith("Mở báo cáo Quý I/2021 của Sở Tư pháp", cell.GetAttribute("aria-label"));
        Assert.NotNull(cell.QuerySelector("[data-testid=report-open-icon]"));
    }

    [Fact]
    public async Task AnOfficerSeesItsOwnRowAndTheCommentOfASentBackReport()
    {
        await StoreAsync("STP", "2021-Q1", PeriodReportStatus.SentBack, new DateOnly(2021, 3, 18));
        await SignInAsync("tuphap", Roles.AgencyOfficer, "STP");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Đề nghị bổ sung minh chứng.", page.Find("[data-testid=sent-back-comment]").TextContent), Patience);
        Assert.Equal("STP", Assert.Single(page.FindAll("[data-testid=reporting-row]")).GetAttribute("data-agency"));
        Assert.Empty(page.FindAll("[data-testid^=completeness-]"));
    }

    [Fact]
    public async Task AnOfficerSendsAReportFromItsDialogAndTheRowShowsIt()
    {
        await SignInAsync("tuphap", Roles.AgencyOfficer, "STP");
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("NotSent", StatusOf(page, "STP", "2021-Q3")), Patience);

        page.Find("[data-testid=report-STP-2021-Q3]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=submit-report]")), Patience);
        dialogs.Find("textarea[data-testid=commentary]").Change("Đã cập nhật đủ hoạt động quý III.");
        dialogs.Find("[data-testid=submit-report]").Click();

        page.WaitForAssertion(() => Assert.Equal("Submitted", StatusOf(page, "STP", "2021-Q3")), Patience);
        await using var db = Database.CreateContext();
        var stored = await db.PeriodReports.SingleAsync();
        Assert.Equal("Đã cập nhật đủ hoạt động quý III.", stored.Commentary);
    }

    [Fact]
    public async Task TheBellCountsAnOfficersOverdueReports()
    {
        await StoreAsync("STP", "2021-Q2", PeriodReportStatus.Accepted, new DateOnly(2021, 6, 16));
        await SignInAsync("tuphap", Roles.AgencyOfficer, "STP");
        Render<MudPopoverProvider>();

        var bell = Render<RemindersBell>();

        bell.WaitForAssertion(() => Assert.Equal("Nhắc việc: 2 việc cần làm", bell.Find("[data-testid=reminders-bell]").GetAttribute("aria-label")), Patience);
    }

    [Fact]
    public async Task TheBellOfAMonitorFollowsReportsWaitingForReview()
    {
        await SignInAsync("giamsat", Roles.Monitor, null);
        Render<MudPopoverProvider>();
        var bell = Render<RemindersBell>();
        bell.WaitForAssertion(() => Assert.Equal("Nhắc việc: không có việc cần làm", bell.Find("[data-testid=reminders-bell]").GetAttribute("aria-label")), Patience);

        await StoreAsync("DAITU", "2021-Q3", PeriodReportStatus.Submitted, new DateOnly(2021, 9, 17));
        Services.GetRequiredService<IDataChangeNotifier>().NotifyChanged(new DataChange(PeriodReportService.ChangeKind, null));
        _time.Advance(InProcessDataChangeNotifier.QuietPeriod);

        bell.WaitForAssertion(() => Assert.Equal("Nhắc việc: 1 việc cần làm", bell.Find("[data-testid=reminders-bell]").GetAttribute("aria-label")), Patience);
    }

    [Fact]
    public async Task AViewerHasNoBell()
    {
        await SignInAsync("lanhdao", Roles.Viewer, null);

        var bell = Render<RemindersBell>();

        Assert.Empty(bell.FindAll("[data-testid=reminders-bell]"));
    }

    private static string? StatusOf(IRenderedComponent<ReportingPage> page, string agency, string period) =>
        page.Find($"[data-testid=report-{agency}-{period}] [data-testid=report-status]").GetAttribute("data-status");

    private IRenderedComponent<ReportingPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<ReportingPage>();
    }

    private async Task<int> ActiveAgenciesAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Agencies.CountAsync(a => a.IsActive);
    }

    private async Task StoreAsync(string code, string key, PeriodReportStatus status, DateOnly sent)
    {
        await using var db = Database.CreateContext();
        var agency = await db.Agencies.SingleAsync(a => a.Code == code);
        db.PeriodReports.Add(new PeriodReport
        {
            AgencyId = agency.Id,
            PeriodKey = key,
            Status = status,
            SubmittedOn = sent,
            FirstSubmittedOn = sent,
            SubmittedBy = "canbo",
            ReviewedOn = status == PeriodReportStatus.Submitted ? null : sent.AddDays(2),
            ReviewedBy = status == PeriodReportStatus.Submitted ? null : "giamsat",
            ReviewComment = status == PeriodReportStatus.SentBack ? "Đề nghị bổ sung minh chứng." : null,
        });
        await db.SaveChangesAsync();
    }

    private async Task SignInAsync(string userName, string role, string? agencyCode)
    {
        _auth.SetAuthorized(userName);
        _auth.SetRoles(role);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, $"id-{userName}") };
        if (agencyCode is not null)
        {
            await using var db = Database.CreateContext();
            var id = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
            claims.Add(new Claim(CommsPlanClaims.AgencyId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        _auth.SetClaims([.. claims]);
    }
}
