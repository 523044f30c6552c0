using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CommsActivity = CommsPlan.Core.Activities.Activity;

namespace CommsPlan.Tests.Dashboard.Shared;

public sealed class AuditHistoryTests : DashboardTestContext
{
    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<UserContext>();
        _auth = AddAuthorization();
    }

    [Fact]
    public async Task ShowsWhoChangedTheRecordAndTheValuesBeforeAndAfter()
    {
        var id = await AddActivityAsync("STP", "Bài viết về một cửa");
        await RenameAsync(id, "Bài viết về một cửa liên thông");
        ActAs("giamsat", Roles.Monitor);

        var history = Render<AuditHistory>(p => p.Add(h => h.EntityType, "Activity").Add(h => h.EntityId, id.ToString()));

        history.WaitForAssertion(() => Assert.Equal(2, history.FindAll("[data-testid=audit-history-entry]").Count));
        var newest = history.FindAll("[data-testid=audit-history-entry]")[0].TextContent;
        Assert.Contains("Cập nhật · tuphap", newest);
        var changes = history.FindAll("[data-testid=audit-changes]")[0].TextContent;
        Assert.Contains("Tiêu đề:", changes);
        Assert.Contains("Bài viết về một cửa", changes);
        Assert.Contains("Bài viết về một cửa liên thông", changes);
    }

    [Fact]
    public async Task AnOfficerOfAnotherAgencyIsToldTheRecordIsNotFoundAndSeesNoHistory()
    {
        var id = await AddActivityAsync("DAITU", "Hội nghị ở Đại Từ");
        var stp = await AgencyIdAsync("STP");
        ActAs("tuphap", Roles.AgencyOfficer, stp);

        var history = Render<AuditHistory>(p => p.Add(h => h.EntityType, "Activity").Add(h => h.EntityId, id.ToString()));

        history.WaitForAssertion(() => Assert.Contains("Không tìm thấy bản ghi", history.Markup));
        Assert.Empty(history.FindAll("[data-testid=audit-history-entry]"));
        Assert.DoesNotContain("Hội nghị ở Đại Từ", history.Markup);
    }

    private void ActAs(string userName, string role, int? agencyId = null)
    {
        _auth.SetAuthorized(userName);
        _auth.SetRoles(role);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, $"id-{userName}") };
        if (agencyId is not null) claims.Add(new Claim(CommsPlanClaims.AgencyId, agencyId.Value.ToString()));
        _auth.SetClaims([.. claims]);
    }

    private async Task<int> AgencyIdAsync(string code)
    {
        await using var db = Database.CreateContext();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    private async Task<int> AddActivityAsync(string agencyCode, string title)
    {
        var officer = new CurrentUser("id-tuphap", "tuphap", [Roles.AgencyOfficer], null);
        await using var db = await Database.Factory.CreateForAsync(officer, TimeProvider.System);
        var activity = new CommsActivity
        {
            AgencyId = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync(),
            ChannelId = await db.Channels.Where(c => c.Code == "BAO").Select(c => c.Id).SingleAsync(),
            Title = title,
            StartDate = new DateOnly(2021, 6, 1),
            Quantity = 1,
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    private async Task RenameAsync(int id, string title)
    {
        var officer = new CurrentUser("id-tuphap", "tuphap", [Roles.AgencyOfficer], null);
        await using var db = await Database.Factory.CreateForAsync(officer, TimeProvider.System);
        (await db.Activities.SingleAsync(a => a.Id == id)).Title = title;
        await db.SaveChangesAsync();
    }
}
