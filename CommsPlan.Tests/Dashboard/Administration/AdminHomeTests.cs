using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core;
using CommsPlan.Core.Access;
using CommsPlan.Core.Data.Backups;
using CommsPlan.Dashboard.Components.Pages.Administration;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.Administration;

/// <summary>/admin's backup card: the app's own backups on SQLite, pg_dump's on PostgreSQL (no DatabaseBackup registered).</summary>
public sealed class AdminHomeTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private BunitAuthorizationContext _auth = null!;
    // Program registers DatabaseBackup on SQLite only; a test sets it before rendering (null: a PostgreSQL host).
    private DatabaseBackup? _backup;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddLogging();
        services.AddDataProtection();
        services.AddCommsPlanIdentity();
        services.AddScoped<UserContext>();
        services.AddTransient(_ => _backup!);
        _auth = AddAuthorization();
        _auth.SetAuthorized("admin");
        _auth.SetRoles(Roles.Admin);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "id-admin"));
    }

    [Fact]
    public void OnPostgreSqlTheCardSaysBackupsAreMadeWithPgDumpAndOffersNoButton()
    {
        Render<MudPopoverProvider>();
        var page = Render<AdminHome>();

        page.WaitForAssertion(() => Assert.Contains("pg_dump", page.Find("[data-testid=backup-pg-dump]").TextContent), Patience);
        Assert.DoesNotContain("Sao lưu ngay", page.Find("[data-testid=backup-card]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=latest-backup]"));
    }

    [Fact]
    public async Task TheMailCardListsTheAgenciesMailCannotReachWithALinkToTheirMailbox()
    {
        // An agency without any account: reachable only through its own mailbox.
        string withoutAccount;
        await using (var db = Database.CreateContext())
        {
            var agency = await db.Agencies.Where(a => a.IsActive && !db.Users.Any(u => u.AgencyId == a.Id)).OrderBy(a => a.Code).FirstAsync();
            agency.ContactEmail = "";
            withoutAccount = agency.Code;
            (await db.Agencies.SingleAsync(a => a.Code == "STP")).ContactEmail = "vanthu.stp@thainguyen.example";
            await db.SaveChangesAsync();
        }
        Render<MudPopoverProvider>();

        var page = Render<AdminHome>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=unreachable-agency]")), Patience);
        var listed = page.FindAll("[data-testid=unreachable-agency]").Select(a => a.GetAttribute("data-agency")).ToList();
        Assert.Contains(withoutAccount, listed);
        Assert.DoesNotContain("STP", listed); // its own mailbox
        Assert.Equal($"/admin/agencies?edit={withoutAccount}",
            page.Find($"[data-testid=unreachable-agency][data-agency={withoutAccount}]").GetAttribute("href"));
        Assert.Contains($"{listed.Count} đơn vị chưa có email", page.Find("[data-testid=unreachable-agencies]").TextContent);

        // Given a mailbox, the agency leaves the list.
        await using (var db = Database.CreateContext())
        {
            (await db.Agencies.SingleAsync(a => a.Code == withoutAccount)).ContactEmail = "vanthu@donvi.example";
            await db.SaveChangesAsync();
        }
        var again = Render<AdminHome>();
        again.WaitForAssertion(() => Assert.NotEmpty(again.FindAll("[data-testid=outbox-counts]")), Patience);
        Assert.DoesNotContain(withoutAccount, again.FindAll("[data-testid=unreachable-agency]").Select(a => a.GetAttribute("data-agency")));
    }

    [Fact]
    public void OnSqliteTheCardOffersABackupNow()
    {
        _backup = new DatabaseBackup(Database.ConnectionString,
            new BackupOptions { Directory = Path.Combine(Database.Folder, "backups") }, TimeProvider.System, NullLogger<DatabaseBackup>.Instance);
        Render<MudPopoverProvider>();
        var page = Render<AdminHome>();

        page.WaitForAssertion(() => Assert.Contains("Chưa có bản sao lưu nào.", page.Find("[data-testid=latest-backup]").TextContent), Patience);
        Assert.Contains("Sao lưu ngay", page.Find("[data-testid=backup-card]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=backup-pg-dump]"));
    }

    [Fact]
    public async Task WithoutMailSettingsTheOutboxCardSaysMailIsOffAndShowsTheQueuedMail()
    {
        await using (var db = Database.CreateContext())
        {
            await CommsPlan.Core.Mail.Outbox.EnqueueAsync(db, new CommsPlan.Core.Mail.OutgoingMail(CommsPlan.Core.Mail.MailKind.Urging,
                "test:urging:STP", "tuphap@example.vn", "Sở Tư pháp", "Đôn đốc gửi báo cáo Quý III/2021", "Nội dung"),
                DateTime.UtcNow, "giamsat");
            await db.SaveChangesAsync();
        }
        Render<MudPopoverProvider>();
        var page = Render<AdminHome>();

        page.WaitForAssertion(() => Assert.Contains("Chưa bật gửi thư", page.Find("[data-testid=mail-off]").TextContent), Patience);
        Assert.Contains("Chờ gửi: 1", page.Find("[data-testid=outbox-counts]").TextContent);
        Assert.Contains("Đôn đốc gửi báo cáo Quý III/2021", page.Find("[data-testid=outbox-latest]").TextContent);
    }
}
